package io.pushline.engine.match;

import io.pushline.sbe.CxlRejResponseTo;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;

/**
 * Fills the reports that are built from a command rather than from a resting order, so validation and every book
 * build them the same way.
 */
public final class Reports
{
    /** Bits of an execId that hold the instrument's trade number; the instrument id sits above them. */
    public static final int TRADE_NUMBER_BITS = 40;

    private Reports()
    {
    }

    /**
     * The execId of a trade: unique in the engine, the same in every layout (trades happen on one instrument).
     *
     * @param instrumentId instrument id on the wire (below 2^23).
     * @param tradeNumber  the instrument's trade number, from 1.
     * @return the execId.
     */
    public static long execId(final int instrumentId, final long tradeNumber)
    {
        return ((long)instrumentId << TRADE_NUMBER_BITS) | tradeNumber;
    }

    /**
     * REJECTED for a new order: orderId 0, the order's fields as sent (price 0 for MARKET), leaves and cum 0.
     *
     * @param out     to write to.
     * @param command the rejected NewOrder.
     * @param reason  why.
     */
    public static void rejectNewOrder(final ReportSink out, final Command command, final RejectReason reason)
    {
        final Report report = out.claim();
        report.kind = Report.EXECUTION;
        report.execType = ExecType.REJECTED;
        report.sessionId = command.sessionId;
        report.gatewayId = command.gatewayId;
        report.instrumentId = command.instrumentId;
        report.instrumentIndex = command.instrumentIndex;
        report.clOrdId = command.clOrdId;
        report.price = command.ordType == OrdType.MARKET ? 0 : command.price;
        report.orderQty = command.quantity;
        report.side = command.side;
        report.ordType = command.ordType;
        report.timeInForce = command.timeInForce;
        report.rejectReason = reason;
        out.commit();
    }

    /**
     * CancelReject for a cancel or replace: orderId 0, the request's client ids.
     *
     * @param out        to write to.
     * @param command    the rejected CancelOrder or ReplaceOrder.
     * @param reason     why.
     * @param responseTo which request.
     */
    public static void cancelReject(
        final ReportSink out, final Command command, final RejectReason reason, final CxlRejResponseTo responseTo)
    {
        final Report report = out.claim();
        report.kind = Report.CANCEL_REJECT;
        report.sessionId = command.sessionId;
        report.gatewayId = command.gatewayId;
        report.instrumentId = command.instrumentId;
        report.instrumentIndex = command.instrumentIndex;
        report.clOrdId = command.clOrdId;
        report.origClOrdId = command.origClOrdId;
        report.rejectReason = reason;
        report.responseTo = responseTo;
        out.commit();
    }
}
