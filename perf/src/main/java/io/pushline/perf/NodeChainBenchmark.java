package io.pushline.perf;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.Engine;
import io.pushline.engine.TestInstruments;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.chain.NodeChain;
import io.pushline.engine.chain.NodeCounters;
import io.pushline.engine.chain.OutputSink;
import io.pushline.engine.chain.WaitStrategyType;
import org.agrona.DirectBuffer;
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
 * The whole engine in-process: the benchmark thread is the producer ({@link Engine#offer}: copy into the ring, stamp
 * time and sequence), and the node chain decodes every SBE input, validates, matches and encodes every report as SBE
 * into an output sink that only counts. The flow is the one of {@link OrderBookBenchmark}, pre-encoded; see
 * {@link EncodedOrderFlow} for how passes get fresh client order ids. The score is commands per second: each
 * invocation offers a batch and waits until the chain has answered all of it.
 * <p>
 * Default: the one-thread layout with the yielding wait strategy, the setting for a 2-core machine (producer on one
 * core, the chain's one consumer thread on the other). {@code -p layout=STAGED} or {@code -p layout=SHARDED
 * -p instruments=2} run the multi-threaded layouts (two match shards), which oversubscribe a 2-core machine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
@State(Scope.Thread)
public class NodeChainBenchmark
{
    /** Commands per benchmark invocation: 16 rings of the default size, so the drain at the end matters little. */
    static final int BATCH = 1 << 16;
    private static final long SEED = 20_240_601L;

    /** Thread layout of the chain; STAGED and SHARDED run more threads than this machine has cores. */
    @Param("ONE_THREAD")
    ChainLayout layout;

    /** Instruments, each with an equal share of the orders and commands. */
    @Param("1")
    int instruments;

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

    private final CountingOutputSink output = new CountingOutputSink();
    private OrderFlow flow;
    private EncodedOrderFlow encoded;
    private Engine engine;
    private long prefillReports;

    /**
     * Generate and encode the flow, start the engine, build the starting book, and run one checked pass of the
     * cycle (which also warms up); nothing here is measured.
     */
    @Setup(Level.Trial)
    public void setUp()
    {
        final List<InstrumentDefinition> definitions = TestInstruments.of(instruments);
        flow = OrderFlowGenerator.generate(definitions, restingOrders, commands, sessions, SEED);
        System.out.println();
        System.out.println(flow.summary());
        encoded = new EncodedOrderFlow(flow);
        engine = Engine.launch(new Engine.Context()
            .instruments(definitions)
            .layout(layout)
            .shards(2)
            .maxOrdersPerInstrument(maxOrders)
            .waitStrategy(WaitStrategyType.YIELDING)
            .selfTradePrevention(OrderFlowGenerator.SELF_TRADE_PREVENTION)
            .outputSink(output));
        encoded.offerPrefill(engine);
        check("after the prefill", restingOrders);
        prefillReports = output.messages;
        encoded.offer(engine, encoded.cycleLength());
        check("after one pass of the cycle", prefillReports + flow.cycleReports());
    }

    /**
     * Offer the next {@value #BATCH} commands and wait until the chain has answered them.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void offerBatch()
    {
        encoded.offer(engine, BATCH);
        engine.awaitIdle();
    }

    /**
     * Print what the chain did, check nothing was rejected, stop the engine.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        try
        {
            engine.awaitIdle();
            final NodeChain chain = engine.chain();
            final long rejects = chain.validateCounters().rejects() + chain.respondCounters().rejects();
            final long offered = engine.lastSequence() - flow.prefill().length;
            System.out.printf("%nchain %s: %,d commands offered (%.1f passes), %.2f reports per command " +
                "(shadow book: %.2f), %d resting orders, rejects %d, malformed %d, validate waits+sweeps %d, " +
                "mean batch %.0f events%n", layout, offered, (double)offered / encoded.cycleLength(),
                (double)(output.messages - prefillReports) / offered,
                (double)flow.cycleReports() / encoded.cycleLength(), engine.restingOrderCount(), rejects,
                chain.validateCounters().malformedInputs(), chain.validateCounters().waits(), meanBatch(chain));
            if (rejects != 0)
            {
                throw new IllegalStateException("the chain rejected " + rejects + " commands: the flow went wrong");
            }
        }
        finally
        {
            engine.close();
        }
    }

    private double meanBatch(final NodeChain chain)
    {
        final NodeCounters counters = layout == ChainLayout.ONE_THREAD ?
            chain.chainCounters() : chain.respondCounters();
        return (double)counters.events() / Math.max(1, counters.batches());
    }

    /**
     * @param expectedReports reports since the engine started.
     */
    private void check(final String when, final long expectedReports)
    {
        engine.awaitIdle();
        final long reports = output.messages;
        final long rejects = engine.chain().validateCounters().rejects() + engine.chain().respondCounters().rejects();
        if (engine.restingOrderCount() != restingOrders || rejects != 0 || reports != expectedReports)
        {
            throw new IllegalStateException("chain diverged from the generated flow " + when + ": resting " +
                engine.restingOrderCount() + " (expected " + restingOrders + "), rejects " + rejects +
                ", reports " + reports + " (expected " + expectedReports + ")");
        }
    }

    /**
     * Discards every report and counts it; runs on the chain's thread, read after {@link Engine#awaitIdle}.
     */
    static final class CountingOutputSink implements OutputSink
    {
        long messages;

        public void onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            messages++;
        }
    }
}
