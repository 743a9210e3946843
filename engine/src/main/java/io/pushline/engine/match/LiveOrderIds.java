package io.pushline.engine.match;

import java.util.Arrays;

/**
 * The resting orders of a shard by (session, client order id): exactly the live ids, so the matcher can answer a
 * duplicate id or an unknown order itself, and find the order a cancel or replace names, in one probe of a compact
 * table. Open addressing with linear probing and backward-shift deletion (no tombstones), so lookups stay short
 * however many orders come and go. Starts at a typical size and doubles only when the book passes its largest size.
 */
final class LiveOrderIds
{
    static final int MISSING = -1;

    private int[] sessions;
    private long[] clOrdIds;
    private int[] handles;
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
        for (int i = slot(sessionId, clOrdId); ; i = (i + 1) & mask)
        {
            final int handle = handles[i];
            if (handle == MISSING || (clOrdIds[i] == clOrdId && sessions[i] == sessionId))
            {
                return handle;
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
        int i = slot(sessionId, clOrdId);
        while (handles[i] != MISSING)
        {
            i = (i + 1) & mask;
        }
        sessions[i] = sessionId;
        clOrdIds[i] = clOrdId;
        handles[i] = handle;
        size++;
    }

    void remove(final int sessionId, final long clOrdId)
    {
        int i = slot(sessionId, clOrdId);
        while (handles[i] != MISSING && !(clOrdIds[i] == clOrdId && sessions[i] == sessionId))
        {
            i = (i + 1) & mask;
        }
        if (handles[i] == MISSING)
        {
            return;
        }
        size--;
        // backward shift: pull later entries of the probe run into the hole so no lookup stops early
        int hole = i;
        for (int j = (i + 1) & mask; handles[j] != MISSING; j = (j + 1) & mask)
        {
            final int ideal = slot(sessions[j], clOrdIds[j]);
            if (((j - ideal) & mask) >= ((j - hole) & mask))
            {
                sessions[hole] = sessions[j];
                clOrdIds[hole] = clOrdIds[j];
                handles[hole] = handles[j];
                hole = j;
            }
        }
        handles[hole] = MISSING;
    }

    int size()
    {
        return size;
    }

    private void grow()
    {
        final int[] oldSessions = sessions;
        final long[] oldClOrdIds = clOrdIds;
        final int[] oldHandles = handles;
        allocate((mask + 1) << 1);
        for (int i = 0; i < oldHandles.length; i++)
        {
            if (oldHandles[i] != MISSING)
            {
                put(oldSessions[i], oldClOrdIds[i], oldHandles[i]);
            }
        }
    }

    private void allocate(final int capacity)
    {
        sessions = new int[capacity];
        clOrdIds = new long[capacity];
        handles = new int[capacity];
        Arrays.fill(handles, MISSING);
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
