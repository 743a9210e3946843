package io.pushline.engine.match;

/**
 * Price levels of a shard, laid out level by level (price, then head, tail and count): a FIFO of orders and its
 * price. Free levels are chained through the head link. Nothing is allocated after
 * construction.
 */
final class LevelPool
{
    static final int NONE = -1;

    private static final int LONGS = 1;
    private static final int PRICE = 0;
    private static final int INTS = 4;
    private static final int HEAD = 0;
    private static final int TAIL = 1;
    private static final int COUNT = 2;

    private final long[] longs;
    private final int[] ints;
    private int freeHead;

    LevelPool(final int capacity)
    {
        longs = new long[capacity * LONGS];
        ints = new int[capacity * INTS];
        for (int i = 0; i < capacity; i++)
        {
            head(i, i + 1 < capacity ? i + 1 : NONE);
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
        freeHead = head(handle);
        price(handle, levelPrice);
        head(handle, NONE);
        tail(handle, NONE);
        count(handle, 0);
        return handle;
    }

    void free(final int handle)
    {
        head(handle, freeHead);
        freeHead = handle;
    }

    long price(final int h)
    {
        return longs[h * LONGS + PRICE];
    }

    void price(final int h, final long value)
    {
        longs[h * LONGS + PRICE] = value;
    }

    int head(final int h)
    {
        return ints[h * INTS + HEAD];
    }

    void head(final int h, final int value)
    {
        ints[h * INTS + HEAD] = value;
    }

    int tail(final int h)
    {
        return ints[h * INTS + TAIL];
    }

    void tail(final int h, final int value)
    {
        ints[h * INTS + TAIL] = value;
    }

    int count(final int h)
    {
        return ints[h * INTS + COUNT];
    }

    void count(final int h, final int value)
    {
        ints[h * INTS + COUNT] = value;
    }

    /**
     * @return the count after taking one off.
     */
    int decrementCount(final int h)
    {
        return --ints[h * INTS + COUNT];
    }
}
