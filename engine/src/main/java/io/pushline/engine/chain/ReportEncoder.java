package io.pushline.engine.chain;

import java.nio.ByteBuffer;

import io.pushline.engine.match.Command;
import io.pushline.engine.match.Report;
import io.pushline.sbe.CancelRejectEncoder;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportEncoder;
import io.pushline.sbe.MassCancelReportEncoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.OrdStatus;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Encodes reports as SBE into one reused buffer and hands each to the output sink, stamping the command's timestamp
 * and sequence, the gap-free report sequence and the order status.
 */
final class ReportEncoder
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(512));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ExecutionReportEncoder execution = new ExecutionReportEncoder();
    private final CancelRejectEncoder cancelReject = new CancelRejectEncoder();
    private final MassCancelReportEncoder massCancelReport = new MassCancelReportEncoder();
    private final OutputSink sink;
    private long reportSequence;

    ReportEncoder(final OutputSink sink)
    {
        this.sink = sink;
    }

    void encode(final Report report, final Command command)
    {
        if (report.kind == Report.CANCEL_REJECT)
        {
            encodeCancelReject(report, command);
        }
        else
        {
            encodeExecution(report, command);
        }
    }

    private void encodeExecution(final Report r, final Command command)
    {
        execution.wrapAndApplyHeader(buffer, 0, header)
            .sessionId(r.sessionId)
            .gatewayId(r.gatewayId)
            .timestampNs(command.timestampNs)
            .sequence(command.sequence)
            .reportSequence(++reportSequence)
            .orderId(r.orderId)
            .clOrdId(r.clOrdId)
            .origClOrdId(r.origClOrdId)
            .execId(r.execId)
            .price(r.price)
            .orderQty(r.orderQty)
            .lastPx(r.lastPx)
            .lastQty(r.lastQty)
            .leavesQty(r.leavesQty)
            .cumQty(r.cumQty)
            .instrumentId(r.instrumentId)
            .execType(r.execType)
            .ordStatus(ordStatus(r))
            .side(r.side == null ? Side.NULL_VAL : r.side)
            .ordType(r.ordType == null ? OrdType.NULL_VAL : r.ordType)
            .timeInForce(r.timeInForce == null ? TimeInForce.NULL_VAL : r.timeInForce)
            .rejectReason(r.rejectReason)
            .cancelReason(r.cancelReason);
        sink.onMessage(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + execution.encodedLength());
    }

    private void encodeCancelReject(final Report r, final Command command)
    {
        cancelReject.wrapAndApplyHeader(buffer, 0, header)
            .sessionId(r.sessionId)
            .gatewayId(r.gatewayId)
            .timestampNs(command.timestampNs)
            .sequence(command.sequence)
            .reportSequence(++reportSequence)
            .orderId(r.orderId)
            .clOrdId(r.clOrdId)
            .origClOrdId(r.origClOrdId)
            .rejectReason(r.rejectReason)
            .responseTo(r.responseTo);
        sink.onMessage(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + cancelReject.encodedLength());
    }

    void encodeMassCancelReport(final Command command, final long canceledCount)
    {
        massCancelReport.wrapAndApplyHeader(buffer, 0, header)
            .sessionId(command.sessionId)
            .gatewayId(command.gatewayId)
            .timestampNs(command.timestampNs)
            .sequence(command.sequence)
            .reportSequence(++reportSequence)
            .clOrdId(command.clOrdId)
            .canceledCount(canceledCount)
            .instrumentId(command.instrumentId)
            .rejectReason(command.rejectReason);
        sink.onMessage(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + massCancelReport.encodedLength());
    }

    void endOfBatch()
    {
        sink.onEndOfBatch();
    }

    long reportSequence()
    {
        return reportSequence;
    }

    void reportSequence(final long reportSequence)
    {
        this.reportSequence = reportSequence;
    }

    static OrdStatus ordStatus(final Report r)
    {
        final ExecType execType = r.execType;
        return switch (execType)
        {
            case NEW -> OrdStatus.NEW;
            case TRADE -> r.leavesQty > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.FILLED;
            case REPLACED -> r.leavesQty == 0 ? OrdStatus.FILLED :
                r.cumQty > 0 ? OrdStatus.PARTIALLY_FILLED : OrdStatus.NEW;
            case CANCELED, UNSOLICITED_CANCEL -> OrdStatus.CANCELED;
            case REJECTED -> OrdStatus.REJECTED;
            case EXPIRED -> OrdStatus.EXPIRED;
            default -> OrdStatus.NULL_VAL;
        };
    }

    static boolean isRejected(final Command command)
    {
        return command.rejectReason != RejectReason.NONE;
    }
}
