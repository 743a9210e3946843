package io.pushline.engine.match;

import io.pushline.sbe.OrdType;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;

/**
 * Every order of a shard, addressed by an int handle, laid out order by order: eight longs (one cache line), eight
 * ints and four bytes per order. One array per field would put the same index of every field in the same cache set
 * (large arrays start on aligned regions), and an order's fields would cost a cache line each. Free slots are chained
 * through the next link. Nothing is allocated after construction.
 */
final class OrderPool
{
    static final int NONE = -1;

    private static final int LONGS = 8;
    private static final int ORDER_ID = 0;
    private static final int CL_ORD_ID = 1;
    private static final int PRICE = 2;
    private static final int ORDER_QTY = 3;
    private static final int LEAVES_QTY = 4;
    private static final int CUM_QTY = 5;
    private static final int EXPIRE_TIME_NS = 6;

    private static final int INTS = 8;
    private static final int NEXT = 0;
    private static final int PREV = 1;
    private static final int LEVEL = 2;
    private static final int SESSION_ID = 3;
    private static final int GATEWAY_ID = 4;
    private static final int INSTRUMENT_INDEX = 5;
    private static final int EXPIRY_POSITION = 6;

    private static final int BYTES = 4;
    private static final int SIDE = 0;
    private static final int ORD_TYPE = 1;
    private static final int TIME_IN_FORCE = 2;
    private static final int POST_ONLY = 3;

    private static final Side[] SIDES = Side.values();
    private static final OrdType[] ORD_TYPES = OrdType.values();
    private static final TimeInForce[] TIMES_IN_FORCE = TimeInForce.values();
    private static final byte BUY = (byte)Side.BUY.ordinal();

    private final long[] longs;
    private final int[] ints;
    private final byte[] bytes;
    private int freeHead;
    private int used;

    OrderPool(final int capacity)
    {
        longs = new long[capacity * LONGS];
        ints = new int[capacity * INTS];
        bytes = new byte[capacity * BYTES];
        for (int i = 0; i < capacity; i++)
        {
            next(i, i + 1 < capacity ? i + 1 : NONE);
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
            freeHead = next(handle);
            next(handle, NONE);
            prev(handle, NONE);
            expiryPosition(handle, NONE);
            level(handle, NONE);
            used++;
        }
        return handle;
    }

    void free(final int handle)
    {
        next(handle, freeHead);
        freeHead = handle;
        used--;
    }

    int used()
    {
        return used;
    }

    long orderId(final int h)
    {
        return longs[h * LONGS + ORDER_ID];
    }

    void orderId(final int h, final long value)
    {
        longs[h * LONGS + ORDER_ID] = value;
    }

    long clOrdId(final int h)
    {
        return longs[h * LONGS + CL_ORD_ID];
    }

    void clOrdId(final int h, final long value)
    {
        longs[h * LONGS + CL_ORD_ID] = value;
    }

    long price(final int h)
    {
        return longs[h * LONGS + PRICE];
    }

    void price(final int h, final long value)
    {
        longs[h * LONGS + PRICE] = value;
    }

    long orderQty(final int h)
    {
        return longs[h * LONGS + ORDER_QTY];
    }

    void orderQty(final int h, final long value)
    {
        longs[h * LONGS + ORDER_QTY] = value;
    }

    long leavesQty(final int h)
    {
        return longs[h * LONGS + LEAVES_QTY];
    }

    void leavesQty(final int h, final long value)
    {
        longs[h * LONGS + LEAVES_QTY] = value;
    }

    long cumQty(final int h)
    {
        return longs[h * LONGS + CUM_QTY];
    }

    void cumQty(final int h, final long value)
    {
        longs[h * LONGS + CUM_QTY] = value;
    }

    long expireTimeNs(final int h)
    {
        return longs[h * LONGS + EXPIRE_TIME_NS];
    }

    void expireTimeNs(final int h, final long value)
    {
        longs[h * LONGS + EXPIRE_TIME_NS] = value;
    }

    int next(final int h)
    {
        return ints[h * INTS + NEXT];
    }

    void next(final int h, final int value)
    {
        ints[h * INTS + NEXT] = value;
    }

    int prev(final int h)
    {
        return ints[h * INTS + PREV];
    }

    void prev(final int h, final int value)
    {
        ints[h * INTS + PREV] = value;
    }

    int level(final int h)
    {
        return ints[h * INTS + LEVEL];
    }

    void level(final int h, final int value)
    {
        ints[h * INTS + LEVEL] = value;
    }

    int sessionId(final int h)
    {
        return ints[h * INTS + SESSION_ID];
    }

    void sessionId(final int h, final int value)
    {
        ints[h * INTS + SESSION_ID] = value;
    }

    int gatewayId(final int h)
    {
        return ints[h * INTS + GATEWAY_ID];
    }

    void gatewayId(final int h, final int value)
    {
        ints[h * INTS + GATEWAY_ID] = value;
    }

    int instrumentIndex(final int h)
    {
        return ints[h * INTS + INSTRUMENT_INDEX];
    }

    void instrumentIndex(final int h, final int value)
    {
        ints[h * INTS + INSTRUMENT_INDEX] = value;
    }

    /** Position of a GTD order in the shard's expiry heap, or NONE. */
    int expiryPosition(final int h)
    {
        return ints[h * INTS + EXPIRY_POSITION];
    }

    void expiryPosition(final int h, final int value)
    {
        ints[h * INTS + EXPIRY_POSITION] = value;
    }

    Side side(final int h)
    {
        return SIDES[bytes[h * BYTES + SIDE]];
    }

    boolean isBuy(final int h)
    {
        return bytes[h * BYTES + SIDE] == BUY;
    }

    OrdType ordType(final int h)
    {
        return ORD_TYPES[bytes[h * BYTES + ORD_TYPE]];
    }

    TimeInForce timeInForce(final int h)
    {
        return TIMES_IN_FORCE[bytes[h * BYTES + TIME_IN_FORCE]];
    }

    boolean is(final int h, final TimeInForce tif)
    {
        return bytes[h * BYTES + TIME_IN_FORCE] == tif.ordinal();
    }

    boolean postOnly(final int h)
    {
        return bytes[h * BYTES + POST_ONLY] != 0;
    }

    void postOnly(final int h, final boolean value)
    {
        bytes[h * BYTES + POST_ONLY] = (byte)(value ? 1 : 0);
    }

    /** Enums are kept as ordinals: a reference store into a large array would cost a GC write barrier. */
    void enums(final int h, final Side side, final OrdType ordType, final TimeInForce timeInForce)
    {
        bytes[h * BYTES + SIDE] = (byte)side.ordinal();
        bytes[h * BYTES + ORD_TYPE] = (byte)ordType.ordinal();
        bytes[h * BYTES + TIME_IN_FORCE] = (byte)timeInForce.ordinal();
    }
}
