package io.pushline.engine.match;

import java.util.Arrays;

/**
 * The price levels of one side of one instrument, sorted so the best price is at the end of the arrays: most
 * activity happens near the touch, so inserts and removals there move few elements. Keys are the price for bids and
 * the negated price for asks, so "ascending key" means "worse to better" on both sides.
 */
final class SideBook
{
    static final int NONE = -1;
    private static final int INITIAL_CAPACITY = 64;
    private static final int NEAR_TOUCH_LEVELS = 8;

    private final boolean bid;
    private long[] keys = new long[INITIAL_CAPACITY];
    private int[] levels = new int[INITIAL_CAPACITY];
    private int size;

    SideBook(final boolean bid)
    {
        this.bid = bid;
    }

    boolean isBid()
    {
        return bid;
    }

    int size()
    {
        return size;
    }

    /**
     * @param rank 0 is the best level, size - 1 the worst.
     * @return the level handle at that rank.
     */
    int levelAtRank(final int rank)
    {
        return levels[size - 1 - rank];
    }

    int bestLevel()
    {
        return size == 0 ? NONE : levels[size - 1];
    }

    /**
     * @param price     of an incoming order on the other side.
     * @param bookPrice of a level on this side.
     * @return true if an order at price would trade with the level.
     */
    boolean crosses(final long price, final long bookPrice)
    {
        return bid ? price <= bookPrice : price >= bookPrice;
    }

    /**
     * Find the level at a price, or insert one taken from the pool.
     *
     * @param price of the level.
     * @param pool  to take a new level from.
     * @return the level handle.
     */
    int findOrInsert(final long price, final LevelPool pool)
    {
        final long key = bid ? price : -price;
        int index = search(key);
        if (index >= 0)
        {
            return levels[index];
        }
        index = -index - 1;
        if (size == keys.length)
        {
            grow();
        }
        System.arraycopy(keys, index, keys, index + 1, size - index);
        System.arraycopy(levels, index, levels, index + 1, size - index);
        final int level = pool.allocate(price);
        keys[index] = key;
        levels[index] = level;
        size++;
        return level;
    }

    /**
     * Remove the level at a price; it must be present.
     *
     * @param price of the level.
     */
    void remove(final long price)
    {
        final long key = bid ? price : -price;
        final int index = size > 0 && keys[size - 1] == key ? size - 1 : search(key);
        if (index < 0)
        {
            throw new IllegalStateException("no level at price " + price);
        }
        System.arraycopy(keys, index + 1, keys, index, size - index - 1);
        System.arraycopy(levels, index + 1, levels, index, size - index - 1);
        size--;
    }

    private int search(final long key)
    {
        final int last = size - 1;
        // most searches land near the touch at the end of the array: check it, then walk back a few levels
        if (size > 0 && keys[last] <= key)
        {
            return keys[last] == key ? last : -size - 1;
        }
        final int stop = Math.max(0, last - NEAR_TOUCH_LEVELS);
        for (int i = last - 1; i >= stop; i--)
        {
            final long k = keys[i];
            if (k == key)
            {
                return i;
            }
            if (k < key)
            {
                return -(i + 1) - 1;
            }
        }
        int low = 0;
        int high = stop - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long midKey = keys[mid];
            if (midKey < key)
            {
                low = mid + 1;
            }
            else if (midKey > key)
            {
                high = mid - 1;
            }
            else
            {
                return mid;
            }
        }
        return -(low + 1);
    }

    private void grow()
    {
        // amortised and only while the book grows past its largest size so far; steady state allocates nothing
        keys = Arrays.copyOf(keys, keys.length * 2);
        levels = Arrays.copyOf(levels, levels.length * 2);
    }
}
