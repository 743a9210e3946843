package io.pushline.perf.harness;

import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * Measures what the machine itself takes from busy threads: each of N threads reads the clock in a tight loop (with
 * an optional {@link Thread#yield()}) and records every gap between two reads longer than a microsecond. A gap is
 * time the thread did not run: preemption by another thread or process, the hypervisor, interrupts. No load is
 * offered; this is the floor under any latency measured with that many busy threads.
 */
public final class NoiseProbe
{
    private static final long MIN_GAP_NS = 1_000;

    private NoiseProbe()
    {
    }

    /**
     * Run the probe.
     *
     * @param threads    busy threads.
     * @param durationNs how long.
     * @param yield      call {@link Thread#yield()} in the loop.
     * @return one line per thread: total time lost in gaps over 100 µs, their count, p99.9 and max gap.
     * @throws InterruptedException if interrupted.
     */
    public static String run(final int threads, final long durationNs, final boolean yield) throws InterruptedException
    {
        final Histogram[] gaps = new Histogram[threads];
        final Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            final Histogram h = new Histogram(1, ReplyRecorder.HIGHEST_TRACKABLE_NS, 2);
            gaps[t] = h;
            workers[t] = new Thread(() -> spin(h, durationNs, yield), "pushline-perf-noise-" + t);
            workers[t].start();
        }
        final StringBuilder sb = new StringBuilder();
        for (int t = 0; t < threads; t++)
        {
            workers[t].join();
            final Histogram h = gaps[t];
            long lostNs = 0;
            long count = 0;
            for (final var v : h.recordedValues())
            {
                if (v.getValueIteratedTo() > 100_000)
                {
                    lostNs += v.getValueIteratedTo() * v.getCountAtValueIteratedTo();
                    count += v.getCountAtValueIteratedTo();
                }
            }
            sb.append(String.format(Locale.ROOT, "thread %d of %d%s: %,d gaps > 100 µs losing %.2f%% of the time " +
                "(%.1f ms of %.1f s); largest gap %s µs%n", t + 1, threads, yield ? " (yielding)" : " (spinning)",
                count, 100.0 * lostNs / durationNs, lostNs / 1e6, durationNs / 1e9, Units.us(h.getMaxValue())));
        }
        return sb.toString();
    }

    private static void spin(final Histogram gaps, final long durationNs, final boolean yield)
    {
        final long end = System.nanoTime() + durationNs;
        long last = System.nanoTime();
        long now;
        while ((now = System.nanoTime()) < end)
        {
            final long gap = now - last;
            if (gap > MIN_GAP_NS)
            {
                gaps.recordValue(Math.min(gap, ReplyRecorder.HIGHEST_TRACKABLE_NS));
            }
            last = now;
            if (yield)
            {
                Thread.yield();
            }
        }
    }
}
