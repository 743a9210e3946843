package io.pushline.engine.match;

/**
 * Price levels of a shard in parallel arrays: a FIFO of orders (head, tail), its price, and totals. Free levels are
 * chained through {@link #head}.
 */
final class LevelPool
{
    static final int NONE = -1;

    final long[] price;
    final long[] totalQty;
    final int[] head;
    final int[] tail;
    final int[] count;

    private int freeHead;

    LevelPool(final int capacity)
    {
        price = new long[capacity];
        totalQty = new long[capacity];
        head = new int[capacity];
        tail = new int[capacity];
        count = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            head[i] = i + 1 < capacity ? i + 1 : NONE;
        }
        freeHead = capacity > 0 ? 0 : NONE;
    }

    int allocate(final long levelPrice)
    {
        final int handle = freeHead;
        if (handle == NONE)
        {
            throw new IllegalStateException("level pool exhausted: sized at least as large as the order pool");
        }
        freeHead = head[handle];
        price[handle] = levelPrice;
        totalQty[handle] = 0;
        head[handle] = NONE;
        tail[handle] = NONE;
        count[handle] = 0;
        return handle;
    }

    void free(final int handle)
    {
        head[handle] = freeHead;
        freeHead = handle;
    }
}
