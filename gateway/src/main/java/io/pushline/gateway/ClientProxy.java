package io.pushline.gateway;

import io.pushline.protocol.Envelope;
import io.pushline.sbe.BooleanType;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.CancelRejectEncoder;
import io.pushline.sbe.CxlRejResponseTo;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportEncoder;
import io.pushline.sbe.HeartbeatEncoder;
import io.pushline.sbe.LogonAcceptedEncoder;
import io.pushline.sbe.LogonRejectReason;
import io.pushline.sbe.LogonRejectedEncoder;
import io.pushline.sbe.LogoutEncoder;
import io.pushline.sbe.MassCancelReportEncoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.OrdStatus;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.SequenceRejectEncoder;
import io.pushline.sbe.Side;
import io.pushline.sbe.TerminateEncoder;
import io.pushline.sbe.TerminateReason;
import io.pushline.sbe.TimeInForce;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Encodes what the gateway sends to a client straight into the connection's outbound buffer: session messages,
 * the gateway's own rejects (reportSequence 0), and copies of engine reports. Every message carries the session's
 * outbound sequence number at envelope offset 16 (from 1 at each logon; Heartbeat carries the next one without
 * using it; 0 before logon). Each method returns false when the backlog bound is passed (the caller ends the
 * session SLOW_CONSUMER). Pre-allocated encoders: no allocation.
 */
final class ClientProxy
{
    private final int gatewayId;
    private final GatewayCounters counters;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final LogonAcceptedEncoder logonAccepted = new LogonAcceptedEncoder();
    private final LogonRejectedEncoder logonRejected = new LogonRejectedEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final LogoutEncoder logout = new LogoutEncoder();
    private final TerminateEncoder terminate = new TerminateEncoder();
    private final SequenceRejectEncoder sequenceReject = new SequenceRejectEncoder();
    private final ExecutionReportEncoder executionReport = new ExecutionReportEncoder();
    private final CancelRejectEncoder cancelReject = new CancelRejectEncoder();
    private final MassCancelReportEncoder massCancelReport = new MassCancelReportEncoder();

    ClientProxy(final int gatewayId, final GatewayCounters counters)
    {
        this.gatewayId = gatewayId;
        this.counters = counters;
    }

    boolean logonAccepted(final ClientSession connection, final long nowNs, final boolean engineAvailable)
    {
        final int offset = claim(connection, LogonAcceptedEncoder.BLOCK_LENGTH, false);
        if (offset < 0)
        {
            return false;
        }
        logonAccepted.wrapAndApplyHeader(connection.outBuffer, offset, header)
            .sessionId(connection.sessionId()).gatewayId(gatewayId).timestampNs(nowNs)
            .sequence(nextSequence(connection))
            .nextExpectedSequence(connection.nextInboundSequence)
            .heartbeatIntervalMs((int)(connection.heartbeatIntervalNs / 1_000_000))
            .engineAvailable(engineAvailable ? BooleanType.TRUE : BooleanType.FALSE)
            .cancelOnDisconnect(connection.session.cancelOnDisconnect ? BooleanType.TRUE : BooleanType.FALSE);
        return sent(connection, nowNs);
    }

    boolean logonRejected(
        final ClientSession connection, final int sessionId, final LogonRejectReason reason, final long nowNs)
    {
        final int offset = claim(connection, LogonRejectedEncoder.BLOCK_LENGTH, true);
        if (offset < 0)
        {
            return false;
        }
        logonRejected.wrapAndApplyHeader(connection.outBuffer, offset, header)
            .sessionId(sessionId).gatewayId(gatewayId).timestampNs(nowNs).sequence(0).reason(reason);
        return sent(connection, nowNs);
    }

    boolean heartbeat(final ClientSession connection, final long nowNs)
    {
        final int offset = claim(connection, HeartbeatEncoder.BLOCK_LENGTH, false);
        if (offset < 0)
        {
            return false;
        }
        heartbeat.wrapAndApplyHeader(connection.outBuffer, offset, header)
            .sessionId(connection.sessionId()).gatewayId(gatewayId).timestampNs(nowNs)
            .sequence(connection.nextOutboundSequence);
        return sent(connection, nowNs);
    }

    boolean logout(final ClientSession connection, final long nowNs)
    {
        final int offset = claim(connection, LogoutEncoder.BLOCK_LENGTH, true);
        if (offset < 0)
        {
            return false;
        }
        logout.wrapAndApplyHeader(connection.outBuffer, offset, header)
            .sessionId(connection.sessionId()).gatewayId(gatewayId).timestampNs(nowNs)
            .sequence(nextSequence(connection));
        return sent(connection, nowNs);
    }

    boolean terminate(
        final ClientSession connection, final TerminateReason reason, final long detail, final long nowNs)
    {
        final int offset = claim(connection, TerminateEncoder.BLOCK_LENGTH, true);
        if (offset < 0)
        {
            return false;
        }
        terminate.wrapAndApplyHeader(connection.outBuffer, offset, header)
            .sessionId(connection.sessionId()).gatewayId(gatewayId).timestampNs(nowNs)
            .sequence(nextSequence(connection)).detail(detail).reason(reason);
        return sent(connection, nowNs);
    }

    boolean sequenceReject(
        final ClientSession connection, final long expected, final long received, final long nowNs)
    {
        final int offset = claim(connection, SequenceRejectEncoder.BLOCK_LENGTH, false);
        if (offset < 0)
        {
            return false;
        }
        sequenceReject.wrapAndApplyHeader(connection.outBuffer, offset, header)
            .sessionId(connection.sessionId()).gatewayId(gatewayId).timestampNs(nowNs)
            .sequence(nextSequence(connection)).expectedSequence(expected).receivedSequence(received);
        return sent(connection, nowNs);
    }

    /**
     * A NewOrder refused by the gateway: ExecutionReport REJECTED with the order's fields as sent.
     */
    boolean orderRejected(
        final ClientSession connection,
        final long clOrdId,
        final int instrumentId,
        final short side,
        final short ordType,
        final short timeInForce,
        final long price,
        final long quantity,
        final RejectReason reason,
        final long nowNs)
    {
        final int offset = claim(connection, ExecutionReportEncoder.BLOCK_LENGTH, false);
        if (offset < 0)
        {
            return false;
        }
        final OrdType type = OrdType.get(ordType);
        executionReport.wrapAndApplyHeader(connection.outBuffer, offset, header)
            .sessionId(connection.sessionId()).gatewayId(gatewayId).timestampNs(nowNs)
            .sequence(nextSequence(connection)).reportSequence(0).orderId(0).clOrdId(clOrdId).origClOrdId(0)
            .execId(0).price(type == OrdType.MARKET ? 0 : price).orderQty(quantity).lastPx(0).lastQty(0)
            .leavesQty(0).cumQty(0).instrumentId(instrumentId).execType(ExecType.REJECTED)
            .ordStatus(OrdStatus.REJECTED).side(Side.get(side)).ordType(type)
            .timeInForce(TimeInForce.get(timeInForce)).rejectReason(reason).cancelReason(CancelReason.NONE);
        counters.gatewayRejects.increment();
        return sent(connection, nowNs);
    }

    /**
     * A CancelOrder or ReplaceOrder refused by the gateway: CancelReject.
     */
    boolean cancelRejected(
        final ClientSession connection,
        final long clOrdId,
        final long origClOrdId,
        final CxlRejResponseTo responseTo,
        final RejectReason reason,
        final long nowNs)
    {
        final int offset = claim(connection, CancelRejectEncoder.BLOCK_LENGTH, false);
        if (offset < 0)
        {
            return false;
        }
        cancelReject.wrapAndApplyHeader(connection.outBuffer, offset, header)
            .sessionId(connection.sessionId()).gatewayId(gatewayId).timestampNs(nowNs)
            .sequence(nextSequence(connection)).reportSequence(0).orderId(0).clOrdId(clOrdId)
            .origClOrdId(origClOrdId).rejectReason(reason).responseTo(responseTo);
        counters.gatewayRejects.increment();
        return sent(connection, nowNs);
    }

    /**
     * A MassCancel refused by the gateway: MassCancelReport with the reason and count 0.
     */
    boolean massCancelRejected(
        final ClientSession connection,
        final long clOrdId,
        final int instrumentId,
        final RejectReason reason,
        final long nowNs)
    {
        final int offset = claim(connection, MassCancelReportEncoder.BLOCK_LENGTH, false);
        if (offset < 0)
        {
            return false;
        }
        massCancelReport.wrapAndApplyHeader(connection.outBuffer, offset, header)
            .sessionId(connection.sessionId()).gatewayId(gatewayId).timestampNs(nowNs)
            .sequence(nextSequence(connection)).reportSequence(0).clOrdId(clOrdId).canceledCount(0)
            .instrumentId(instrumentId).rejectReason(reason);
        counters.gatewayRejects.increment();
        return sent(connection, nowNs);
    }

    /**
     * Forward an engine report: copied as is, with the session's outbound sequence in its envelope.
     */
    boolean forward(
        final ClientSession connection, final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        final int messageOffset = connection.claim(length, false);
        if (messageOffset < 0)
        {
            return false;
        }
        connection.outBuffer.putBytes(messageOffset, buffer, offset, length);
        connection.outBuffer.putLong(
            messageOffset + Envelope.HEADER_LENGTH + Envelope.SEQUENCE_OFFSET,
            nextSequence(connection),
            ByteOrder.LITTLE_ENDIAN);
        return sent(connection, nowNs);
    }

    private static int claim(final ClientSession connection, final int blockLength, final boolean useReserve)
    {
        return connection.claim(MessageHeaderEncoder.ENCODED_LENGTH + blockLength, useReserve);
    }

    private static long nextSequence(final ClientSession connection)
    {
        return null == connection.session ? 0 : connection.nextOutboundSequence++;
    }

    private boolean sent(final ClientSession connection, final long nowNs)
    {
        connection.lastSentNs = nowNs;
        counters.messagesOut.increment();
        if (null != connection.session)
        {
            connection.session.messagesOut.increment();
        }
        return true;
    }
}
