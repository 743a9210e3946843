package io.pushline.perf.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * The percentile table of a set of runs, the engine/echo ratios per level, the recorded configuration, and the chart.
 */
public final class ResultReport
{
    private static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9, 99.99};
    private static final String HEADER = String.format(Locale.ROOT,
        "%-15s %-4s %10s %9s %9s %9s %9s %9s %9s %9s %11s %11s%n", "system", "what", "count", "p50", "p90", "p99",
        "p99.9", "p99.99", "max", "mean", "offered/s", "achieved/s");

    private ResultReport()
    {
    }

    /**
     * @param results runs, in order.
     * @return the table (latencies in microseconds from each message's intended send time) and the ratios.
     */
    public static String table(final List<RunResult> results)
    {
        final StringBuilder sb = new StringBuilder(2_048);
        sb.append("latency in µs from the intended send time (open loop; coordinated omission corrected)\n");
        sb.append(HEADER);
        for (final RunResult r : results)
        {
            row(sb, r, "ack", r.acks(), true);
            if (r.fills().getTotalCount() > 0)
            {
                row(sb, r, "fill", r.fills(), false);
            }
            if (!r.complete())
            {
                sb.append(String.format(Locale.ROOT, "  %s: INVALID RUN: %,d of %,d measured messages unanswered; " +
                    "the percentiles above leave them out, so they understate the tail (and no ratio is given)%n",
                    r.name(), r.measuredMessages() - r.measuredAcks(), r.measuredMessages()));
            }
            if (r.rejects() > 0)
            {
                sb.append(String.format(Locale.ROOT, "  %s: %,d rejects (%s)%n", r.name(), r.rejects(),
                    r.name().endsWith("-gateway") ?
                        "each session has its own connection, so messages sent in a burst may reach the engine " +
                            "in another order than the workload assumes; see docs/perf.md" :
                        "the workload should have none"));
            }
        }
        sb.append(ratios(results));
        return sb.toString();
    }

    private static void row(
        final StringBuilder sb, final RunResult r, final String what, final Histogram h, final boolean rates)
    {
        sb.append(String.format(Locale.ROOT, "%-15s %-4s %,10d", r.name(), what, h.getTotalCount()));
        for (final double p : PERCENTILES)
        {
            sb.append(String.format(Locale.ROOT, " %9s", Units.us(h.getValueAtPercentile(p))));
        }
        sb.append(String.format(Locale.ROOT, " %9s %9s", Units.us(h.getMaxValue()), Units.us(h.getMean())));
        if (rates)
        {
            sb.append(String.format(Locale.ROOT, " %,11d %,11.0f", r.spec().ratePerSecond(), r.achievedPerSecond()));
        }
        sb.append('\n');
    }

    /**
     * @param results runs.
     * @return for each level with both an engine and an echo run: engine/echo ack ratios at p50, p99, p99.99.
     */
    public static String ratios(final List<RunResult> results)
    {
        final StringBuilder sb = new StringBuilder();
        for (final RunResult engine : results)
        {
            if (!engine.name().startsWith("engine-"))
            {
                continue;
            }
            final String level = engine.name().substring("engine-".length());
            for (final RunResult echo : results)
            {
                if (echo.name().equals("echo-" + level) && (!engine.complete() || !echo.complete()))
                {
                    sb.append(String.format(Locale.ROOT,
                        "engine/echo ack ratio, %s: n/a (a run left measured messages unanswered)%n", level));
                }
                else if (echo.name().equals("echo-" + level))
                {
                    sb.append(String.format(Locale.ROOT,
                        "engine/echo ack ratio, %s: p50 %.2fx, p99 %.2fx, p99.99 %.2fx%n", level,
                        ratio(engine, echo, 50.0), ratio(engine, echo, 99.0), ratio(engine, echo, 99.99)));
                }
            }
        }
        return sb.toString();
    }

    /**
     * @param engine run.
     * @param echo   run.
     * @param p      percentile.
     * @return engine ack latency over echo ack latency at p.
     */
    public static double ratio(final RunResult engine, final RunResult echo, final double p)
    {
        return (double)engine.acks().getValueAtPercentile(p) / Math.max(1, echo.acks().getValueAtPercentile(p));
    }

    /**
     * @param results runs.
     * @return the recorded configuration: the load and each run's thread layout and idle strategies.
     */
    public static String configuration(final List<RunResult> results)
    {
        final StringBuilder sb = new StringBuilder(2_048);
        sb.append(String.format(Locale.ROOT, "machine: %d cores (availableProcessors), java %s %s, max heap %,d MB%n",
            Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
            System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20));
        for (final RunResult r : results)
        {
            final RunSpec s = r.spec();
            sb.append(String.format(Locale.ROOT, "%s: offered %,d/s, warm-up %,d ms, measured %,d ms, " +
                "send lag p50 %s p99 %s p99.99 %s max %s µs, offers pushed back %,d%n", r.name(), s.ratePerSecond(),
                s.warmupNs() / 1_000_000, s.durationNs() / 1_000_000, Units.us(r.sendLag().getValueAtPercentile(50)),
                Units.us(r.sendLag().getValueAtPercentile(99)), Units.us(r.sendLag().getValueAtPercentile(99.99)),
                Units.us(r.sendLag().getMaxValue()), r.offerRetries()));
            for (final Map.Entry<String, String> e : r.layout().entrySet())
            {
                sb.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Write {@code summary.txt} (table, ratios, configuration) and {@code latency.png} (every run's acks and fills,
     * plus the overlays).
     *
     * @param directory output directory.
     * @param header    workload description.
     * @param results   runs.
     * @param overlays  earlier runs' curves to draw too.
     * @return the PNG's path.
     * @throws IOException if a file cannot be written.
     */
    public static Path write(
        final Path directory, final String header, final List<RunResult> results, final List<PercentileSeries> overlays)
        throws IOException
    {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("summary.txt"),
            header + "\n\n" + table(results) + "\n" + configuration(results), StandardCharsets.UTF_8);
        final List<PercentileSeries> series = new ArrayList<>();
        for (final RunResult r : results)
        {
            if (r.acks().getTotalCount() > 0)
            {
                series.add(PercentileSeries.of(r.name() + " ack", r.acks()));
            }
            if (r.fills().getTotalCount() > 0)
            {
                series.add(PercentileSeries.of(r.name() + " fill", r.fills()));
            }
        }
        series.addAll(overlays);
        final Path png = directory.resolve("latency.png");
        final RunSpec first = results.isEmpty() ? null : results.get(0).spec();
        final String title = first == null ? "Pushline latency by percentile" : String.format(Locale.ROOT,
            "Pushline latency by percentile, %,d msg/s offered, open loop", first.ratePerSecond());
        PercentileChart.write(title, series, png);
        return png;
    }
}
