package io.pushline.engine.match;

import java.util.Arrays;

/**
 * The resting orders of a shard by (session, client order id): exactly the live ids, so the matcher can answer a
 * duplicate id or an unknown order itself, and find the order a cancel or replace names, in one probe of a compact
 * table. Open addressing with linear probing and backward-shift deletion (no tombstones); each entry is two adjacent
 * longs (the client order id, then the session and the order handle), so a probe touches one cache line. Starts at a
 * typical size and doubles only when the book passes its largest size so far.
 */
final class LiveOrderIds
{
    static final int MISSING = -1;
    /** Session -1 and handle -1: no real entry has both. */
    private static final long EMPTY = -1L;

    private long[] table;
    private int mask;
    private int shift;
    private int size;
    private int resizeThreshold;

    LiveOrderIds(final int initialCapacity)
    {
        allocate(Math.max(16, Integer.highestOneBit(Math.max(1, initialCapacity - 1)) << 1));
    }

    int get(final int sessionId, final long clOrdId)
    {
        final long[] table = this.table;
        for (int i = slot(sessionId, clOrdId); ; i = (i + 1) & mask)
        {
            final long meta = table[(i << 1) + 1];
            if (meta == EMPTY)
            {
                return MISSING;
            }
            if (table[i << 1] == clOrdId && (int)(meta >>> 32) == sessionId)
            {
                return (int)meta;
            }
        }
    }

    /**
     * @param sessionId owner.
     * @param clOrdId   client order id, not live in the session.
     * @param handle    of the resting order.
     */
    void put(final int sessionId, final long clOrdId, final int handle)
    {
        if (size >= resizeThreshold)
        {
            grow();
        }
        final long[] table = this.table;
        int i = slot(sessionId, clOrdId);
        while (table[(i << 1) + 1] != EMPTY)
        {
            i = (i + 1) & mask;
        }
        table[i << 1] = clOrdId;
        table[(i << 1) + 1] = ((long)sessionId << 32) | (handle & 0xFFFF_FFFFL);
        size++;
    }

    void remove(final int sessionId, final long clOrdId)
    {
        final long[] table = this.table;
        int i = slot(sessionId, clOrdId);
        long meta;
        while ((meta = table[(i << 1) + 1]) != EMPTY && !(table[i << 1] == clOrdId && (int)(meta >>> 32) == sessionId))
        {
            i = (i + 1) & mask;
        }
        if (meta == EMPTY)
        {
            return;
        }
        size--;
        // backward shift: pull later entries of the probe run into the hole so no lookup stops early
        int hole = i;
        for (int j = (i + 1) & mask; (meta = table[(j << 1) + 1]) != EMPTY; j = (j + 1) & mask)
        {
            final int ideal = slot((int)(meta >>> 32), table[j << 1]);
            if (((j - ideal) & mask) >= ((j - hole) & mask))
            {
                table[hole << 1] = table[j << 1];
                table[(hole << 1) + 1] = meta;
                hole = j;
            }
        }
        table[(hole << 1) + 1] = EMPTY;
    }

    private void grow()
    {
        final long[] old = table;
        allocate((mask + 1) << 1);
        for (int i = 0; i < old.length; i += 2)
        {
            final long meta = old[i + 1];
            if (meta != EMPTY)
            {
                put((int)(meta >>> 32), old[i], (int)meta);
            }
        }
    }

    private void allocate(final int capacity)
    {
        table = new long[capacity << 1];
        Arrays.fill(table, EMPTY);
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        resizeThreshold = capacity >>> 1;
        size = 0;
    }

    /** Fibonacci hashing of both keys: consecutive ids of one session spread over the table. */
    private int slot(final int sessionId, final long clOrdId)
    {
        return (int)(((clOrdId * 31 + sessionId) * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
