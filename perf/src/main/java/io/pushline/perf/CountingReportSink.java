package io.pushline.perf;

import io.pushline.engine.match.Report;
import io.pushline.engine.match.ReportSink;

/**
 * A report sink that costs next to nothing: every claim clears and hands out the same pre-allocated report, as a
 * report stream clears its slot, and every commit only counts. For measuring a matcher alone.
 */
public final class CountingReportSink implements ReportSink
{
    private final Report report = new Report();
    private long committed;

    /**
     * {@inheritDoc}
     */
    public Report claim()
    {
        return report.reset();
    }

    /**
     * {@inheritDoc}
     */
    public void commit()
    {
        committed++;
    }

    /**
     * @return reports committed so far.
     */
    public long committed()
    {
        return committed;
    }

    /**
     * @return the last report written; its fields depend on every report, so it keeps the work observable.
     */
    public Report last()
    {
        return report;
    }
}
