package io.pushline.engine;

import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.match.Command;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.OrdStatus;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EngineTest
{
    private final SbeCommands sbe = new SbeCommands();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);

    @ParameterizedTest
    @EnumSource(ChainLayout.class)
    void shouldAckAndFillBothSidesWhenOrdersCross(final ChainLayout layout)
    {
        final CapturedOutput output = new CapturedOutput();
        final long[] time = { 1_000 };
        try (Engine engine = Engine.launch(new Engine.Context()
            .instruments(TestInstruments.of(3))
            .layout(layout)
            .shards(2)
            .maxOrdersPerInstrument(1024)
            .ringSize(64)
            .clock(() -> time[0]++)
            .outputSink(output)))
        {
            offer(engine, limit(1, 11, Side.BUY, 1_000_000, 10));
            offer(engine, limit(2, 21, Side.SELL, 1_000_000, 4));
            offer(engine, limit(2, 22, Side.SELL, 1_000_100, 4));
            engine.awaitIdle();
            assertEquals(2, engine.restingOrderCount());
        }

        assertEquals(5, output.count());
        final ExecutionReportDecoder buyAck = output.execution(0);
        assertEquals(ExecType.NEW, buyAck.execType());
        assertEquals(1, buyAck.sequence());
        assertEquals(1, buyAck.orderId());
        assertEquals(1_000, buyAck.timestampNs());
        assertEquals(ExecType.NEW, output.execution(1).execType());
        final ExecutionReportDecoder aggressorFill = output.execution(2);
        assertEquals(ExecType.TRADE, aggressorFill.execType());
        assertEquals(2, aggressorFill.sessionId());
        assertEquals(4, aggressorFill.lastQty());
        assertEquals(1_000_000, aggressorFill.lastPx());
        assertEquals(OrdStatus.FILLED, aggressorFill.ordStatus());
        final ExecutionReportDecoder restingFill = output.execution(3);
        assertEquals(1, restingFill.sessionId());
        assertEquals(6, restingFill.leavesQty());
        assertEquals(OrdStatus.PARTIALLY_FILLED, restingFill.ordStatus());
        assertEquals(aggressorFill.execId(), restingFill.execId());
        assertEquals(5, output.execution(4).reportSequence());
        assertEquals(RejectReason.NONE, output.execution(4).rejectReason());
    }

    private void offer(final Engine engine, final Command command)
    {
        final int length = sbe.encode(command, buffer, 0);
        engine.offer(buffer, 0, length);
    }

    private static Command limit(final int session, final long clOrdId, final Side side, final long price,
        final long quantity)
    {
        return TestCommands.limit(session, clOrdId, 1, side, TimeInForce.DAY, price, quantity);
    }
}
