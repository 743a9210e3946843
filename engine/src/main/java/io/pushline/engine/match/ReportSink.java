package io.pushline.engine.match;

/**
 * Where a matcher writes its reports: claim a pre-allocated, cleared slot, fill it, commit it. A sink may make the
 * claim wait (or push the full part downstream, "more to follow") when it is full, so a command that produces more
 * reports than the sink holds still yields every report, in order, without allocating.
 */
public interface ReportSink
{
    /**
     * Claim the next slot. Its fields are cleared.
     *
     * @return the slot to fill; valid until {@link #commit()}.
     */
    Report claim();

    /**
     * Make the claimed slot visible downstream.
     */
    void commit();
}
