package io.pushline.engine.chain;

import java.util.Arrays;

/**
 * With several match shards: the client order ids the sessions have used, mapped to the instrument they named, so a
 * cancel or replace can be routed to its shard and an id live on one shard is not reused on another. One
 * open-addressing table keyed by (session, client order id). (With one shard the matcher alone decides.)
 * <p>
 * An entry does not mean the order is still live: liveness is the matcher's to say (see {@link ShardGate}). When the
 * table is half full, the entries of finished orders are swept out by copying the live ones into a spare table of the
 * same size; only when most entries are live does the table grow. Sweeping changes memory, never an answer.
 */
final class ClientOrderIds
{
    static final long MISSING = -1L;

    /**
     * Is this entry still live?
     */
    @FunctionalInterface
    interface LiveCheck
    {
        boolean isLive(int instrumentIndex, int sessionId, long clOrdId);
    }

    private int[] sessions;
    private long[] clOrdIds;
    private long[] entries;
    private int[] spareSessions;
    private long[] spareClOrdIds;
    private long[] spareEntries;
    private int mask;
    private int shift;
    private int size;

    ClientOrderIds(final int initialCapacity)
    {
        allocate(Math.max(16, Integer.highestOneBit(Math.max(1, initialCapacity - 1)) << 1));
    }

    long get(final int sessionId, final long clOrdId)
    {
        final long[] entries = this.entries;
        for (int i = slot(sessionId, clOrdId); ; i = (i + 1) & mask)
        {
            final long entry = entries[i];
            if (entry == MISSING || (clOrdIds[i] == clOrdId && sessions[i] == sessionId))
            {
                return entry;
            }
        }
    }

    void put(final int sessionId, final long clOrdId, final int instrumentIndex)
    {
        if (isFull())
        {
            // callers sweep before this point; only a restore from a snapshot (every id live) gets here
            grow();
        }
        final long[] entries = this.entries;
        int i = slot(sessionId, clOrdId);
        while (entries[i] != MISSING && !(clOrdIds[i] == clOrdId && sessions[i] == sessionId))
        {
            i = (i + 1) & mask;
        }
        if (entries[i] == MISSING)
        {
            size++;
            sessions[i] = sessionId;
            clOrdIds[i] = clOrdId;
        }
        entries[i] = instrumentIndex;
    }

    /**
     * @return true when one more id would take the table past half full: time to sweep before the next put.
     */
    boolean isFull()
    {
        return size + 1 > (mask + 1) >>> 1;
    }

    /**
     * Keep only the entries whose order is live; grow if they still fill more than three quarters of the half.
     *
     * @param check asks the matchers; they must be quiescent.
     */
    void sweep(final LiveCheck check)
    {
        final int[] oldSessions = sessions;
        final long[] oldClOrdIds = clOrdIds;
        final long[] oldEntries = entries;
        sessions = spareSessions;
        clOrdIds = spareClOrdIds;
        entries = spareEntries;
        spareSessions = oldSessions;
        spareClOrdIds = oldClOrdIds;
        spareEntries = oldEntries;
        Arrays.fill(entries, MISSING);
        size = 0;
        copyLive(oldSessions, oldClOrdIds, oldEntries, check);
        if (size > ((mask + 1) >>> 1) - ((mask + 1) >>> 3))
        {
            // most ids are live: sweeping again soon would free little, so make room now (real growth, not churn)
            grow();
        }
    }

    private void copyLive(final int[] fromSessions, final long[] fromClOrdIds, final long[] fromEntries,
        final LiveCheck check)
    {
        for (int i = 0; i < fromEntries.length; i++)
        {
            final long entry = fromEntries[i];
            if (entry != MISSING && (check == null || check.isLive((int)entry, fromSessions[i], fromClOrdIds[i])))
            {
                put(fromSessions[i], fromClOrdIds[i], (int)entry);
            }
        }
    }

    private void grow()
    {
        final int[] oldSessions = sessions;
        final long[] oldClOrdIds = clOrdIds;
        final long[] oldEntries = entries;
        allocate((mask + 1) << 1);
        copyLive(oldSessions, oldClOrdIds, oldEntries, null);
    }

    private void allocate(final int capacity)
    {
        sessions = new int[capacity];
        clOrdIds = new long[capacity];
        entries = new long[capacity];
        spareSessions = new int[capacity];
        spareClOrdIds = new long[capacity];
        spareEntries = new long[capacity];
        Arrays.fill(entries, MISSING);
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        size = 0;
    }

    /** Fibonacci hashing of both keys: consecutive ids of one session spread over the table. */
    private int slot(final int sessionId, final long clOrdId)
    {
        return (int)(((clOrdId * 31 + sessionId) * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
