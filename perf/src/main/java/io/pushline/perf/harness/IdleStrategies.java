package io.pushline.perf.harness;

import java.util.Locale;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;

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
        final String n = name.trim().toUpperCase(Locale.ROOT);
        switch (n)
        {
            case "PARKING":
                return new SleepingIdleStrategy(1);
            case "BUSY_SPIN":
            case "YIELDING":
            case "BACKOFF":
            case "SLEEPING":
                // the same strategies as the engine process and the gateway use for these names
                return io.pushline.config.IdleStrategies.of(n);
            default:
                throw new IllegalArgumentException(
                    "idle strategy '" + name + "': expected BUSY_SPIN, YIELDING, BACKOFF, PARKING or SLEEPING");
        }
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
