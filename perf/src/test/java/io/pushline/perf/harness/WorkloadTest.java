package io.pushline.perf.harness;

import io.pushline.engine.Engine;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.perf.OrderFlowGenerator;
import io.pushline.perf.OrderMix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replayed stream stays valid pass after pass with ids rewritten to the message index, and every message gets
 * exactly one ack.
 */
class WorkloadTest
{
    @Test
    void shouldStayValidOverSeveralPassesWhenIdsAreTheMessageIndex()
    {
        for (final OrderMix mix : new OrderMix[] {OrderMix.EXCHANGE_CORE, OrderMix.parse(
            "passive=40,aggressive=10,cancel=25,replace=25")})
        {
            final Workload workload = Workload.generate(3, 16, 300, 4_000, mix, 11);
            final ReplyRecorder recorder = new ReplyRecorder(workload);
            final long messages = workload.prefillLength() + 3L * workload.cycleLength() + 17;
            try (Engine engine = Engine.launch(new Engine.Context()
                .instruments(workload.instruments())
                .layout(ChainLayout.ONE_THREAD)
                .maxOrdersPerInstrument(4_096)
                .selfTradePrevention(OrderFlowGenerator.SELF_TRADE_PREVENTION)
                .outputSink(recorder::onReply)))
            {
                for (long k = 0; k < messages; k++)
                {
                    workload.prepare(k);
                    engine.offer(workload.buffer(), workload.offset(k), workload.length(k));
                }
                engine.awaitIdle();
                assertEquals(0, engine.refusedInputs());
            }
            assertEquals(0, recorder.rejects(), "every cancel and replace names a live order, in every pass");
            assertEquals(messages, recorder.acks(), "one ack per message");
        }
    }

    @Test
    void shouldMapClientOrderIdsToMessageIndexes()
    {
        assertEquals(1, Workload.clOrdIdOf(0));
        assertEquals(41, Workload.indexOf(Workload.clOrdIdOf(41)));
        assertTrue(Workload.indexOf(0) < 0, "0 names no message");
    }
}
