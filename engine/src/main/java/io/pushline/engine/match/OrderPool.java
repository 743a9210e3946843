package io.pushline.engine.match;

import io.pushline.sbe.OrdType;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;

/**
 * Every order of a shard lives in these parallel arrays, addressed by an int handle, so the book allocates nothing
 * after start and walks memory that is laid out by field. Free slots are chained through {@link #next}.
 */
final class OrderPool
{
    static final int NONE = -1;

    final long[] orderId;
    final long[] clOrdId;
    final long[] price;
    final long[] orderQty;
    final long[] leavesQty;
    final long[] cumQty;
    final long[] expireTimeNs;
    final int[] sessionId;
    final int[] gatewayId;
    final int[] instrumentIndex;
    final int[] level;
    /** Next order in the price level (or in the free list). */
    final int[] next;
    final int[] prev;
    final int[] gtdNext;
    final int[] gtdPrev;
    final Side[] side;
    final OrdType[] ordType;
    final TimeInForce[] timeInForce;
    final boolean[] postOnly;

    private int freeHead;
    private int used;

    OrderPool(final int capacity)
    {
        orderId = new long[capacity];
        clOrdId = new long[capacity];
        price = new long[capacity];
        orderQty = new long[capacity];
        leavesQty = new long[capacity];
        cumQty = new long[capacity];
        expireTimeNs = new long[capacity];
        sessionId = new int[capacity];
        gatewayId = new int[capacity];
        instrumentIndex = new int[capacity];
        level = new int[capacity];
        next = new int[capacity];
        prev = new int[capacity];
        gtdNext = new int[capacity];
        gtdPrev = new int[capacity];
        side = new Side[capacity];
        ordType = new OrdType[capacity];
        timeInForce = new TimeInForce[capacity];
        postOnly = new boolean[capacity];
        for (int i = 0; i < capacity; i++)
        {
            next[i] = i + 1 < capacity ? i + 1 : NONE;
        }
        freeHead = capacity > 0 ? 0 : NONE;
    }

    /**
     * @return a free handle with its links cleared, or {@link #NONE} when the pool is exhausted.
     */
    int allocate()
    {
        final int handle = freeHead;
        if (handle != NONE)
        {
            freeHead = next[handle];
            next[handle] = NONE;
            prev[handle] = NONE;
            gtdNext[handle] = NONE;
            gtdPrev[handle] = NONE;
            level[handle] = NONE;
            used++;
        }
        return handle;
    }

    void free(final int handle)
    {
        side[handle] = null;
        ordType[handle] = null;
        timeInForce[handle] = null;
        next[handle] = freeHead;
        freeHead = handle;
        used--;
    }

    int used()
    {
        return used;
    }
}
