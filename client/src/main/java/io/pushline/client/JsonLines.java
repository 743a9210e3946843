package io.pushline.client;

import io.pushline.sbe.BooleanType;
import io.pushline.sbe.CancelRejectDecoder;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.HeartbeatDecoder;
import io.pushline.sbe.LogonAcceptedDecoder;
import io.pushline.sbe.LogonRejectedDecoder;
import io.pushline.sbe.LogoutDecoder;
import io.pushline.sbe.MassCancelReportDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.SequenceRejectDecoder;
import io.pushline.sbe.TerminateDecoder;
import org.agrona.DirectBuffer;

/**
 * Formats each message from the gateway as one JSON object on one line, with stable field names (documented in
 * docs/client.md): {@code "type"} is the message name, then the envelope ({@code sessionId}, {@code gatewayId},
 * {@code sequence}, {@code timestampNs}), then the message's fields in schema order. Enum values are written as
 * their names, numbers as JSON numbers (prices in price units), booleans as true/false.
 */
public final class JsonLines
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ExecutionReportDecoder executionReport = new ExecutionReportDecoder();
    private final CancelRejectDecoder cancelReject = new CancelRejectDecoder();
    private final MassCancelReportDecoder massCancelReport = new MassCancelReportDecoder();
    private final LogonAcceptedDecoder logonAccepted = new LogonAcceptedDecoder();
    private final LogonRejectedDecoder logonRejected = new LogonRejectedDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final LogoutDecoder logout = new LogoutDecoder();
    private final TerminateDecoder terminate = new TerminateDecoder();
    private final SequenceRejectDecoder sequenceReject = new SequenceRejectDecoder();
    private final StringBuilder line = new StringBuilder(512);

    /**
     * The line for a disconnect.
     *
     * @return {@code {"type":"Disconnected"}}.
     */
    public static String disconnected()
    {
        return "{\"type\":\"Disconnected\"}";
    }

    /**
     * Format one message.
     *
     * @param templateId of the message.
     * @param buffer     holding it.
     * @param offset     of its SBE header.
     * @return the JSON line (without newline).
     */
    public String format(final int templateId, final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        line.setLength(0);
        switch (templateId)
        {
            case ExecutionReportDecoder.TEMPLATE_ID:
                executionReport(executionReport.wrap(buffer, body, blockLength, version));
                break;
            case CancelRejectDecoder.TEMPLATE_ID:
                cancelReject(cancelReject.wrap(buffer, body, blockLength, version));
                break;
            case MassCancelReportDecoder.TEMPLATE_ID:
                massCancelReport(massCancelReport.wrap(buffer, body, blockLength, version));
                break;
            case LogonAcceptedDecoder.TEMPLATE_ID:
                logonAccepted(logonAccepted.wrap(buffer, body, blockLength, version));
                break;
            case LogonRejectedDecoder.TEMPLATE_ID:
                final LogonRejectedDecoder rejected = logonRejected.wrap(buffer, body, blockLength, version);
                envelope("LogonRejected", rejected.sessionId(), rejected.gatewayId(), rejected.sequence(),
                    rejected.timestampNs());
                text("reason", rejected.reason().name());
                break;
            case HeartbeatDecoder.TEMPLATE_ID:
                final HeartbeatDecoder beat = heartbeat.wrap(buffer, body, blockLength, version);
                envelope("Heartbeat", beat.sessionId(), beat.gatewayId(), beat.sequence(), beat.timestampNs());
                break;
            case LogoutDecoder.TEMPLATE_ID:
                final LogoutDecoder out = logout.wrap(buffer, body, blockLength, version);
                envelope("Logout", out.sessionId(), out.gatewayId(), out.sequence(), out.timestampNs());
                break;
            case TerminateDecoder.TEMPLATE_ID:
                final TerminateDecoder end = terminate.wrap(buffer, body, blockLength, version);
                envelope("Terminate", end.sessionId(), end.gatewayId(), end.sequence(), end.timestampNs());
                text("reason", end.reason().name());
                number("detail", end.detail());
                break;
            case SequenceRejectDecoder.TEMPLATE_ID:
                final SequenceRejectDecoder gap = sequenceReject.wrap(buffer, body, blockLength, version);
                envelope("SequenceReject", gap.sessionId(), gap.gatewayId(), gap.sequence(), gap.timestampNs());
                number("expectedSequence", gap.expectedSequence());
                number("receivedSequence", gap.receivedSequence());
                break;
            default:
                line.append("{\"type\":\"Unknown\",\"templateId\":").append(templateId);
                break;
        }
        return line.append('}').toString();
    }

    private void executionReport(final ExecutionReportDecoder report)
    {
        envelope("ExecutionReport", report.sessionId(), report.gatewayId(), report.sequence(), report.timestampNs());
        number("reportSequence", report.reportSequence());
        text("execType", report.execType().name());
        text("ordStatus", report.ordStatus().name());
        number("orderId", report.orderId());
        number("clOrdId", report.clOrdId());
        number("origClOrdId", report.origClOrdId());
        number("execId", report.execId());
        number("instrumentId", report.instrumentId());
        text("side", report.side().name());
        text("ordType", report.ordType().name());
        text("timeInForce", report.timeInForce().name());
        number("price", report.price());
        number("orderQty", report.orderQty());
        number("lastPx", report.lastPx());
        number("lastQty", report.lastQty());
        number("leavesQty", report.leavesQty());
        number("cumQty", report.cumQty());
        text("rejectReason", report.rejectReason().name());
        text("cancelReason", report.cancelReason().name());
    }

    private void cancelReject(final CancelRejectDecoder reject)
    {
        envelope("CancelReject", reject.sessionId(), reject.gatewayId(), reject.sequence(), reject.timestampNs());
        number("reportSequence", reject.reportSequence());
        number("orderId", reject.orderId());
        number("clOrdId", reject.clOrdId());
        number("origClOrdId", reject.origClOrdId());
        text("responseTo", reject.responseTo().name());
        text("rejectReason", reject.rejectReason().name());
    }

    private void massCancelReport(final MassCancelReportDecoder report)
    {
        envelope("MassCancelReport", report.sessionId(), report.gatewayId(), report.sequence(),
            report.timestampNs());
        number("reportSequence", report.reportSequence());
        number("clOrdId", report.clOrdId());
        number("instrumentId", report.instrumentId());
        number("canceledCount", report.canceledCount());
        text("rejectReason", report.rejectReason().name());
    }

    private void logonAccepted(final LogonAcceptedDecoder accepted)
    {
        envelope("LogonAccepted", accepted.sessionId(), accepted.gatewayId(), accepted.sequence(),
            accepted.timestampNs());
        number("nextExpectedSequence", accepted.nextExpectedSequence());
        number("heartbeatIntervalMs", accepted.heartbeatIntervalMs());
        bool("engineAvailable", accepted.engineAvailable() == BooleanType.TRUE);
        bool("cancelOnDisconnect", accepted.cancelOnDisconnect() == BooleanType.TRUE);
    }

    private void envelope(
        final String type, final int sessionId, final int gatewayId, final long sequence, final long timestampNs)
    {
        line.append("{\"type\":\"").append(type).append('"');
        number("sessionId", sessionId);
        number("gatewayId", gatewayId);
        number("sequence", sequence);
        number("timestampNs", timestampNs);
    }

    private void number(final String name, final long value)
    {
        line.append(",\"").append(name).append("\":").append(value);
    }

    private void text(final String name, final String value)
    {
        line.append(",\"").append(name).append("\":\"").append(value).append('"');
    }

    private void bool(final String name, final boolean value)
    {
        line.append(",\"").append(name).append("\":").append(value);
    }
}
