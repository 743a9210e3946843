package io.pushline.perf.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pushline perf}: the open-loop latency harness. With no arguments it runs the engine and its echo baseline
 * in-process and over Aeron IPC at 100K messages/s, prints the percentile table with the engine/echo ratios, and
 * writes the logs, the summary and a PNG chart to {@code target/perf/<timestamp>/}. See docs/perf.md.
 */
@Command(name = "perf", mixinStandardHelpOptions = true, sortOptions = false,
    subcommands = {PerfMain.Capacity.class, PerfMain.Plot.class, PerfMain.Noise.class},
    description = {
        "Open-loop latency harness: offered load at a fixed rate, latency from each message's intended send time, " +
            "engine against an echo on the same transport.",
        "Default: levels inproc and ipc, engine and echo, 100k/s, 4 s warm-up + 8 s measured each."})
public final class PerfMain implements Callable<Integer>
{
    @Mixin
    LoadOptions options;

    @Option(names = "--overlay", split = ",", description = "Earlier .hgrm files to draw on the chart too.")
    List<Path> overlays = new ArrayList<>();

    /**
     * @param args command line; none runs the default suite.
     */
    public static void main(final String[] args)
    {
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new PerfMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException
    {
        final Workload workload = options.workload();
        final Path out = options.outputDirectory();
        System.out.println(workload.summary());
        final RunSpec spec = options.runSpec();
        final List<RunResult> results = new ArrayList<>();
        for (final String level : options.levels)
        {
            for (final String kind : options.systems)
            {
                System.gc(); // the previous run's garbage goes now, not during the next measurement
                final SystemUnderTest system = SystemFactory.create(level, kind, workload, options);
                System.out.printf(Locale.ROOT, "%nrunning %s: %,d/s, warm-up %s, measured %s ...%n",
                    system.name(), spec.ratePerSecond(), options.warmup, options.duration);
                final RunResult result = new OpenLoopRunner(workload, spec, out).run(system);
                results.add(result);
                System.out.print(ResultReport.table(List.of(result)));
            }
        }
        final List<PercentileSeries> overlaySeries = new ArrayList<>();
        for (final Path file : overlays)
        {
            overlaySeries.add(PercentileSeries.read(file.getFileName().toString(), file));
        }
        final Path png = ResultReport.write(out, workload.summary(), results, overlaySeries);
        System.out.println();
        System.out.print(ResultReport.table(results));
        System.out.println();
        System.out.print(ResultReport.configuration(results));
        System.out.println("\nresults: " + out.toAbsolutePath() + " (summary.txt, *.hlog, *.hgrm)");
        System.out.println("chart:   " + png.toAbsolutePath());
        return 0;
    }

    /** {@code perf capacity}: the highest rate whose p99 stays under a bound. */
    @Command(name = "capacity", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Highest offered rate whose ack p99 stays under a bound: doubles the rate from --start-rate " +
            "until a run fails, then bisects. Uses the first of --levels and --systems.")
    static final class Capacity implements Callable<Integer>
    {
        @Mixin
        LoadOptions options;

        @Option(names = "--p99", required = true, description = "Bound on the ack p99, e.g. 100us, 1ms.")
        String p99;

        @Option(names = "--start-rate", defaultValue = "50k", description = "First rate. Default: ${DEFAULT-VALUE}.")
        String startRate;

        @Option(names = "--max-rate", defaultValue = "4m", description = "Highest rate. Default: ${DEFAULT-VALUE}.")
        String maxRate;

        @Option(names = "--bisect", defaultValue = "4", description = "Bisection runs. Default: ${DEFAULT-VALUE}.")
        int bisect;

        @Override
        public Integer call() throws IOException
        {
            if (options.duration.equals("8s"))
            {
                options.duration = "3s";
                options.warmup = "2s";
            }
            final Workload workload = options.workload();
            final Path out = options.outputDirectory();
            final String level = options.levels.get(0);
            final String kind = options.systems.get(0);
            final long bound = Units.durationNs(p99);
            final RunSpec base = options.runSpec();
            final CapacitySearch.Result result = CapacitySearch.search(rate ->
            {
                final RunResult run = new OpenLoopRunner(workload, base.withRate(rate), out.resolve(rate + "-per-s"))
                    .run(SystemFactory.create(level, kind, workload, options));
                System.out.print(ResultReport.table(List.of(run)));
                return run.ackP99Ns();
            }, Units.rate(startRate), Units.rate(maxRate), bound, bisect, step -> System.out.printf(Locale.ROOT,
                "%,d/s: p99 %s µs -> %s%n%n", step.ratePerSecond(), Units.us(step.p99Ns()),
                step.passed() ? "pass" : "FAIL"));
            System.out.printf(Locale.ROOT, "capacity of %s-%s with ack p99 <= %s: %,d messages/s%n", kind, level, p99,
                result.highestPassingRate());
            System.out.println("runs: " + out.toAbsolutePath());
            return 0;
        }
    }

    /** {@code perf plot}: overlay .hgrm files in one chart. */
    @Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw .hgrm files (e.g. before/after a change) in one percentile chart.")
    static final class Plot implements Callable<Integer>
    {
        @Option(names = "--out", defaultValue = "latency.png", description = "PNG to write. Default: ${DEFAULT-VALUE}.")
        Path out;

        @Option(names = "--title", defaultValue = "Pushline latency by percentile", description = "Chart title.")
        String title;

        @Parameters(arity = "1..*", description = "Files written by perf (*-ack.hgrm, *-fill.hgrm).")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() throws IOException
        {
            final List<PercentileSeries> series = new ArrayList<>();
            for (final Path file : files)
            {
                series.add(PercentileSeries.read(file.toString(), file));
            }
            PercentileChart.write(title, series, out);
            System.out.println("chart: " + out.toAbsolutePath());
            return 0;
        }
    }

    /** {@code perf noise}: how much time this machine takes from busy threads, with no load at all. */
    @Command(name = "noise", mixinStandardHelpOptions = true,
        description = "Busy threads reading the clock: time lost in gaps over 100 µs (preemption, hypervisor). " +
            "The floor under any latency measured with that many busy threads.")
    static final class Noise implements Callable<Integer>
    {
        @Option(names = "--threads", defaultValue = "2", description = "Busy threads. Default: ${DEFAULT-VALUE}.")
        int threads;

        @Option(names = "--duration", defaultValue = "5s", description = "Duration. Default: ${DEFAULT-VALUE}.")
        String duration;

        @Option(names = "--yield", description = "Yield in the loop (as YIELDING idle strategies do).")
        boolean yield;

        @Override
        public Integer call() throws InterruptedException
        {
            System.out.print(NoiseProbe.run(threads, Units.durationNs(duration), yield));
            return 0;
        }
    }
}
