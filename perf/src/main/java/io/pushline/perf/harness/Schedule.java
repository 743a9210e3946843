package io.pushline.perf.harness;

/**
 * When each message of an open-loop run is meant to be sent: message {@code k} at {@code startNs + k / rate}, computed
 * from the start every time, so rounding never accumulates and a late send never moves the later ones.
 * Latency is measured from this intended time, not from the moment the message actually left, so a stall of the
 * sender or of the system under test shows in every message it delayed (no coordinated omission).
 *
 * @param startNs       {@link System#nanoTime()} at which message 0 is due.
 * @param ratePerSecond messages per second offered.
 * @param warmupCount   messages at the start whose latencies are not recorded.
 * @param totalCount    messages in the run, warm-up included.
 */
public record Schedule(long startNs, long ratePerSecond, long warmupCount, long totalCount)
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Above this rate the schedule's nanosecond arithmetic loses meaning. */
    public static final long MAX_RATE = 100_000_000L;

    /**
     * Validate.
     */
    public Schedule
    {
        if (ratePerSecond < 1 || ratePerSecond > MAX_RATE)
        {
            throw new IllegalArgumentException("rate must be in [1, " + MAX_RATE + "] per second: " + ratePerSecond);
        }
        if (warmupCount < 0 || totalCount <= warmupCount)
        {
            throw new IllegalArgumentException(
                "need 0 <= warm-up < total messages: " + warmupCount + ", " + totalCount);
        }
        if (totalCount > Long.MAX_VALUE / NANOS_PER_SECOND)
        {
            throw new IllegalArgumentException("too many messages for one run: " + totalCount);
        }
    }

    /**
     * A schedule for a rate, a warm-up and a measured duration.
     *
     * @param startNs       when message 0 is due.
     * @param ratePerSecond messages per second.
     * @param warmupNs      warm-up time (not recorded).
     * @param durationNs    measured time after the warm-up.
     * @return the schedule.
     */
    public static Schedule of(final long startNs, final long ratePerSecond, final long warmupNs, final long durationNs)
    {
        return new Schedule(startNs, ratePerSecond, countIn(warmupNs, ratePerSecond),
            countIn(warmupNs, ratePerSecond) + countIn(durationNs, ratePerSecond));
    }

    /**
     * @param durationNs a time span.
     * @param ratePerSecond a rate.
     * @return messages due in that span at that rate.
     */
    public static long countIn(final long durationNs, final long ratePerSecond)
    {
        return Math.multiplyHigh(durationNs, ratePerSecond) == 0 ?
            durationNs * ratePerSecond / NANOS_PER_SECOND :
            (long)((double)durationNs * ratePerSecond / NANOS_PER_SECOND);
    }

    /**
     * @param k index of a message.
     * @return {@link System#nanoTime()} at which it is due.
     */
    public long intendedNs(final long k)
    {
        return startNs + k * NANOS_PER_SECOND / ratePerSecond;
    }

    /**
     * @param k index of a message.
     * @return true if its latency is recorded (it is past the warm-up and in the run).
     */
    public boolean isMeasured(final long k)
    {
        return k >= warmupCount && k < totalCount;
    }

    /**
     * @return messages whose latency is recorded.
     */
    public long measuredCount()
    {
        return totalCount - warmupCount;
    }

    /**
     * @return when the first measured message is due.
     */
    public long measuredStartNs()
    {
        return intendedNs(warmupCount);
    }

    /**
     * @return when the last message is due.
     */
    public long lastIntendedNs()
    {
        return intendedNs(totalCount - 1);
    }
}
