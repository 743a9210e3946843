package io.pushline.perf;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.TestInstruments;
import io.pushline.engine.match.BookMatcher;
import io.pushline.engine.match.Command;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fast order book alone, on the benchmark thread: {@link BookMatcher#onCommand} over a pre-generated cyclic
 * order flow (see {@link OrderFlowGenerator}), with a report sink that only clears one report and counts. The score is
 * commands per second.
 * <p>
 * The flow's cycle ends with the book exactly as the prefill left it, so the same command objects are replayed pass
 * after pass and every cancel and replace still names a live order; teardown finishes the current pass and checks
 * the book's state hash against the starting one.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
@State(Scope.Thread)
public class OrderBookBenchmark
{
    /** Commands per benchmark invocation. */
    static final int BATCH = 1_024;
    private static final long SEED = 20_240_601L;

    /** Orders in the starting book; the flow keeps the book near this size. */
    @Param("1000")
    int restingOrders;

    /** Commands in the main phase of the cycle. */
    @Param("1000000")
    int commands;

    /** Sessions entering orders; each has its own client order ids. */
    @Param("64")
    int sessions;

    /** Capacity of the book; the engine's default (it sizes the order pool and the order id index). */
    @Param("1048576")
    int maxOrders;

    /** Instruments, each with an equal share of the orders and commands. */
    @Param("1")
    int instruments;

    private final CountingReportSink sink = new CountingReportSink();
    private List<InstrumentDefinition> definitions;
    private OrderFlow flow;
    private Command[] cycle;
    private BookMatcher book;
    private int cursor;
    private long applied;
    private long prefillReports;

    /**
     * Generate the flow and build the starting book; nothing here is measured.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        definitions = TestInstruments.of(instruments);
        flow = OrderFlowGenerator.generate(definitions, restingOrders, commands, sessions, SEED);
        System.out.println();
        System.out.println(flow.summary());
        cycle = flow.cycle();
        book = new BookMatcher(definitions, 0, 1, maxOrders, OrderFlowGenerator.SELF_TRADE_PREVENTION);
        for (final Command command : flow.prefill())
        {
            book.onCommand(command, sink);
        }
        checkAtStart("after the prefill");
        prefillReports = sink.committed();
    }

    /**
     * Apply the next {@value #BATCH} commands of the cycle.
     *
     * @return the cursor, so the loop has a result.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int applyCommands()
    {
        final Command[] commands = cycle;
        final BookMatcher matcher = book;
        final CountingReportSink out = sink;
        int position = cursor;
        for (int i = 0; i < BATCH; i++)
        {
            matcher.onCommand(commands[position], out);
            if (++position == commands.length)
            {
                position = 0;
            }
        }
        cursor = position;
        applied += BATCH;
        return position;
    }

    /**
     * Finish the current pass and check the book came back to its starting state.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        final long reportsBefore = sink.committed() - prefillReports;
        final long passesBefore = applied / cycle.length;
        while (cursor != 0)
        {
            book.onCommand(cycle[cursor], sink);
            cursor = cursor + 1 == cycle.length ? 0 : cursor + 1;
        }
        checkAtStart("after " + (passesBefore + 1) + " passes of the cycle");
        System.out.printf("%nbook: %d resting orders after the last pass; %,d commands applied (%.1f passes), " +
            "%.2f reports per command (the generator's shadow book: %.2f)%n", book.restingOrderCount(), applied,
            (double)applied / cycle.length, (double)reportsBefore / Math.max(1, applied),
            (double)flow.cycleReports() / cycle.length);
    }

    private void checkAtStart(final String when)
    {
        for (int i = 0; i < definitions.size(); i++)
        {
            if (book.instrumentStateHash(i) != flow.startHash(i))
            {
                throw new IllegalStateException("book of instrument " + i + " is not the starting book " + when);
            }
        }
    }
}
