package io.pushline.perf.harness;

import java.util.Locale;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * Idle strategies by name, as in the {@code pushline.aeron.idleStrategy} key: BUSY_SPIN, YIELDING, BACKOFF, SLEEPING;
 * and PARKING (the shortest timed park, {@code parkNanos(1)}: about 50-60 µs on Linux, the kernel's timer slack).
 */
public final class IdleStrategies
{
    private IdleStrategies()
    {
    }

    /**
     * @param name BUSY_SPIN, YIELDING, BACKOFF, PARKING or SLEEPING (any case).
     * @return a new idle strategy of that kind.
     * @throws IllegalArgumentException naming the choices.
     */
    public static IdleStrategy of(final String name)
    {
        return switch (name.trim().toUpperCase(Locale.ROOT))
        {
            case "BUSY_SPIN" -> new BusySpinIdleStrategy();
            case "YIELDING" -> new YieldingIdleStrategy();
            case "BACKOFF" -> new BackoffIdleStrategy();
            case "SLEEPING" -> new SleepingMillisIdleStrategy(1);
            case "PARKING" -> new SleepingIdleStrategy(1);
            default -> throw new IllegalArgumentException(
                "idle strategy '" + name + "': expected BUSY_SPIN, YIELDING, BACKOFF, PARKING or SLEEPING");
        };
    }

    /**
     * @param name of an idle strategy.
     * @return true if a thread idling with it never leaves the core (it counts against the cores).
     */
    public static boolean spins(final String name)
    {
        final String n = name.trim().toUpperCase(Locale.ROOT);
        return n.equals("BUSY_SPIN") || n.equals("YIELDING");
    }
}
