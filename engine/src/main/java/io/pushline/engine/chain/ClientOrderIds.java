package io.pushline.engine.chain;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongLongConsumer;

/**
 * Client order ids each session has used, mapped to the engine order id and instrument they named. An entry does not
 * mean the order is still live: liveness is the matcher's to say (see {@link ShardGate}). Before a session's map
 * would grow, the entries of its finished orders are swept away; it grows only when more than half of it is still
 * live. Sweeping never changes a decision, only memory, and keeps the steady state free of allocation.
 */
final class ClientOrderIds
{
    static final long MISSING = -1L;
    private static final int INSTRUMENT_BITS = 16;


    /**
     * Is this entry still live?
     */
    @FunctionalInterface
    interface LiveCheck
    {
        boolean isLive(long orderId, int instrumentIndex, long clOrdId);
    }

    private final Int2ObjectHashMap<Long2LongHashMap> bySession = new Int2ObjectHashMap<>();
    private final LongArrayList deadIds = new LongArrayList();
    private final LongLongConsumer collectDead = this::collectDead;
    private LiveCheck sweepCheck;
    private final int initialSessionCapacity;
    private long size;

    ClientOrderIds(final int initialSessionCapacity)
    {
        this.initialSessionCapacity = initialSessionCapacity;
    }

    long get(final int sessionId, final long clOrdId)
    {
        final Long2LongHashMap ids = bySession.get(sessionId);
        return ids == null ? MISSING : ids.get(clOrdId);
    }

    void put(final int sessionId, final long clOrdId, final long orderId, final int instrumentIndex)
    {
        Long2LongHashMap ids = bySession.get(sessionId);
        if (ids == null)
        {
            // once per session, not per order
            ids = new Long2LongHashMap(initialSessionCapacity, 0.65f, MISSING);
            bySession.put(sessionId, ids);
        }
        if (ids.put(clOrdId, (orderId << INSTRUMENT_BITS) | instrumentIndex) == MISSING)
        {
            size++;
        }
    }

    long size()
    {
        return size;
    }

    /**
     * @return true if one more id for this session would make its map grow.
     */
    boolean wouldGrow(final int sessionId)
    {
        final Long2LongHashMap ids = bySession.get(sessionId);
        return ids != null && ids.size() + 1 > ids.resizeThreshold();
    }

    static long orderId(final long entry)
    {
        return entry >>> INSTRUMENT_BITS;
    }

    static int instrumentIndex(final long entry)
    {
        return (int)(entry & ((1 << INSTRUMENT_BITS) - 1));
    }

    /**
     * Remove every entry of one session whose order is no longer live.
     *
     * @param sessionId whose ids.
     * @param check     asks the matchers; they must be quiescent.
     */
    void sweep(final int sessionId, final LiveCheck check)
    {
        final Long2LongHashMap ids = bySession.get(sessionId);
        if (ids == null)
        {
            return;
        }
        sweepCheck = check;
        deadIds.clear();
        ids.forEachLong(collectDead);
        for (int i = 0; i < deadIds.size(); i++)
        {
            ids.remove(deadIds.getLong(i));
        }
        size -= deadIds.size();
        sweepCheck = null;
        if (ids.size() > ids.resizeThreshold() - ids.resizeThreshold() / 4)
        {
            // most ids are live: sweeping again soon would free little, so make room now (real growth, not churn)
            grow(sessionId, ids);
        }
    }

    private void grow(final int sessionId, final Long2LongHashMap ids)
    {
        final Long2LongHashMap larger = new Long2LongHashMap(ids.capacity() * 2, 0.65f, MISSING);
        ids.forEachLong(larger::put);
        bySession.put(sessionId, larger);
    }

    private void collectDead(final long clOrdId, final long entry)
    {
        if (!sweepCheck.isLive(orderId(entry), instrumentIndex(entry), clOrdId))
        {
            deadIds.addLong(clOrdId);
        }
    }
}
