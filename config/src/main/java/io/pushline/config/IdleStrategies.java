package io.pushline.config;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * Idle strategies by the names of {@link io.pushline.config.TransportSettings#idleStrategy()}.
 */
public final class IdleStrategies
{
    /** Backoff: spin a little, yield a little, then park from 1 us up to this. */
    public static final long BACKOFF_MAX_PARK_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private IdleStrategies()
    {
    }

    /**
     * @param name BACKOFF, YIELDING, SLEEPING or BUSY_SPIN (as validated by TransportSettings).
     * @return a new idle strategy (one per thread: they keep state).
     */
    public static IdleStrategy of(final String name)
    {
        switch (name)
        {
            case "BUSY_SPIN":
                return new BusySpinIdleStrategy();
            case "YIELDING":
                return new YieldingIdleStrategy();
            case "SLEEPING":
                return new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(100));
            case "BACKOFF":
                return new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), BACKOFF_MAX_PARK_NS);
            default:
                throw new IllegalArgumentException("unknown idle strategy " + name);
        }
    }
}
