package io.pushline.gateway;

import io.pushline.sbe.CancelReason;
import io.pushline.sbe.CancelRejectDecoder;
import io.pushline.sbe.CxlRejResponseTo;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.MassCancelReportDecoder;
import io.pushline.sbe.OrdStatus;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.pushline.gateway.GatewayHarness.INSTRUMENT;
import static io.pushline.gateway.GatewayHarness.PRICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two gateways on one engine, real components on loopback: orders cross between sessions of different gateways and
 * every report reaches exactly the sessions it belongs to, through their own gateway.
 */
class GatewayEndToEndTest
{
    /** Short, so that the tests can wait past it: an answer the gateway failed to match would time out. */
    private static final long ENGINE_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(500);

    @TempDir
    Path tempDir;

    private GatewayHarness harness;
    private Gateway gateway1;
    private Gateway gateway2;

    @BeforeEach
    void start()
    {
        harness = new GatewayHarness(tempDir).startEngine();
        gateway1 = harness.startGateway(1, ctx -> ctx.engineTimeoutNs(ENGINE_TIMEOUT_NS));
        gateway2 = harness.startGateway(2, ctx -> ctx.engineTimeoutNs(ENGINE_TIMEOUT_NS));
        harness.awaitEngineVisible(gateway1, 5);
        harness.awaitEngineVisible(gateway2, 4);
    }

    @AfterEach
    void stop()
    {
        harness.close();
    }

    @Test
    void shouldRouteEveryFillToTheRightSessionsWhenOrdersCrossBetweenGateways()
    {
        final TestClient buyer = harness.logon(gateway1, 1);
        final TestClient seller = harness.logon(gateway2, 3);
        final TestClient otherSeller = harness.logon(gateway1, 2);

        buyer.buy(11, INSTRUMENT, PRICE, 10);
        final ExecutionReportDecoder buyAck = buyer.awaitReport(ExecType.NEW, 11).er();
        assertReport(buyAck, 1, 1, ExecType.NEW, OrdStatus.NEW, Side.BUY, 11, PRICE, 10, 0, 0, 10, 0);
        assertEquals(2, buyAck.sequence(), "gateway's outbound sequence: LogonAccepted was 1");
        final long buyOrderId = buyAck.orderId();
        assertTrue(buyOrderId > 0);

        seller.sell(31, INSTRUMENT, PRICE, 4);
        final ExecutionReportDecoder sellAck = seller.awaitReport(ExecType.NEW, 31).er();
        assertReport(sellAck, 3, 2, ExecType.NEW, OrdStatus.NEW, Side.SELL, 31, PRICE, 4, 0, 0, 4, 0);
        final ExecutionReportDecoder sellFill = seller.awaitReport(ExecType.TRADE, 31).er();
        assertReport(sellFill, 3, 2, ExecType.TRADE, OrdStatus.FILLED, Side.SELL, 31, PRICE, 4, PRICE, 4, 0, 4);
        final ExecutionReportDecoder buyFill = buyer.awaitReport(ExecType.TRADE, 11).er();
        assertReport(buyFill, 1, 1, ExecType.TRADE, OrdStatus.PARTIALLY_FILLED, Side.BUY, 11, PRICE, 10, PRICE, 4,
            6, 4);
        assertEquals(buyOrderId, buyFill.orderId());
        assertEquals(sellFill.execId(), buyFill.execId(), "both sides of one fill carry the same execId");
        assertTrue(buyFill.reportSequence() > sellFill.reportSequence());

        otherSeller.sell(21, INSTRUMENT, PRICE, 6);
        otherSeller.awaitReport(ExecType.NEW, 21);
        final ExecutionReportDecoder otherFill = otherSeller.awaitReport(ExecType.TRADE, 21).er();
        assertReport(otherFill, 2, 1, ExecType.TRADE, OrdStatus.FILLED, Side.SELL, 21, PRICE, 6, PRICE, 6, 0, 6);
        final ExecutionReportDecoder lastFill = buyer.awaitReport(ExecType.TRADE, 11).er();
        assertReport(lastFill, 1, 1, ExecType.TRADE, OrdStatus.FILLED, Side.BUY, 11, PRICE, 10, PRICE, 6, 0, 10);

        // a heartbeat round: every session's reports are its own, nothing more arrived
        buyer.client.massCancel(12, 0);
        assertEquals(0, buyer.await("mass cancel report", m -> m.templateId() == 102).massCancelReport()
            .canceledCount());
        assertOnlyOwnReports(buyer, 1);
        assertOnlyOwnReports(seller, 3);
        assertOnlyOwnReports(otherSeller, 2);
        assertEquals(3, countReports(buyer), "NEW + 2 TRADE");
        assertEquals(2, countReports(seller), "NEW + TRADE");
        assertEquals(2, countReports(otherSeller), "NEW + TRADE");
    }

    @Test
    void shouldAnswerEveryRequestKindThroughTheGateway()
    {
        final TestClient client = harness.logon(gateway2, 4);
        client.buy(1, INSTRUMENT, PRICE - 100, 5);
        client.awaitReport(ExecType.NEW, 1);
        client.client.replace(2, 1, PRICE - 200, 5);
        final ExecutionReportDecoder replaced = client.awaitReport(ExecType.REPLACED, 2).er();
        assertEquals(1, replaced.origClOrdId());
        assertEquals(PRICE - 200, replaced.price());
        client.client.cancel(3, 2);
        final ExecutionReportDecoder canceled = client.awaitReport(ExecType.CANCELED, 3).er();
        assertEquals(CancelReason.CLIENT_REQUEST, canceled.cancelReason());
        client.client.newOrder(4, 99, Side.BUY, OrdType.LIMIT, TimeInForce.DAY, PRICE, 1);
        assertEquals(RejectReason.UNKNOWN_INSTRUMENT, client.awaitReport(ExecType.REJECTED, 4).er().rejectReason());
        client.client.cancel(5, 1);
        final CancelRejectDecoder cancelReject = client.awaitTemplate(CancelRejectDecoder.TEMPLATE_ID).cancelReject();
        assertEquals(RejectReason.UNKNOWN_ORDER, cancelReject.rejectReason());
        assertEquals(5, cancelReject.clOrdId());
        client.client.replace(6, 1, PRICE, 1);
        final CancelRejectDecoder replaceReject = client.awaitTemplate(CancelRejectDecoder.TEMPLATE_ID).cancelReject();
        assertEquals(CxlRejResponseTo.REPLACE, replaceReject.responseTo());
        client.buy(7, INSTRUMENT, PRICE - 300, 1);
        client.awaitReport(ExecType.NEW, 7);
        client.client.massCancel(8, 0);
        assertEquals(1, client.await("mass cancel report", m -> m.templateId() == MassCancelReportDecoder.TEMPLATE_ID)
            .massCancelReport().canceledCount());

        // every request was matched with its answer: nothing times out once the engine timeout has passed
        client.pollFor(ENGINE_TIMEOUT_NS + TimeUnit.MILLISECONDS.toNanos(300));
        assertEquals(0, harness.counter(GatewayCounters.ENGINE_TIMEOUTS_TYPE_ID, "gateway 2 engine timeouts"));
        assertEquals(0, client.count(m -> m.templateId() == ExecutionReportDecoder.TEMPLATE_ID &&
            m.er().rejectReason() == RejectReason.ENGINE_TIMEOUT), client.describe());
        assertEquals(0, client.count(m -> m.templateId() == CancelRejectDecoder.TEMPLATE_ID &&
            m.cancelReject().rejectReason() == RejectReason.ENGINE_TIMEOUT), client.describe());
        assertEquals(0, client.count(m -> m.templateId() == MassCancelReportDecoder.TEMPLATE_ID &&
            m.massCancelReport().rejectReason() == RejectReason.ENGINE_TIMEOUT), client.describe());
        assertEquals(1, harness.counter(GatewayCounters.SESSIONS_CONNECTED_TYPE_ID, "gateway 2 sessions connected"));
        assertTrue(harness.counter(GatewayCounters.SESSION_MESSAGES_IN_TYPE_ID, "session 4 messages in") >= 9);
    }

    private static void assertOnlyOwnReports(final TestClient client, final int sessionId)
    {
        for (final TestClient.Msg msg : client.received)
        {
            if (msg.templateId() == ExecutionReportDecoder.TEMPLATE_ID)
            {
                assertEquals(sessionId, msg.er().sessionId());
            }
        }
    }

    private static long countReports(final TestClient client)
    {
        return client.received.stream().filter(m -> m.templateId() == ExecutionReportDecoder.TEMPLATE_ID).count();
    }

    private static void assertReport(
        final ExecutionReportDecoder report,
        final int sessionId,
        final int gatewayId,
        final ExecType execType,
        final OrdStatus ordStatus,
        final Side side,
        final long clOrdId,
        final long price,
        final long orderQty,
        final long lastPx,
        final long lastQty,
        final long leavesQty,
        final long cumQty)
    {
        assertEquals(sessionId, report.sessionId(), "sessionId");
        assertEquals(gatewayId, report.gatewayId(), "gatewayId");
        assertEquals(execType, report.execType(), "execType");
        assertEquals(ordStatus, report.ordStatus(), "ordStatus");
        assertEquals(side, report.side(), "side");
        assertEquals(clOrdId, report.clOrdId(), "clOrdId");
        assertEquals(INSTRUMENT, report.instrumentId(), "instrumentId");
        assertEquals(OrdType.LIMIT, report.ordType(), "ordType");
        assertEquals(TimeInForce.DAY, report.timeInForce(), "timeInForce");
        assertEquals(price, report.price(), "price");
        assertEquals(orderQty, report.orderQty(), "orderQty");
        assertEquals(lastPx, report.lastPx(), "lastPx");
        assertEquals(lastQty, report.lastQty(), "lastQty");
        assertEquals(leavesQty, report.leavesQty(), "leavesQty");
        assertEquals(cumQty, report.cumQty(), "cumQty");
        assertEquals(RejectReason.NONE, report.rejectReason(), "rejectReason");
        assertTrue(report.reportSequence() > 0, "engine reportSequence");
    }
}
