package io.pushline.engine.chain;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;

/**
 * Client order ids each session has used, mapped to the engine order id and instrument they named. An entry does not
 * mean the order is still live: liveness is the matcher's to say (see {@link ShardGate}). Entries of finished orders
 * are swept away when the registry grows past a threshold, which never changes a decision, only memory.
 */
final class ClientOrderIds
{
    static final long MISSING = -1L;
    private static final int INSTRUMENT_BITS = 16;
    static final int MAX_INSTRUMENTS = 1 << INSTRUMENT_BITS;

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

    static long orderId(final long entry)
    {
        return entry >>> INSTRUMENT_BITS;
    }

    static int instrumentIndex(final long entry)
    {
        return (int)(entry & (MAX_INSTRUMENTS - 1));
    }

    /**
     * Remove every entry whose order is no longer live.
     *
     * @param check asks the matchers; they must be quiescent.
     */
    void sweep(final LiveCheck check)
    {
        for (final Long2LongHashMap ids : bySession.values())
        {
            deadIds.clear();
            ids.forEachLong((clOrdId, entry) ->
            {
                if (!check.isLive(orderId(entry), instrumentIndex(entry), clOrdId))
                {
                    deadIds.addLong(clOrdId);
                }
            });
            for (int i = 0; i < deadIds.size(); i++)
            {
                ids.remove(deadIds.getLong(i));
            }
            size -= deadIds.size();
        }
    }
}
