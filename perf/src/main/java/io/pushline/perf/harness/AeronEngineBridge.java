package io.pushline.perf.harness;

import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.pushline.engine.Engine;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.chain.OutputSink;
import io.pushline.engine.chain.WaitStrategyType;
import io.pushline.perf.OrderFlowGenerator;

/**
 * The engine behind Aeron: an agent thread polls the ingress stream and offers each command to an in-process engine
 * (ONE_THREAD layout, no journal); the engine's chain thread publishes every report on the egress stream. This is
 * the shape of the engine process: the harness's own stand-in until {@code io.pushline.engine.node.EngineNode} is
 * on main.
 */
final class AeronEngineBridge extends AeronSystem.FarSideAgent
{
    private static final int FRAGMENT_LIMIT = 16;

    private final Subscription ingress;
    private final Engine engine;
    private final FragmentAssembler assembler;
    private final WaitStrategyType engineWait;

    AeronEngineBridge(
        final Subscription ingress,
        final Publication egress,
        final Workload workload,
        final WaitStrategyType engineWait,
        final int maxOrdersPerInstrument)
    {
        this.ingress = ingress;
        this.engineWait = engineWait;
        final OutputSink sink = (buffer, offset, length) -> AeronSystem.offerFully(egress, buffer, offset, length);
        engine = Engine.launch(new Engine.Context()
            .instruments(workload.instruments())
            .layout(ChainLayout.ONE_THREAD)
            .waitStrategy(engineWait)
            .maxOrdersPerInstrument(maxOrdersPerInstrument)
            .selfTradePrevention(OrderFlowGenerator.SELF_TRADE_PREVENTION)
            .outputSink(sink));
        assembler = new FragmentAssembler((buffer, offset, length, header) -> engine.offer(buffer, offset, length));
    }

    @Override
    public int doWork()
    {
        return ingress.poll(assembler, FRAGMENT_LIMIT);
    }

    @Override
    public String roleName()
    {
        return "pushline-perf-engine-bridge";
    }

    @Override
    String describe()
    {
        return "engine: one agent thread polls ingress and offers to the engine (ONE_THREAD, chain wait " +
            engineWait + ", no journal), whose chain thread publishes the reports on egress";
    }

    @Override
    public void close()
    {
        engine.close();
    }
}
