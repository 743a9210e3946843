package io.pushline.engine.chain;

import org.agrona.concurrent.status.AtomicCounter;

/**
 * Per-node counters, readable from any thread while the engine runs (and, once the engine runs on Aeron, from
 * AeronStat). The node counts into plain fields and publishes them with release stores once per batch, so counting
 * costs the hot path almost nothing.
 */
public final class NodeCounters
{
    /**
     * Makes a counter with a label; {@code CountersManager::newCounter} fits, and so does an Aeron client's.
     */
    @FunctionalInterface
    public interface Factory
    {
        /**
         * @param label shown by AeronStat and the stat tool.
         * @return a new counter.
         */
        AtomicCounter newCounter(String label);
    }

    private final AtomicCounter events;
    private final AtomicCounter batches;
    private final AtomicCounter rejects;
    private final AtomicCounter busyNs;
    private final AtomicCounter malformed;
    private final AtomicCounter waits;
    private long eventCount;
    private long batchCount;
    private long rejectCount;
    private long busyNsTotal;
    private long malformedCount;
    private long waitCount;
    private long batchStartNs;

    /**
     * @param node    name of the node, prefixed to every label.
     * @param factory makes the counters.
     */
    public NodeCounters(final String node, final Factory factory)
    {
        events = factory.newCounter(node + ": events");
        batches = factory.newCounter(node + ": batches");
        rejects = factory.newCounter(node + ": rejects");
        busyNs = factory.newCounter(node + ": busy ns");
        malformed = factory.newCounter(node + ": malformed inputs");
        waits = factory.newCounter(node + ": waits");
    }

    void batchStart(final long nowNs)
    {
        batchStartNs = nowNs;
    }

    void event()
    {
        eventCount++;
    }

    void reject()
    {
        rejectCount++;
    }

    void malformed()
    {
        malformedCount++;
    }

    void gateWait()
    {
        waitCount++;
    }

    void sweep()
    {
        waitCount++;
    }

    /**
     * Publish the batch's figures.
     *
     * @param nowNs monotonic time at the end of the batch.
     */
    void batchEnd(final long nowNs)
    {
        busyNsTotal += nowNs - batchStartNs;
        publishUntimed();
    }

    /**
     * Publish the batch's figures for a node whose time is counted elsewhere (the one-thread chain).
     */
    void publishUntimed()
    {
        batchCount++;
        events.setRelease(eventCount);
        batches.setRelease(batchCount);
        rejects.setRelease(rejectCount);
        busyNs.setRelease(busyNsTotal);
        malformed.setRelease(malformedCount);
        waits.setRelease(waitCount);
    }

    /**
     * @return events processed, as last published.
     */
    public long events()
    {
        return events.get();
    }

    /**
     * @return batches processed, as last published.
     */
    public long batches()
    {
        return batches.get();
    }

    /**
     * @return rejects produced, as last published.
     */
    public long rejects()
    {
        return rejects.get();
    }

    /**
     * @return nanoseconds spent inside batches, as last published.
     */
    public long busyNs()
    {
        return busyNs.get();
    }

    /**
     * @return malformed inputs seen, as last published.
     */
    public long malformedInputs()
    {
        return malformed.get();
    }

    /**
     * @return waits on another node, as last published.
     */
    public long waits()
    {
        return waits.get();
    }
}
