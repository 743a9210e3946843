package io.pushline.perf.harness;

import java.util.concurrent.TimeUnit;

/**
 * The load of one run.
 *
 * @param ratePerSecond   messages per second offered.
 * @param warmupNs        time at the start whose latencies are not recorded.
 * @param durationNs      measured time after the warm-up.
 * @param loadIdle        idle strategy of the load thread between sends (see {@link IdleStrategies}).
 * @param drainTimeoutNs  how long to wait after the last send for the last replies.
 * @param intervalNs      length of one interval of the interval log.
 */
public record RunSpec(
    long ratePerSecond, long warmupNs, long durationNs, String loadIdle, long drainTimeoutNs, long intervalNs)
{
    /** Lead time between creating the schedule and the first intended send. */
    public static final long START_LEAD_NS = TimeUnit.MILLISECONDS.toNanos(20);

    /**
     * Validate.
     */
    public RunSpec
    {
        if (durationNs <= 0 || warmupNs < 0 || drainTimeoutNs < 0 || intervalNs <= 0)
        {
            throw new IllegalArgumentException("durations must be positive (warm-up and drain may be 0)");
        }
        IdleStrategies.of(loadIdle);
    }

    /**
     * @param rate another rate.
     * @return this spec at that rate.
     */
    public RunSpec withRate(final long rate)
    {
        return new RunSpec(rate, warmupNs, durationNs, loadIdle, drainTimeoutNs, intervalNs);
    }
}
