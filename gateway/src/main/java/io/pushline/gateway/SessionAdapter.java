package io.pushline.gateway;

import io.pushline.protocol.Envelope;
import io.pushline.protocol.LogonSignature;
import io.pushline.protocol.MessageGuard;
import io.pushline.sbe.CancelOnDisconnectEncoder;
import io.pushline.sbe.CancelOrderDecoder;
import io.pushline.sbe.CxlRejResponseTo;
import io.pushline.sbe.HeartbeatDecoder;
import io.pushline.sbe.LogonDecoder;
import io.pushline.sbe.LogonRejectReason;
import io.pushline.sbe.LogoutDecoder;
import io.pushline.sbe.MassCancelDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.NewOrderDecoder;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.ReplaceOrderDecoder;
import io.pushline.sbe.TerminateReason;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The session logic of the client protocol for each inbound message of a connection: logon (signature, stale and
 * replayed timestamps, one connection per session), sequence numbers (a gap gets a SequenceReject and the message
 * is not applied; a number too low ends the session), heartbeats, logout, the throttle, and business messages,
 * which are stamped with the session and gateway ids and published to the engine (or answered with the gateway's
 * own reject: NOT_LOGGED_ON, THROTTLED, ENGINE_UNAVAILABLE, and later ENGINE_TIMEOUT). Also ends sessions
 * (Terminate, disconnect) and sends CancelOnDisconnect for them.
 * <p>
 * Single-threaded (the gateway agent's thread); pre-allocated decoders, no allocation per message.
 */
final class SessionAdapter implements PendingRequests.TimeoutHandler
{
    static final long LINGER_NS = 500_000_000L;

    private final Gateway.Context ctx;
    private final Int2ObjectHashMap<SessionState> sessions;
    private final EngineIngress engine;
    private final PendingRequests pending;
    private final ClientProxy proxy;
    private final GatewayCounters counters;
    private final LogonSignature signature = new LogonSignature();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final LogonDecoder logon = new LogonDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final LogoutDecoder logout = new LogoutDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceOrder = new ReplaceOrderDecoder();
    private final MassCancelDecoder massCancel = new MassCancelDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final CancelOnDisconnectEncoder cancelOnDisconnect = new CancelOnDisconnectEncoder();
    private final MutableDirectBuffer scratch = new UnsafeBuffer(new byte[64]);
    private int cancelOnDisconnectPending;

    SessionAdapter(
        final Gateway.Context ctx,
        final Int2ObjectHashMap<SessionState> sessions,
        final EngineIngress engine,
        final PendingRequests pending,
        final ClientProxy proxy,
        final GatewayCounters counters)
    {
        this.ctx = ctx;
        this.sessions = sessions;
        this.engine = engine;
        this.pending = pending;
        this.proxy = proxy;
        this.counters = counters;
    }

    /**
     * One whole, structurally checked message from a client.
     *
     * @return true if handled; false if it must be offered again later (back pressure towards the engine).
     */
    boolean onMessage(
        final ClientSession connection,
        final int templateId,
        final MutableDirectBuffer buffer,
        final int offset,
        final int length,
        final long nowNs)
    {
        connection.lastReceivedNs = nowNs;
        boolean handled = true;
        switch (templateId)
        {
            case LogonDecoder.TEMPLATE_ID:
                onLogon(connection, buffer, offset, nowNs);
                break;
            case HeartbeatDecoder.TEMPLATE_ID:
                onHeartbeat(connection, buffer, offset, nowNs);
                break;
            case LogoutDecoder.TEMPLATE_ID:
                onLogout(connection, buffer, offset, nowNs);
                break;
            case NewOrderDecoder.TEMPLATE_ID:
            case CancelOrderDecoder.TEMPLATE_ID:
            case ReplaceOrderDecoder.TEMPLATE_ID:
            case MassCancelDecoder.TEMPLATE_ID:
                handled = onBusiness(connection, templateId, buffer, offset, length, nowNs);
                break;
            default:
                terminate(connection, TerminateReason.UNEXPECTED_MESSAGE, templateId, nowNs);
                break;
        }
        if (handled)
        {
            counters.messagesIn.increment();
            if (null != connection.session)
            {
                connection.session.messagesIn.increment();
            }
        }
        return handled;
    }

    private void onLogon(final ClientSession connection, final DirectBuffer buffer, final int offset, final long nowNs)
    {
        if (connection.state != ClientSession.AWAITING_LOGON)
        {
            terminate(connection, TerminateReason.UNEXPECTED_MESSAGE, LogonDecoder.TEMPLATE_ID, nowNs);
            return;
        }
        header.wrap(buffer, offset);
        logon.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final int sessionId = logon.sessionId();
        final long timestampNs = logon.timestampNs();
        final SessionState session = sessions.get(sessionId);
        final LogonRejectReason reason = logonRejectReason(session, buffer, offset, nowNs);
        if (null != reason)
        {
            counters.gatewayRejects.increment();
            proxy.logonRejected(connection, sessionId, reason, nowNs);
            startClosing(connection, nowNs);
            return;
        }

        // the throttle is the session's, not the connection's: a new logon does not open a fresh window
        session.connection = connection;
        connection.session = session;
        connection.useSessionBacklog();
        connection.state = ClientSession.ACTIVE;
        connection.nextInboundSequence = 2;
        connection.nextOutboundSequence = 1;
        connection.heartbeatIntervalNs = logon.heartbeatIntervalMs() * 1_000_000L;
        counters.sessionsConnected.increment();
        if (session.cancelOnDisconnectPending)
        {
            sendCancelOnDisconnect(session);
        }
        if (!proxy.logonAccepted(connection, nowNs, engine.isEngineAvailable()))
        {
            slowConsumer(connection, nowNs);
        }
    }

    private LogonRejectReason logonRejectReason(
        final SessionState session, final DirectBuffer buffer, final int offset, final long nowNs)
    {
        final long timestampNs = logon.timestampNs();
        final long heartbeatNs = logon.heartbeatIntervalMs() * 1_000_000L;
        if (null == session)
        {
            return LogonRejectReason.UNKNOWN_SESSION;
        }
        final int signatureOffset =
            offset + MessageHeaderDecoder.ENCODED_LENGTH + LogonDecoder.signatureEncodingOffset();
        if (!signature.verify(session.key, timestampNs, session.sessionId, buffer, signatureOffset))
        {
            return LogonRejectReason.BAD_SIGNATURE;
        }
        final long age = nowNs - timestampNs;
        if (age > ctx.logonTimestampWindowNs() || -age > ctx.logonMaxFutureSkewNs())
        {
            return LogonRejectReason.STALE_TIMESTAMP;
        }
        if (timestampNs <= session.lastLogonTimestampNs)
        {
            return LogonRejectReason.REPLAYED_TIMESTAMP;
        }
        // a correctly signed, fresh timestamp is used up whatever the outcome: a captured logon that was refused
        // (say ALREADY_LOGGED_ON) cannot be replayed later in the window
        session.lastLogonTimestampNs = timestampNs;
        if (null != session.connection)
        {
            return LogonRejectReason.ALREADY_LOGGED_ON;
        }
        if (logon.sequence() != 1)
        {
            return LogonRejectReason.BAD_SEQUENCE;
        }
        if (heartbeatNs < ctx.heartbeatIntervalMinNs() || heartbeatNs > ctx.heartbeatIntervalMaxNs())
        {
            return LogonRejectReason.BAD_HEARTBEAT_INTERVAL;
        }
        return null;
    }

    private void onHeartbeat(
        final ClientSession connection, final DirectBuffer buffer, final int offset, final long nowNs)
    {
        if (connection.state != ClientSession.ACTIVE)
        {
            return;
        }
        header.wrap(buffer, offset);
        heartbeat.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        checkSequence(connection, heartbeat.sequence(), nowNs);
    }

    private void onLogout(final ClientSession connection, final DirectBuffer buffer, final int offset, final long nowNs)
    {
        if (connection.state != ClientSession.ACTIVE)
        {
            proxy.logout(connection, nowNs);
            startClosing(connection, nowNs);
            return;
        }
        header.wrap(buffer, offset);
        logout.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        if (checkSequence(connection, logout.sequence(), nowNs))
        {
            connection.nextInboundSequence++;
            connection.loggedOut = true;
            proxy.logout(connection, nowNs);
            endSession(connection, false);
            startClosing(connection, nowNs);
        }
    }

    /**
     * @return true if the sequence is the expected one; otherwise the session got its answer (SequenceReject or
     * Terminate SEQUENCE_TOO_LOW).
     */
    private boolean checkSequence(final ClientSession connection, final long sequence, final long nowNs)
    {
        final long expected = connection.nextInboundSequence;
        if (sequence == expected)
        {
            return true;
        }
        if (sequence < expected)
        {
            terminate(connection, TerminateReason.SEQUENCE_TOO_LOW, sequence, nowNs);
        }
        else if (!proxy.sequenceReject(connection, expected, sequence, nowNs))
        {
            slowConsumer(connection, nowNs);
        }
        return false;
    }

    private boolean onBusiness(
        final ClientSession connection,
        final int templateId,
        final MutableDirectBuffer buffer,
        final int offset,
        final int length,
        final long nowNs)
    {
        if (connection.state != ClientSession.ACTIVE)
        {
            reject(connection, templateId, buffer, offset, RejectReason.NOT_LOGGED_ON, nowNs);
            return true;
        }
        if (!checkSequence(connection, Envelope.sequence(buffer, offset), nowNs))
        {
            return true;
        }

        final SessionState session = connection.session;
        if (!session.throttle.isAllowed(nowNs))
        {
            connection.nextInboundSequence++;
            counters.throttled.increment();
            session.throttled.increment();
            reject(connection, templateId, buffer, offset, RejectReason.THROTTLED, nowNs);
            return true;
        }
        if (session.cancelOnDisconnectPending && !sendCancelOnDisconnect(session) && engine.isEngineAvailable())
        {
            return false;
        }
        if (!engine.isEngineAvailable())
        {
            connection.nextInboundSequence++;
            reject(connection, templateId, buffer, offset, RejectReason.ENGINE_UNAVAILABLE, nowNs);
            return true;
        }
        if (pending.isFull())
        {
            return false;
        }

        buffer.putInt(offset + Envelope.HEADER_LENGTH + Envelope.SESSION_ID_OFFSET, session.sessionId,
            ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + Envelope.HEADER_LENGTH + Envelope.GATEWAY_ID_OFFSET, ctx.gatewayId(),
            ByteOrder.LITTLE_ENDIAN);
        final int result = sendOurBlock(templateId, buffer, offset);
        if (result == EngineIngress.BACK_PRESSURED)
        {
            return false;
        }
        connection.nextInboundSequence++;
        if (result == EngineIngress.UNAVAILABLE)
        {
            reject(connection, templateId, buffer, offset, RejectReason.ENGINE_UNAVAILABLE, nowNs);
            return true;
        }
        session.throttle.record(nowNs);
        addPending(connection, templateId, buffer, offset, nowNs + ctx.engineTimeoutNs());
        return true;
    }

    /**
     * Publish header plus OUR block only: a client may send a longer block (SBE extension fields we do not know,
     * accepted by {@link io.pushline.protocol.MessageGuard}), but the engine takes only messages it knows the size
     * of. The header's blockLength is set to ours for the send and put back after it, so a frame kept for a retry
     * (back pressure) still matches its framing header.
     */
    private int sendOurBlock(final int templateId, final MutableDirectBuffer buffer, final int offset)
    {
        final int blockLengthIndex = offset + MessageHeaderDecoder.blockLengthEncodingOffset();
        final short sentBlockLength = buffer.getShort(blockLengthIndex, ByteOrder.LITTLE_ENDIAN);
        final int ourBlockLength = MessageGuard.blockLength(templateId);
        buffer.putShort(blockLengthIndex, (short)ourBlockLength, ByteOrder.LITTLE_ENDIAN);
        final int result = engine.send(buffer, offset, MessageHeaderDecoder.ENCODED_LENGTH + ourBlockLength);
        buffer.putShort(blockLengthIndex, sentBlockLength, ByteOrder.LITTLE_ENDIAN);
        return result;
    }

    private void addPending(
        final ClientSession connection,
        final int templateId,
        final DirectBuffer buffer,
        final int offset,
        final long deadlineNs)
    {
        final int sessionId = connection.session.sessionId;
        wrapRequest(templateId, buffer, offset);
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                pending.details(pending.add(connection, sessionId, templateId, newOrder.clOrdId(), deadlineNs),
                    0, newOrder.price(), newOrder.quantity(), newOrder.instrumentId(), newOrder.sideRaw(),
                    newOrder.ordTypeRaw(), newOrder.timeInForceRaw());
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                pending.details(pending.add(connection, sessionId, templateId, cancelOrder.clOrdId(), deadlineNs),
                    cancelOrder.origClOrdId(), 0, 0, 0, (short)0, (short)0, (short)0);
                break;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                pending.details(pending.add(connection, sessionId, templateId, replaceOrder.clOrdId(), deadlineNs),
                    replaceOrder.origClOrdId(), replaceOrder.price(), replaceOrder.quantity(), 0, (short)0,
                    (short)0, (short)0);
                break;
            default:
                pending.details(pending.add(connection, sessionId, templateId, massCancel.clOrdId(), deadlineNs),
                    0, 0, 0, massCancel.instrumentId(), (short)0, (short)0, (short)0);
                break;
        }
    }

    private void wrapRequest(final int templateId, final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                newOrder.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                cancelOrder.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                break;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                replaceOrder.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                break;
            default:
                massCancel.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                break;
        }
    }

    private void reject(
        final ClientSession connection,
        final int templateId,
        final DirectBuffer buffer,
        final int offset,
        final RejectReason reason,
        final long nowNs)
    {
        wrapRequest(templateId, buffer, offset);
        final boolean sent;
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                sent = proxy.orderRejected(connection, newOrder.clOrdId(), newOrder.instrumentId(),
                    newOrder.sideRaw(), newOrder.ordTypeRaw(), newOrder.timeInForceRaw(), newOrder.price(),
                    newOrder.quantity(), reason, nowNs);
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                sent = proxy.cancelRejected(connection, cancelOrder.clOrdId(), cancelOrder.origClOrdId(),
                    CxlRejResponseTo.CANCEL, reason, nowNs);
                break;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                sent = proxy.cancelRejected(connection, replaceOrder.clOrdId(), replaceOrder.origClOrdId(),
                    CxlRejResponseTo.REPLACE, reason, nowNs);
                break;
            default:
                sent = proxy.massCancelRejected(connection, massCancel.clOrdId(), massCancel.instrumentId(), reason,
                    nowNs);
                break;
        }
        if (!sent)
        {
            slowConsumer(connection, nowNs);
        }
    }

    /**
     * A request the engine did not answer in time: ENGINE_TIMEOUT to its connection, if still logged on.
     */
    @Override
    public void onTimeout(final PendingRequests requests, final int index)
    {
        counters.engineTimeouts.increment();
        final ClientSession connection = requests.connection(index);
        if (null == connection || connection.state != ClientSession.ACTIVE)
        {
            return;
        }
        final long nowNs = ctx.epochNanoClock().nanoTime();
        final RejectReason reason = RejectReason.ENGINE_TIMEOUT;
        final boolean sent;
        switch (requests.kind(index))
        {
            case NewOrderDecoder.TEMPLATE_ID:
                sent = proxy.orderRejected(connection, requests.clOrdId(index), requests.instrumentId(index),
                    requests.side(index), requests.ordType(index), requests.timeInForce(index),
                    requests.price(index), requests.quantity(index), reason, nowNs);
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                sent = proxy.cancelRejected(connection, requests.clOrdId(index), requests.origClOrdId(index),
                    CxlRejResponseTo.CANCEL, reason, nowNs);
                break;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                sent = proxy.cancelRejected(connection, requests.clOrdId(index), requests.origClOrdId(index),
                    CxlRejResponseTo.REPLACE, reason, nowNs);
                break;
            default:
                sent = proxy.massCancelRejected(connection, requests.clOrdId(index), requests.instrumentId(index),
                    reason, nowNs);
                break;
        }
        if (!sent)
        {
            slowConsumer(connection, nowNs);
        }
    }

    /**
     * Heartbeat and logon deadlines of one connection.
     *
     * @param connection     to check.
     * @param nowNs          the time.
     * @param timeoutsPaused true while the gateway is not reading from clients (ingress back pressure): no logon
     *                       or heartbeat timeout then, only our own heartbeats go out.
     * @return 1 if something was done.
     */
    int onTimer(final ClientSession connection, final long nowNs, final boolean timeoutsPaused)
    {
        if (connection.state == ClientSession.AWAITING_LOGON)
        {
            if (!timeoutsPaused && nowNs - connection.connectedNs > ctx.logonTimeoutNs())
            {
                terminate(connection, TerminateReason.LOGON_TIMEOUT, 0, nowNs);
                return 1;
            }
        }
        else if (connection.state == ClientSession.ACTIVE)
        {
            if (!timeoutsPaused && nowNs - connection.lastReceivedNs > 2 * connection.heartbeatIntervalNs)
            {
                terminate(connection, TerminateReason.HEARTBEAT_TIMEOUT, 0, nowNs);
                return 1;
            }
            if (nowNs - connection.lastSentNs >= connection.heartbeatIntervalNs)
            {
                if (!proxy.heartbeat(connection, nowNs))
                {
                    slowConsumer(connection, nowNs);
                }
                return 1;
            }
        }
        return 0;
    }

    /**
     * End a session with a Terminate (best effort) and close its connection after the last bytes leave.
     */
    void terminate(final ClientSession connection, final TerminateReason reason, final long detail, final long nowNs)
    {
        if (!connection.isOpen())
        {
            return;
        }
        proxy.terminate(connection, reason, detail, nowNs);
        counters.terminated.increment();
        endSession(connection, true);
        startClosing(connection, nowNs);
    }

    void slowConsumer(final ClientSession connection, final long nowNs)
    {
        if (connection.isOpen())
        {
            counters.slowConsumers.increment();
        }
        terminate(connection, TerminateReason.SLOW_CONSUMER, connection.backlog(), nowNs);
    }

    /**
     * The connection dropped (end of stream, reset, write failure): end its session without Logout.
     */
    void onDisconnected(final ClientSession connection)
    {
        endSession(connection, true);
        connection.state = ClientSession.CLOSED;
        connection.discardOutput();
        pending.onConnectionClosed(connection);
    }

    private void startClosing(final ClientSession connection, final long nowNs)
    {
        connection.state = ClientSession.CLOSING;
        connection.closeDeadlineNs = nowNs + LINGER_NS;
    }

    private void endSession(final ClientSession connection, final boolean involuntary)
    {
        final SessionState session = connection.session;
        if (null == session || session.connection != connection)
        {
            return;
        }
        session.connection = null;
        counters.sessionsConnected.decrement();
        if (involuntary && session.cancelOnDisconnect && !connection.loggedOut)
        {
            if (!session.cancelOnDisconnectPending)
            {
                session.cancelOnDisconnectPending = true;
                cancelOnDisconnectPending++;
            }
            sendCancelOnDisconnect(session);
        }
    }

    /**
     * Publish the pending CancelOnDisconnect of a session.
     *
     * @return true if it is sent (or none was pending).
     */
    boolean sendCancelOnDisconnect(final SessionState session)
    {
        if (!session.cancelOnDisconnectPending)
        {
            return true;
        }
        cancelOnDisconnect.wrapAndApplyHeader(scratch, 0, headerEncoder)
            .sessionId(session.sessionId).gatewayId(ctx.gatewayId()).timestampNs(0).sequence(0);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + CancelOnDisconnectEncoder.BLOCK_LENGTH;
        if (engine.send(scratch, 0, length) == EngineIngress.SENT)
        {
            session.cancelOnDisconnectPending = false;
            cancelOnDisconnectPending--;
            return true;
        }
        return false;
    }

    int cancelOnDisconnectPending()
    {
        return cancelOnDisconnectPending;
    }
}
