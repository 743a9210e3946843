package io.pushline.engine;

import java.util.ArrayList;
import java.util.List;

import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.match.Command;
import io.pushline.sbe.CancelRejectDecoder;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client order id is live for its session across every instrument. With instruments on different shards, the id
 * live on one shard must be refused on the other, and freed for reuse once its order is gone: the same answers, byte
 * for byte, as the one-thread layout.
 */
class CrossShardClientOrderIdTest
{
    private static final int S1 = 1;
    private final SbeCommands sbe = new SbeCommands();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);

    @ParameterizedTest
    @EnumSource(ChainLayout.class)
    void shouldRefuseIdLiveOnAnotherInstrumentAndAcceptItOnceGoneWhatEverTheLayout(final ChainLayout layout)
    {
        final CapturedOutput output = run(layout);
        final CapturedOutput reference = run(ChainLayout.ONE_THREAD);

        assertEquals(-1, output.firstDifference(reference), layout + " differs from ONE_THREAD");
        final List<String> answers = new ArrayList<>();
        for (int i = 0; i < output.count(); i++)
        {
            answers.add(describe(output, i));
        }
        assertEquals(List.of(
            "NEW 7",
            "REJECTED DUPLICATE_CLIENT_ORDER_ID 7",
            "NEW 8",
            "CancelReject DUPLICATE_CLIENT_ORDER_ID 7",
            "CANCELED 9",
            "NEW 7",
            "CancelReject UNKNOWN_ORDER 10"), answers);
    }

    private CapturedOutput run(final ChainLayout layout)
    {
        final CapturedOutput output = new CapturedOutput();
        try (Engine engine = Engine.launch(new Engine.Context()
            .instruments(TestInstruments.of(2))
            .layout(layout)
            .shards(2)
            .maxOrdersPerInstrument(64)
            .clock(() -> 1_000)
            .outputSink(output)))
        {
            offer(engine, limit(7, 1));
            offer(engine, limit(7, 2));
            offer(engine, limit(8, 2));
            offer(engine, replace(7, 8, 2));
            offer(engine, cancel(9, 7));
            offer(engine, limit(7, 2));
            offer(engine, cancel(10, 99));
            engine.awaitIdle();
        }
        return output;
    }

    private static String describe(final CapturedOutput output, final int i)
    {
        if (output.templateId(i) == CancelRejectDecoder.TEMPLATE_ID)
        {
            final CancelRejectDecoder reject = new CancelRejectDecoder()
                .wrapAndApplyHeader(output.buffer(), output.offset(i), new MessageHeaderDecoder());
            return "CancelReject " + reject.rejectReason() + " " + reject.clOrdId();
        }
        final var report = output.execution(i);
        return report.execType() == ExecType.REJECTED ?
            "REJECTED " + report.rejectReason() + " " + report.clOrdId() :
            report.execType() + " " + report.clOrdId() + (report.rejectReason() == RejectReason.NONE ? "" : "?");
    }

    private void offer(final Engine engine, final Command command)
    {
        engine.offer(buffer, 0, sbe.encode(command, buffer, 0));
    }

    private static Command limit(final long clOrdId, final int instrumentId)
    {
        return TestCommands.limit(S1, clOrdId, instrumentId, Side.BUY, TimeInForce.GTC, 990_000, 10);
    }

    private static Command replace(final long clOrdId, final long origClOrdId, final int instrumentId)
    {
        final Command c = TestCommands.replace(S1, clOrdId, origClOrdId, 990_000, 5);
        c.instrumentId = instrumentId;
        return c;
    }

    private static Command cancel(final long clOrdId, final long origClOrdId)
    {
        return TestCommands.cancel(S1, clOrdId, origClOrdId);
    }
}
