package io.pushline.gateway;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.pushline.sbe.BooleanType;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.CancelRejectDecoder;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.ExecutionReportEncoder;
import io.pushline.sbe.LogonAcceptedDecoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.OrdStatus;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.Side;
import io.pushline.sbe.TerminateDecoder;
import io.pushline.sbe.TerminateReason;
import io.pushline.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static io.pushline.gateway.GatewayHarness.INSTRUMENT;
import static io.pushline.gateway.GatewayHarness.PRICE;
import static io.pushline.gateway.GatewayHarness.secret;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Disconnects, a missing or silent engine, and a client that stops reading; in each case another session keeps
 * trading.
 */
class GatewayFailureTest
{
    @TempDir
    Path tempDir;

    private GatewayHarness harness;

    @AfterEach
    void stop()
    {
        harness.close();
    }

    private static void awaitValue(final String what, final long expected, final LongSupplier value)
    {
        final long deadline = System.nanoTime() + TestClient.TIMEOUT_NS;
        while (value.getAsLong() != expected)
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail(what + ": expected " + expected + ", got " + value.getAsLong());
            }
            Thread.yield();
        }
    }

    @Test
    void shouldCancelRestingDayOrdersOnlyWhenACancelOnDisconnectSessionDropsWithoutLogout()
    {
        harness = new GatewayHarness(tempDir).startEngine();
        final Gateway gateway1 = harness.startGateway(1);
        final Gateway gateway2 = harness.startGateway(2);
        harness.awaitEngineVisible(gateway1, 5);
        harness.awaitEngineVisible(gateway2, 3);

        final TestClient cod = harness.logon(gateway1, 1);
        final TestClient noCod = harness.logon(gateway1, 2);
        final TestClient trader = harness.logon(gateway2, 4);
        cod.buy(1, INSTRUMENT, PRICE - 100, 5);
        cod.client.newOrder(2, INSTRUMENT, Side.BUY, OrdType.LIMIT, TimeInForce.GTC, PRICE - 200, 5);
        noCod.buy(3, INSTRUMENT, PRICE - 300, 5);
        cod.awaitReport(ExecType.NEW, 1);
        cod.awaitReport(ExecType.NEW, 2);
        noCod.awaitReport(ExecType.NEW, 3);

        cod.close();
        noCod.close();
        // the engine's UNSOLICITED_CANCEL of order 1 reaches gateway 1 while session 1 is gone: undeliverable
        awaitValue("undeliverable reports", 1,
            () -> harness.counter(GatewayCounters.UNDELIVERABLE_TYPE_ID, "gateway 1 undeliverable reports"));

        trader.sell(41, INSTRUMENT, PRICE - 300, 15);
        trader.awaitReport(ExecType.NEW, 41);
        final ExecutionReportDecoder first = trader.awaitReport(ExecType.TRADE, 41).er();
        assertEquals(PRICE - 200, first.lastPx(), "the GTC order stays and trades first");
        assertEquals(5, first.lastQty());
        final ExecutionReportDecoder second = trader.awaitReport(ExecType.TRADE, 41).er();
        assertEquals(PRICE - 300, second.lastPx(), "the DAY order of the session without COD stays");
        assertEquals(5, second.leavesQty(), "the cancelled DAY order at the best price did not trade");

        // a session with COD that logs out keeps its DAY orders
        final TestClient loggedOut = harness.logon(gateway1, 5);
        loggedOut.buy(51, INSTRUMENT, PRICE - 400, 1);
        loggedOut.awaitReport(ExecType.NEW, 51);
        loggedOut.client.logout();
        loggedOut.awaitDisconnect();
        trader.sell(42, INSTRUMENT, PRICE - 400, 1);
        assertEquals(PRICE - 400, trader.awaitReport(ExecType.TRADE, 42).er().lastPx());
    }

    @Test
    void shouldRejectEngineUnavailableAtLogonAndPerRequestWhenNoEngineRuns()
    {
        harness = new GatewayHarness(tempDir);
        final Gateway gateway = harness.startGateway(1);
        final TestClient client = harness.connect(gateway, 1);
        client.client.logon(1, secret(1), TestClient.HEARTBEAT_MS);
        assertEquals(BooleanType.FALSE,
            client.awaitTemplate(LogonAcceptedDecoder.TEMPLATE_ID).logonAccepted().engineAvailable());
        client.buy(1, INSTRUMENT, PRICE, 1);
        assertEquals(RejectReason.ENGINE_UNAVAILABLE, client.awaitReport(ExecType.REJECTED, 1).er().rejectReason());
        client.client.cancel(2, 1);
        assertEquals(RejectReason.ENGINE_UNAVAILABLE,
            client.awaitTemplate(CancelRejectDecoder.TEMPLATE_ID).cancelReject().rejectReason());

        harness.startEngine();
        harness.awaitEngineVisible(gateway, 5);
        client.buy(3, INSTRUMENT, PRICE - 100, 1);
        client.awaitReport(ExecType.NEW, 3);
        final TestClient other = harness.logon(gateway, 2);
        other.sell(4, INSTRUMENT, PRICE - 100, 1);
        other.awaitReport(ExecType.TRADE, 4);
        client.awaitReport(ExecType.TRADE, 3);
    }

    @Test
    void shouldRejectEngineTimeoutWhenTheEngineDoesNotAnswer()
    {
        harness = new GatewayHarness(tempDir).startEngine();
        // a silent "engine" on streams 2001/2002: it subscribes to ingress and has an egress stream, never answers
        try (Subscription silentIngress = harness.aeron.addSubscription("aeron:ipc", 2001);
            ExclusivePublication silentEgress = harness.aeron.addExclusivePublication("aeron:ipc", 2002))
        {
            assertTrue(silentIngress.streamId() == 2001 && silentEgress.streamId() == 2002);
            final Gateway silent = harness.startGateway(1, ctx -> ctx.transport(harness.transport(2001, 2002))
                .engineTimeoutNs(TimeUnit.MILLISECONDS.toNanos(300)));
            final Gateway live = harness.startGateway(2);
            harness.awaitEngineVisible(silent, 5);
            harness.awaitEngineVisible(live, 4);

            final TestClient client = harness.logon(silent, 1);
            final TestClient other = harness.logon(live, 3);
            client.buy(1, INSTRUMENT, PRICE, 1);
            client.client.massCancel(2, 0);
            final ExecutionReportDecoder timeout = client.awaitReport(ExecType.REJECTED, 1).er();
            assertEquals(RejectReason.ENGINE_TIMEOUT, timeout.rejectReason());
            assertEquals(PRICE, timeout.price());
            assertEquals(RejectReason.ENGINE_TIMEOUT,
                client.await("mass cancel timeout", m -> m.templateId() == 102).massCancelReport().rejectReason());
            assertEquals(2, harness.counter(GatewayCounters.ENGINE_TIMEOUTS_TYPE_ID, "gateway 1 engine timeouts"));

            // the engine's late answer is still forwarded
            final UnsafeBuffer report = new UnsafeBuffer(new byte[256]);
            final int length = MessageHeaderEncoder.ENCODED_LENGTH + new ExecutionReportEncoder()
                .wrapAndApplyHeader(report, 0, new MessageHeaderEncoder())
                .sessionId(1).gatewayId(1).timestampNs(1).sequence(1).reportSequence(1).orderId(77).clOrdId(1)
                .origClOrdId(0).execId(1).price(PRICE).orderQty(1).lastPx(0).lastQty(0).leavesQty(1).cumQty(0)
                .instrumentId(INSTRUMENT).execType(ExecType.NEW).ordStatus(OrdStatus.NEW).side(Side.BUY)
                .ordType(OrdType.LIMIT).timeInForce(TimeInForce.DAY).rejectReason(RejectReason.NONE)
                .cancelReason(CancelReason.NONE).encodedLength();
            while (silentEgress.offer(report, 0, length) < 0)
            {
                Thread.yield();
            }
            assertEquals(77, client.awaitReport(ExecType.NEW, 1).er().orderId());

            other.buy(31, INSTRUMENT, PRICE - 100, 1);
            other.awaitReport(ExecType.NEW, 31);
        }
    }

    @Test
    void shouldDisconnectAClientThatStopsReadingWhileFloodedWithReports()
    {
        harness = new GatewayHarness(tempDir).startEngine();
        final Gateway gateway = harness.startGateway(1, ctx -> ctx.outboundBacklogBytes(8192)
            .socketSendBufferBytes(4096).throttleMessages(100_000));
        harness.awaitEngineVisible(gateway, 5);
        final TestClient other = harness.logon(gateway, 2);
        final TestClient slow = harness.connect(gateway, 1, 4096);
        slow.client.logon(1, secret(1), 10_000);
        // never polls again: every NEW report piles up
        for (int i = 1; i <= 1000 && slow.client.isConnected(); i++)
        {
            slow.client.newOrder(i, 2, Side.BUY, OrdType.LIMIT, TimeInForce.DAY, PRICE - 100, 1);
        }
        awaitValue("slow consumers", 1,
            () -> harness.counter(GatewayCounters.SLOW_CONSUMERS_TYPE_ID, "gateway 1 slow consumers"));
        // reads again: gets what was queued up to the bound, then exactly one Terminate SLOW_CONSUMER, then the end
        slow.awaitDisconnect();
        assertEquals(1, harness.counter(GatewayCounters.TERMINATED_TYPE_ID, "gateway 1 sessions terminated"));
        awaitValue("sessions connected", 1,
            () -> harness.counter(GatewayCounters.SESSIONS_CONNECTED_TYPE_ID, "gateway 1 sessions connected"));
        assertTrue(slow.count(m -> m.templateId() == ExecutionReportDecoder.TEMPLATE_ID) < 1000,
            "the backlog was cut off, not delivered");
        assertEquals(1, slow.count(m -> m.templateId() == TerminateDecoder.TEMPLATE_ID), slow.describe());
        final TestClient.Msg last = slow.received.get(slow.received.size() - 1);
        assertEquals(TerminateDecoder.TEMPLATE_ID, last.templateId(), "the Terminate is the last message");
        assertEquals(TerminateReason.SLOW_CONSUMER, last.terminate().reason());

        other.buy(21, INSTRUMENT, PRICE - 100, 1);
        other.awaitReport(ExecType.NEW, 21);
    }
}
