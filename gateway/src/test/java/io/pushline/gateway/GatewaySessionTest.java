package io.pushline.gateway;

import io.pushline.sbe.CancelRejectDecoder;
import io.pushline.sbe.ClockTickDecoder;
import io.pushline.sbe.CxlRejResponseTo;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.LogonRejectReason;
import io.pushline.sbe.LogonRejectedDecoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.NewOrderEncoder;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.SequenceRejectDecoder;
import io.pushline.sbe.TerminateDecoder;
import io.pushline.sbe.TerminateReason;
import io.pushline.protocol.Sofh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.pushline.gateway.GatewayHarness.INSTRUMENT;
import static io.pushline.gateway.GatewayHarness.PRICE;
import static io.pushline.gateway.GatewayHarness.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Bad logons, sequence faults, throttling, malformed frames and foreign cancels on a real gateway and engine; in
 * every case another session, connected the whole time, keeps trading afterwards.
 */
class GatewaySessionTest
{
    private static final int SCHEMA_ID = MessageHeaderEncoder.SCHEMA_ID;
    private static final int VERSION = MessageHeaderEncoder.SCHEMA_VERSION;
    private static final int NEW_ORDER_FRAME =
        Sofh.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.BLOCK_LENGTH;

    @TempDir
    Path tempDir;

    private GatewayHarness harness;
    private Gateway gateway;
    private TestClient bystander;
    private long nextBystanderOrder = 1000;

    @BeforeEach
    void start()
    {
        harness = new GatewayHarness(tempDir).startEngine();
        gateway = harness.startGateway(
            1, ctx -> ctx.throttleMessages(5).throttleWindowNs(TimeUnit.SECONDS.toNanos(60)));
        harness.awaitEngineVisible(gateway, 5);
        bystander = harness.logon(gateway, 2);
    }

    @AfterEach
    void stop()
    {
        harness.close();
    }

    private void assertBystanderKeepsTrading()
    {
        final long clOrdId = nextBystanderOrder++;
        bystander.buy(clOrdId, INSTRUMENT, PRICE - 100, 1);
        bystander.awaitReport(ExecType.NEW, clOrdId);
    }

    private void assertLogonRejected(final TestClient client, final LogonRejectReason reason)
    {
        final TestClient.Msg msg = client.awaitTemplate(LogonRejectedDecoder.TEMPLATE_ID);
        assertEquals(reason, new LogonRejectedDecoder().wrapAndApplyHeader(
            msg.buffer(), 0, new io.pushline.sbe.MessageHeaderDecoder()).reason());
        client.awaitDisconnect();
        assertBystanderKeepsTrading();
    }

    @Test
    void shouldRejectLogonWhenTheSessionIsUnknownOrBelongsToAnotherGateway()
    {
        final TestClient unknown = harness.connect(gateway, 99);
        unknown.client.logon(99, secret(99), TestClient.HEARTBEAT_MS);
        assertLogonRejected(unknown, LogonRejectReason.UNKNOWN_SESSION);

        final TestClient otherGateways = harness.connect(gateway, 3);
        otherGateways.client.logon(3, secret(3), TestClient.HEARTBEAT_MS);
        assertLogonRejected(otherGateways, LogonRejectReason.UNKNOWN_SESSION);
    }

    @Test
    void shouldRejectLogonWhenTheSignatureIsWrongTheTimestampStaleOrReplayed()
    {
        final TestClient wrongKey = harness.connect(gateway, 1);
        wrongKey.client.logon(1, secret(4), TestClient.HEARTBEAT_MS);
        assertLogonRejected(wrongKey, LogonRejectReason.BAD_SIGNATURE);

        final long now = System.currentTimeMillis() * 1_000_000L;
        final TestClient stale = harness.connect(gateway, 1);
        stale.client.logon(1, secret(1), TestClient.HEARTBEAT_MS, now - TimeUnit.MINUTES.toNanos(5), 1);
        assertLogonRejected(stale, LogonRejectReason.STALE_TIMESTAMP);

        final TestClient first = harness.connect(gateway, 1);
        first.client.logon(1, secret(1), TestClient.HEARTBEAT_MS, now, 1);
        first.awaitTemplate(io.pushline.sbe.LogonAcceptedDecoder.TEMPLATE_ID);

        final TestClient second = harness.connect(gateway, 1);
        second.client.logon(1, secret(1), TestClient.HEARTBEAT_MS, now + 1, 1);
        assertLogonRejected(second, LogonRejectReason.ALREADY_LOGGED_ON);

        first.client.logout();
        first.awaitDisconnect();
        final TestClient replay = harness.connect(gateway, 1);
        replay.client.logon(1, secret(1), TestClient.HEARTBEAT_MS, now, 1);
        assertLogonRejected(replay, LogonRejectReason.REPLAYED_TIMESTAMP);

        // the logon refused ALREADY_LOGGED_ON used its timestamp up: replaying it later is refused too
        final TestClient replayOfRefused = harness.connect(gateway, 1);
        replayOfRefused.client.logon(1, secret(1), TestClient.HEARTBEAT_MS, now + 1, 1);
        assertLogonRejected(replayOfRefused, LogonRejectReason.REPLAYED_TIMESTAMP);
    }

    @Test
    void shouldRejectALogonFromTheFutureWithoutLockingTheRealClientOut()
    {
        final long now = System.currentTimeMillis() * 1_000_000L;
        final TestClient future = harness.connect(gateway, 1);
        future.client.logon(1, secret(1), TestClient.HEARTBEAT_MS, now + TimeUnit.SECONDS.toNanos(20), 1);
        assertLogonRejected(future, LogonRejectReason.STALE_TIMESTAMP);

        final TestClient real = harness.logon(gateway, 1);
        real.buy(1, INSTRUMENT, PRICE - 100, 1);
        real.awaitReport(ExecType.NEW, 1);
    }

    @Test
    void shouldKeepTheThrottleWindowOfASessionAcrossLogons()
    {
        final TestClient first = harness.logon(gateway, 1);
        for (int i = 1; i <= 5; i++)
        {
            first.buy(i, INSTRUMENT, PRICE - 100, 1);
            first.awaitReport(ExecType.NEW, i);
        }
        first.client.logout();
        first.awaitDisconnect();

        final TestClient second = harness.logon(gateway, 1);
        second.buy(6, INSTRUMENT, PRICE - 100, 1);
        assertEquals(RejectReason.THROTTLED, second.awaitReport(ExecType.REJECTED, 6).er().rejectReason(),
            "a new logon does not open a fresh throttle window");
        assertBystanderKeepsTrading();
    }

    @Test
    void shouldRejectBusinessMessagesBeforeLogonWithNotLoggedOn()
    {
        final TestClient early = harness.connect(gateway, 1);
        early.client.sendRaw(Frames.newOrder(1, 77), 0, NEW_ORDER_FRAME);
        final ExecutionReportDecoder reject = early.awaitReport(ExecType.REJECTED, 77).er();
        assertEquals(RejectReason.NOT_LOGGED_ON, reject.rejectReason());
        assertEquals(0, reject.reportSequence());
        early.client.logon(1, secret(1), TestClient.HEARTBEAT_MS);
        early.awaitTemplate(io.pushline.sbe.LogonAcceptedDecoder.TEMPLATE_ID);
        assertBystanderKeepsTrading();
    }

    @Test
    void shouldForwardOnlyOurBlockWhenANewOrderCarriesExtensionFields()
    {
        final TestClient client = harness.logon(gateway, 1);
        final byte[] frame = Frames.extendedNewOrder(2, 61, 300);
        client.client.sendRaw(frame, 0, frame.length);
        client.client.nextSequence(3);
        final ExecutionReportDecoder answer = client.await("answer to clOrdId 61",
            m -> m.templateId() == ExecutionReportDecoder.TEMPLATE_ID && m.er().clOrdId() == 61).er();
        assertEquals(ExecType.NEW, answer.execType(), "the engine took it: " + answer.rejectReason());
        assertEquals(PRICE, answer.price());
        assertEquals(0, harness.counter(GatewayCounters.ENGINE_TIMEOUTS_TYPE_ID, "gateway 1 engine timeouts"));
        assertBystanderKeepsTrading();
    }

    @Test
    void shouldAnswerSequenceRejectAndNotApplyTheMessageWhenASequenceIsSkipped()
    {
        final TestClient client = harness.logon(gateway, 1);
        client.client.nextSequence(5);
        client.buy(1, INSTRUMENT, PRICE, 1);
        final SequenceRejectDecoder reject = client.awaitTemplate(SequenceRejectDecoder.TEMPLATE_ID).sequenceReject();
        assertEquals(2, reject.expectedSequence());
        assertEquals(5, reject.receivedSequence());

        client.client.nextSequence(2);
        client.buy(2, INSTRUMENT, PRICE - 100, 1);
        client.awaitReport(ExecType.NEW, 2);
        assertEquals(0, client.received.stream().filter(m -> m.isReport(ExecType.NEW, 1)).count(),
            "the message with the gap was not applied");
        assertBystanderKeepsTrading();
    }

    @Test
    void shouldTerminateWhenASequenceIsTooLow()
    {
        final TestClient client = harness.logon(gateway, 1);
        client.buy(1, INSTRUMENT, PRICE - 100, 1);
        client.awaitReport(ExecType.NEW, 1);
        client.client.nextSequence(2);
        client.buy(2, INSTRUMENT, PRICE - 100, 1);
        final TerminateDecoder terminate = client.awaitTemplate(TerminateDecoder.TEMPLATE_ID).terminate();
        assertEquals(TerminateReason.SEQUENCE_TOO_LOW, terminate.reason());
        assertEquals(2, terminate.detail());
        client.awaitDisconnect();
        assertBystanderKeepsTrading();
    }

    @Test
    void shouldRejectThrottledMessagesAndAnswerEveryOne()
    {
        final TestClient client = harness.logon(gateway, 1);
        final int sent = 20;
        for (int i = 1; i <= sent; i++)
        {
            client.buy(i, INSTRUMENT, PRICE - 100, 1);
        }
        int acked = 0;
        int throttled = 0;
        for (final TestClient.Msg msg : client.awaitCount("answers", sent,
            m -> m.templateId() == ExecutionReportDecoder.TEMPLATE_ID))
        {
            final ExecutionReportDecoder answer = msg.er();
            if (answer.execType() == ExecType.NEW)
            {
                acked++;
            }
            else
            {
                assertEquals(RejectReason.THROTTLED, answer.rejectReason());
                assertEquals(0, answer.orderId());
                throttled++;
            }
        }
        assertEquals(5, acked);
        assertEquals(15, throttled);
        client.client.cancel(100, 1);
        assertEquals(RejectReason.THROTTLED, client.awaitTemplate(CancelRejectDecoder.TEMPLATE_ID).cancelReject()
            .rejectReason());
        assertEquals(16, harness.counter(GatewayCounters.SESSION_THROTTLED_TYPE_ID, "session 1 throttled"));
        assertBystanderKeepsTrading();
    }

    static Stream<Arguments> malformedFrames()
    {
        final int block = NewOrderEncoder.BLOCK_LENGTH;
        final int template = NewOrderEncoder.TEMPLATE_ID;
        return Stream.of(
            Arguments.of("unknown template", Frames.frame(NEW_ORDER_FRAME, Sofh.SBE_1_0_LE, block, 999, SCHEMA_ID,
                VERSION, block), TerminateReason.UNKNOWN_TEMPLATE, 999),
            Arguments.of("truncated frame", Frames.frame(NEW_ORDER_FRAME - 10, Sofh.SBE_1_0_LE, block, template,
                SCHEMA_ID, VERSION, block - 10), TerminateReason.TRUNCATED, block),
            Arguments.of("oversized length", Frames.frame(1_000_000, Sofh.SBE_1_0_LE, block, template, SCHEMA_ID,
                VERSION, block), TerminateReason.OVERSIZED, 1_000_000),
            Arguments.of("bad encoding type", Frames.frame(NEW_ORDER_FRAME, 0x5BE1, block, template, SCHEMA_ID,
                VERSION, block), TerminateReason.BAD_ENCODING_TYPE, 0x5BE1),
            Arguments.of("length below headers", Frames.frame(8, Sofh.SBE_1_0_LE, block, template, SCHEMA_ID,
                VERSION, block), TerminateReason.BAD_LENGTH, 8),
            Arguments.of("wrong schema id", Frames.frame(NEW_ORDER_FRAME, Sofh.SBE_1_0_LE, block, template, 42,
                VERSION, block), TerminateReason.WRONG_SCHEMA_ID, 42),
            Arguments.of("wrong version", Frames.frame(NEW_ORDER_FRAME, Sofh.SBE_1_0_LE, block, template,
                SCHEMA_ID, VERSION + 1, block), TerminateReason.WRONG_VERSION, VERSION + 1),
            Arguments.of("engine-only message", Frames.frame(Sofh.HEADER_LENGTH + 8 + ClockTickDecoder.BLOCK_LENGTH,
                Sofh.SBE_1_0_LE, ClockTickDecoder.BLOCK_LENGTH, ClockTickDecoder.TEMPLATE_ID, SCHEMA_ID, VERSION,
                ClockTickDecoder.BLOCK_LENGTH), TerminateReason.UNEXPECTED_MESSAGE, ClockTickDecoder.TEMPLATE_ID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFrames")
    void shouldTerminateOnlyTheOffendingSessionWhenAFrameIsMalformed(
        final String name, final byte[] frame, final TerminateReason reason, final long detail)
    {
        final TestClient client = harness.logon(gateway, 1);
        client.client.sendRaw(frame, 0, frame.length);
        final TerminateDecoder terminate = client.awaitTemplate(TerminateDecoder.TEMPLATE_ID).terminate();
        assertEquals(reason, terminate.reason(), name);
        assertEquals(detail, terminate.detail(), name);
        client.awaitDisconnect();
        assertBystanderKeepsTrading();
    }

    @Test
    void shouldRejectACancelOfAnotherSessionsOrderAsUnknownOrder()
    {
        final TestClient owner = harness.logon(gateway, 1);
        owner.buy(7, INSTRUMENT, PRICE - 100, 3);
        owner.awaitReport(ExecType.NEW, 7);

        bystander.client.cancel(8, 7);
        final CancelRejectDecoder reject = bystander.awaitTemplate(CancelRejectDecoder.TEMPLATE_ID).cancelReject();
        assertEquals(RejectReason.UNKNOWN_ORDER, reject.rejectReason());
        assertEquals(CxlRejResponseTo.CANCEL, reject.responseTo());
        assertEquals(0, reject.orderId());
        assertFalse(owner.received.stream().anyMatch(m -> m.isReport(ExecType.CANCELED, 8)));

        owner.client.cancel(9, 7);
        owner.awaitReport(ExecType.CANCELED, 9);
        assertBystanderKeepsTrading();
    }
}
