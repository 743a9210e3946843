package io.pushline.gateway;

/**
 * A sliding-window throttle: at most {@code limit} messages in any window of {@code windowNs}. It keeps the times
 * of the last {@code limit} accepted messages in a ring, so the answer is exact, and allocates only at creation.
 * Only accepted messages count: a throttled message does not push the window on.
 */
final class Throttle
{
    private final long[] times;
    private final long windowNs;
    private int oldest;
    private int count;

    Throttle(final int limit, final long windowNs)
    {
        this.times = new long[limit];
        this.windowNs = windowNs;
    }

    /**
     * May a message be accepted now?
     *
     * @param nowNs the time.
     * @return true if fewer than the limit were accepted in the window that ends now.
     */
    boolean isAllowed(final long nowNs)
    {
        return count < times.length || nowNs - times[oldest] >= windowNs;
    }

    /**
     * Count an accepted message.
     *
     * @param nowNs the time.
     */
    void record(final long nowNs)
    {
        if (count < times.length)
        {
            times[(oldest + count) % times.length] = nowNs;
            count++;
        }
        else
        {
            times[oldest] = nowNs;
            oldest = (oldest + 1) % times.length;
        }
    }

    /**
     * Forget everything (a new logon).
     */
    void reset()
    {
        oldest = 0;
        count = 0;
    }

    int limit()
    {
        return times.length;
    }

    long windowNs()
    {
        return windowNs;
    }
}
