package io.pushline.perf.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * Runs one open-loop run: a load thread sends message {@code k} of the {@link Workload} at its intended time
 * ({@link Schedule}), never waiting for replies (if it falls behind it sends every overdue message at once, and their
 * latencies, measured from the intended times, show it), and polls the system's replies while it waits. The calling
 * thread writes one interval of the HdrHistogram interval log per {@link RunSpec#intervalNs()} and keeps the totals.
 * Files written to the output directory: {@code <name>.hlog} (tags {@code ack} and {@code fill}),
 * {@code <name>-ack.hgrm} and {@code <name>-fill.hgrm} (percentile distributions in microseconds).
 */
public final class OpenLoopRunner
{
    private static final double NS_PER_US = 1_000.0;
    private static final int HGRM_TICKS_PER_HALF = 5;
    private static final long OFFER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final Workload workload;
    private final RunSpec spec;
    private final Path outputDirectory;

    /**
     * @param workload        to send.
     * @param spec            rate, warm-up, duration, idle strategy.
     * @param outputDirectory where the logs go; created if missing; null writes nothing.
     */
    public OpenLoopRunner(final Workload workload, final RunSpec spec, final Path outputDirectory)
    {
        this.workload = workload;
        this.spec = spec;
        this.outputDirectory = outputDirectory;
    }

    /**
     * Start the system, run the load, stop the system.
     *
     * @param system under test; closed at the end.
     * @return what was measured.
     * @throws IOException if a log cannot be written.
     */
    public RunResult run(final SystemUnderTest system) throws IOException
    {
        final ReplyRecorder recorder = new ReplyRecorder(workload);
        try (system)
        {
            system.start(recorder);
            final Map<String, String> layout = new LinkedHashMap<>();
            layout.put("load", "one load thread, open loop from intended send times, idle " + spec.loadIdle() +
                " while waiting for the next send (polls replies meanwhile if the system needs polling)");
            layout.putAll(system.layout());
            final long warmupCount = Math.max(
                Schedule.countIn(spec.warmupNs(), spec.ratePerSecond()), workload.prefillLength());
            final Schedule schedule = new Schedule(System.nanoTime() + RunSpec.START_LEAD_NS, spec.ratePerSecond(),
                warmupCount, warmupCount + Math.max(1, Schedule.countIn(spec.durationNs(), spec.ratePerSecond())));
            recorder.begin(schedule);
            final LoadLoop load = new LoadLoop(system, schedule, recorder);
            final Thread thread = new Thread(load, "pushline-perf-load-" + system.name());
            thread.setDaemon(true);
            final Histogram acks = newHistogram();
            final Histogram fills = newHistogram();
            try (PrintStream log = openLog(system.name(), layout))
            {
                final HistogramLogWriter writer = log == null ? null : startLog(log);
                thread.start();
                collect(thread, recorder, writer, acks, fills);
            }
            if (load.failure != null)
            {
                throw new IllegalStateException(system.name() + ": load failed", load.failure);
            }
            final long measuredAcks = recorder.measuredAcks();
            final long lastAckNs = recorder.lastMeasuredAckNs();
            final double seconds = Math.max(1, lastAckNs - schedule.measuredStartNs()) / 1e9;
            final RunResult result = new RunResult(system.name(), spec, layout, acks, fills,
                schedule.measuredCount(), measuredAcks, recorder.rejects(), measuredAcks / seconds,
                load.sendLag, load.offerRetries.get());
            writePercentiles(result);
            return result;
        }
    }

    private void collect(
        final Thread thread,
        final ReplyRecorder recorder,
        final HistogramLogWriter writer,
        final Histogram acks,
        final Histogram fills)
    {
        Histogram ackInterval = null;
        Histogram fillInterval = null;
        boolean running = true;
        while (running)
        {
            try
            {
                thread.join(TimeUnit.NANOSECONDS.toMillis(spec.intervalNs()));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", ex);
            }
            running = thread.isAlive();
            ackInterval = recorder.takeAcks(ackInterval);
            fillInterval = recorder.takeFills(fillInterval);
            acks.add(ackInterval);
            fills.add(fillInterval);
            if (writer != null)
            {
                ackInterval.setTag("ack");
                writer.outputIntervalHistogram(ackInterval);
                fillInterval.setTag("fill");
                writer.outputIntervalHistogram(fillInterval);
            }
        }
    }

    private static Histogram newHistogram()
    {
        return new Histogram(1, ReplyRecorder.HIGHEST_TRACKABLE_NS, ReplyRecorder.SIGNIFICANT_DIGITS);
    }

    private PrintStream openLog(final String name, final Map<String, String> layout) throws IOException
    {
        if (outputDirectory == null)
        {
            return null;
        }
        Files.createDirectories(outputDirectory);
        final PrintStream out = new PrintStream(
            Files.newOutputStream(outputDirectory.resolve(name + ".hlog")), false, StandardCharsets.UTF_8);
        out.printf("#[pushline perf: %s, %,d/s offered, warm-up %d ms, measured %d ms; values in ns]%n", name,
            spec.ratePerSecond(), TimeUnit.NANOSECONDS.toMillis(spec.warmupNs()),
            TimeUnit.NANOSECONDS.toMillis(spec.durationNs()));
        layout.forEach((key, value) -> out.printf("#[%s: %s]%n", key, value));
        return out;
    }

    private static HistogramLogWriter startLog(final PrintStream log)
    {
        final HistogramLogWriter writer = new HistogramLogWriter(log);
        final long nowMs = System.currentTimeMillis();
        writer.outputLogFormatVersion();
        writer.outputStartTime(nowMs);
        writer.setBaseTime(nowMs);
        writer.outputLegend();
        return writer;
    }

    private void writePercentiles(final RunResult result) throws IOException
    {
        if (outputDirectory == null)
        {
            return;
        }
        writeHgrm(outputDirectory.resolve(result.name() + "-ack.hgrm"), result.acks());
        writeHgrm(outputDirectory.resolve(result.name() + "-fill.hgrm"), result.fills());
    }

    /**
     * Write a percentile distribution in microseconds, HdrHistogram's {@code .hgrm} format.
     *
     * @param file      to write.
     * @param histogram in nanoseconds.
     * @throws IOException if it cannot be written.
     */
    public static void writeHgrm(final Path file, final Histogram histogram) throws IOException
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
        {
            histogram.outputPercentileDistribution(out, HGRM_TICKS_PER_HALF, NS_PER_US);
        }
    }

    /** The load thread: sends on schedule, polls replies in between, then drains. */
    private final class LoadLoop implements Runnable
    {
        private final SystemUnderTest system;
        private final Schedule schedule;
        private final ReplyRecorder recorder;
        private final IdleStrategy idle = IdleStrategies.of(spec.loadIdle());
        private final AtomicLong offerRetries = new AtomicLong();
        private final Histogram sendLag = newHistogram();
        private volatile Throwable failure;

        LoadLoop(final SystemUnderTest system, final Schedule schedule, final ReplyRecorder recorder)
        {
            this.system = system;
            this.schedule = schedule;
            this.recorder = recorder;
        }

        @Override
        public void run()
        {
            try
            {
                send();
                drain();
            }
            catch (final Throwable t)
            {
                failure = t;
            }
        }

        private void send()
        {
            final DirectBuffer buffer = workload.buffer();
            final long total = schedule.totalCount();
            for (long k = 0; k < total; k++)
            {
                final long intendedNs = schedule.intendedNs(k);
                long nowNs;
                while ((nowNs = System.nanoTime()) < intendedNs)
                {
                    idle.idle(system.poll());
                }
                if (k >= schedule.warmupCount())
                {
                    sendLag.recordValue(Math.min(ReplyRecorder.HIGHEST_TRACKABLE_NS, nowNs - intendedNs + 1));
                }
                workload.prepare(k);
                final int offset = workload.offset(k);
                final int length = workload.length(k);
                if (!system.offer(buffer, offset, length))
                {
                    offerAgain(buffer, offset, length);
                }
            }
        }

        private void offerAgain(final DirectBuffer buffer, final int offset, final int length)
        {
            final long deadline = System.nanoTime() + OFFER_TIMEOUT_NS;
            do
            {
                offerRetries.lazySet(offerRetries.get() + 1);
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException(system.name() + " refused a message for 30 s");
                }
                system.poll();
                Thread.onSpinWait();
            }
            while (!system.offer(buffer, offset, length));
        }

        private void drain()
        {
            final long deadline = System.nanoTime() + spec.drainTimeoutNs();
            final long total = schedule.totalCount();
            while (recorder.acks() < total && System.nanoTime() < deadline)
            {
                idle.idle(system.poll());
            }
        }
    }
}
