package io.pushline.perf.harness;

import java.util.LinkedHashMap;
import java.util.Map;

import io.pushline.engine.Engine;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.chain.OutputSink;
import io.pushline.engine.chain.WaitStrategyType;
import io.pushline.perf.OrderFlowGenerator;
import org.agrona.DirectBuffer;

/**
 * The engine in-process: the load thread is the engine's producer ({@link Engine#offer}: copy into the ring, stamp),
 * the chain's consumer thread runs validate, match and respond, and its output sink hands each report to the reply
 * listener on that thread. No journal. Level 1 ("in-process chain").
 */
public final class InProcessEngineSystem implements SystemUnderTest
{
    private final Workload workload;
    private final WaitStrategyType waitStrategy;
    private final ChainLayout chainLayout;
    private final int maxOrdersPerInstrument;
    private Engine engine;

    /**
     * @param workload               whose instruments the engine trades.
     * @param waitStrategy           of the chain's consumer thread.
     * @param chainLayout            of the node chain.
     * @param maxOrdersPerInstrument book capacity (pre-allocated per instrument).
     */
    public InProcessEngineSystem(
        final Workload workload,
        final WaitStrategyType waitStrategy,
        final ChainLayout chainLayout,
        final int maxOrdersPerInstrument)
    {
        this.workload = workload;
        this.waitStrategy = waitStrategy;
        this.chainLayout = chainLayout;
        this.maxOrdersPerInstrument = maxOrdersPerInstrument;
    }

    @Override
    public String name()
    {
        return "engine-inproc";
    }

    @Override
    public void start(final ReplyListener listener)
    {
        final OutputSink sink = listener::onReply;
        engine = Engine.launch(new Engine.Context()
            .instruments(workload.instruments())
            .layout(chainLayout)
            .waitStrategy(waitStrategy)
            .maxOrdersPerInstrument(maxOrdersPerInstrument)
            .selfTradePrevention(OrderFlowGenerator.SELF_TRADE_PREVENTION)
            .outputSink(sink));
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        engine.offer(buffer, offset, length);
        return true;
    }

    @Override
    public int poll()
    {
        return 0;
    }

    @Override
    public Map<String, String> layout()
    {
        final Map<String, String> layout = new LinkedHashMap<>();
        layout.put("engine.producer",
            "the load thread (Engine.offer: copy into the ring and stamp; waits for ring space)");
        layout.put("engine.chain", chainLayout == ChainLayout.INVOKER ?
            "INVOKER layout: the load thread runs the chain right after each offer, no journal, reports delivered " +
            "on the load thread" :
            chainLayout + " layout, consumer wait strategy " + waitStrategy + ", ring " +
            engine.context().ringSize() + ", no journal, reports delivered on the chain thread");
        layout.put("engine.maxOrdersPerInstrument", Integer.toString(maxOrdersPerInstrument));
        return layout;
    }

    @Override
    public void close()
    {
        if (engine != null)
        {
            engine.close();
        }
    }
}
