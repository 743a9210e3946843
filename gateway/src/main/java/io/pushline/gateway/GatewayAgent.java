package io.pushline.gateway;

import io.aeron.Subscription;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.CancelRejectDecoder;
import io.pushline.sbe.CancelOrderDecoder;
import io.pushline.sbe.CxlRejResponseTo;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.MassCancelDecoder;
import io.pushline.sbe.MassCancelReportDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.NewOrderDecoder;
import io.pushline.sbe.ReplaceOrderDecoder;
import io.pushline.sbe.TerminateReason;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * The gateway's one duty cycle: accept connections, read client sockets (non-blocking, through a selector whose
 * ready keys are handed to a pre-bound consumer, so selecting makes no garbage), decode and handle frames, poll the
 * engine's reports and route them to their sessions, expire requests the engine did not answer, run heartbeat and
 * logon timers, write what each connection has queued, and close connections that ended.
 * <p>
 * When the ingress publication stays back pressured (or the pending-request ring is full) the frame that could not
 * be sent stays in its connection's buffer and the agent stops reading sockets until it has gone out: the clients
 * see TCP back pressure, nothing is dropped.
 */
final class GatewayAgent implements Agent, EngineReportAdapter.ReportHandler
{
    static final long TIMER_INTERVAL_NS = 1_000_000L;
    static final long CLOCK_RESAMPLE_INTERVAL_NS = 1_000_000_000L;
    static final long SHUTDOWN_FLUSH_NS = 200_000_000L;
    static final long SHUTDOWN_CANCEL_ON_DISCONNECT_NS = 2_000_000_000L;

    private final Gateway.Context ctx;
    private final EpochNanoClock clock;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final SelectionKey serverKey;
    private final Int2ObjectHashMap<SessionState> sessions;
    private final SessionAdapter adapter;
    private final SofhFrameDecoder decoder;
    private final EngineReportAdapter reports;
    private final PendingRequests pending;
    private final ClientProxy proxy;
    private final GatewayCounters counters;
    private final ErrorHandler errorHandler;
    private final ArrayList<ClientSession> connections = new ArrayList<>();
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ExecutionReportDecoder executionReport = new ExecutionReportDecoder();
    private final CancelRejectDecoder cancelReject = new CancelRejectDecoder();
    private final MassCancelReportDecoder massCancelReport = new MassCancelReportDecoder();
    private long nowNs;
    private long nextTimerNs;
    private long nextResampleNs;
    private long nextConnectionId = 1;
    private long blockedSinceNs;
    private int selectedWork;
    private boolean ingressBlocked;

    GatewayAgent(
        final Gateway.Context ctx,
        final ServerSocketChannel server,
        final Int2ObjectHashMap<SessionState> sessions,
        final SessionAdapter adapter,
        final Subscription egress,
        final PendingRequests pending,
        final ClientProxy proxy,
        final GatewayCounters counters)
        throws IOException
    {
        this.ctx = ctx;
        this.clock = ctx.epochNanoClock();
        this.server = server;
        this.sessions = sessions;
        this.adapter = adapter;
        this.pending = pending;
        this.proxy = proxy;
        this.counters = counters;
        this.errorHandler = ctx.errorHandler();
        this.decoder = new SofhFrameDecoder(ctx.maxFrameLength(), adapter);
        this.reports = new EngineReportAdapter(egress, ctx.gatewayId(), this);
        this.selector = Selector.open();
        this.serverKey = server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String roleName()
    {
        return "pushline-gateway-" + ctx.gatewayId();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int doWork() throws IOException
    {
        nowNs = clock.nanoTime();
        int work = 0;
        if (adapter.cancelOnDisconnectPending() > 0)
        {
            work += retryCancelOnDisconnect();
        }
        work += reports.poll();
        if (ingressBlocked)
        {
            work += retryBlocked();
        }
        // select even while blocked: accepts, draining closing connections, and releasing cancelled keys go on;
        // readable keys of open connections that are skipped while blocked are not counted as work
        selectedWork = 0;
        selector.selectNow(onSelected);
        work += selectedWork;
        work += pending.expire(nowNs, adapter);
        if (nowNs - nextResampleNs >= 0)
        {
            // an offset clock drifts from the wall clock (NTP adjustments): logon timestamps are checked against it
            nextResampleNs = nowNs + CLOCK_RESAMPLE_INTERVAL_NS;
            if (clock instanceof OffsetEpochNanoClock offsetClock)
            {
                offsetClock.sample();
            }
        }
        if (nowNs - nextTimerNs >= 0)
        {
            nextTimerNs = nowNs + TIMER_INTERVAL_NS;
            for (int i = 0, size = connections.size(); i < size; i++)
            {
                work += adapter.onTimer(connections.get(i), nowNs, ingressBlocked);
            }
        }
        work += flushAndClose();
        return work;
    }

    private void onSelected(final SelectionKey key)
    {
        if (key == serverKey)
        {
            accept();
            return;
        }
        final ClientSession connection = (ClientSession)key.attachment();
        if (!key.isValid() || !key.isReadable() || connection.state == ClientSession.CLOSED)
        {
            return;
        }
        if (connection.state == ClientSession.CLOSING)
        {
            drain(connection);
            return;
        }
        if (ingressBlocked)
        {
            return;
        }
        final int read = connection.read();
        selectedWork++;
        if (read < 0)
        {
            adapter.onDisconnected(connection);
        }
        else if (read > 0)
        {
            decoder.decode(connection, nowNs);
            if (connection.blocked)
            {
                onBlocked();
            }
        }
    }

    /**
     * A closing connection's input is read and thrown away: closing a socket with unread input would send a reset
     * that can destroy the Terminate still on its way. End of stream from the peer ends the linger.
     */
    private void drain(final ClientSession connection)
    {
        selectedWork++;
        connection.inStart = 0;
        connection.inEnd = 0;
        if (connection.read() < 0)
        {
            adapter.onDisconnected(connection);
        }
    }

    private void onBlocked()
    {
        if (!ingressBlocked)
        {
            ingressBlocked = true;
            blockedSinceNs = nowNs;
        }
    }

    /**
     * Time spent blocked is not held against the connections: nothing was read from them meanwhile, so their
     * heartbeat and logon deadlines move on by that time.
     */
    private void onUnblocked()
    {
        final long pausedNs = nowNs - blockedSinceNs;
        for (int i = 0, size = connections.size(); i < size; i++)
        {
            final ClientSession connection = connections.get(i);
            connection.lastReceivedNs += pausedNs;
            connection.connectedNs += pausedNs;
        }
    }

    private void accept()
    {
        selectedWork++;
        while (true)
        {
            final SocketChannel channel;
            try
            {
                channel = server.accept();
            }
            catch (final IOException ex)
            {
                errorHandler.onError(ex);
                return;
            }
            if (null == channel)
            {
                return;
            }
            if (connections.size() >= ctx.maxConnections())
            {
                CloseHelper.quietClose(channel);
                continue;
            }
            try
            {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (ctx.socketSendBufferBytes() > 0)
                {
                    channel.setOption(StandardSocketOptions.SO_SNDBUF, ctx.socketSendBufferBytes());
                }
                final ClientSession connection = new ClientSession(
                    nextConnectionId++, channel, ctx.maxFrameLength(), ctx.outboundBacklogBytes(), nowNs);
                connection.selectionKey = channel.register(selector, SelectionKey.OP_READ, connection);
                connections.add(connection);
            }
            catch (final IOException | RuntimeException ex)
            {
                // this connection only (reset before it was set up): close it, keep accepting the others
                CloseHelper.quietClose(channel);
                errorHandler.onError(ex);
            }
        }
    }

    private int retryBlocked()
    {
        boolean stillBlocked = false;
        int work = 0;
        for (int i = 0, size = connections.size(); i < size; i++)
        {
            final ClientSession connection = connections.get(i);
            if (connection.blocked)
            {
                work += decoder.decode(connection, nowNs);
                stillBlocked |= connection.blocked;
            }
        }
        ingressBlocked = stillBlocked;
        if (!stillBlocked)
        {
            onUnblocked();
        }
        return work;
    }

    private int retryCancelOnDisconnect()
    {
        int work = 0;
        for (final SessionState session : sessions.values())
        {
            if (session.cancelOnDisconnectPending && adapter.sendCancelOnDisconnect(session))
            {
                work++;
            }
        }
        return work;
    }

    private int flushAndClose()
    {
        int work = 0;
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final ClientSession connection = connections.get(i);
            if (connection.hasOutput() && connection.state != ClientSession.CLOSED)
            {
                final int written = connection.flush();
                if (written < 0)
                {
                    adapter.onDisconnected(connection);
                }
                else
                {
                    work += written > 0 ? 1 : 0;
                }
            }
            if (connection.state == ClientSession.CLOSING)
            {
                if (nowNs - connection.closeDeadlineNs > 0)
                {
                    adapter.onDisconnected(connection);
                }
                else if (!connection.hasOutput() && !connection.outputShutdown)
                {
                    // everything queued left: FIN after it; the close follows the peer's end of stream (drain)
                    // or the linger deadline
                    connection.shutdownOutput();
                    work++;
                }
            }
            if (connection.state == ClientSession.CLOSED)
            {
                close(connection);
                connections.remove(i);
                work++;
            }
        }
        return work;
    }

    private void close(final ClientSession connection)
    {
        if (null != connection.selectionKey)
        {
            connection.selectionKey.cancel();
        }
        CloseHelper.quietClose(connection.channel);
        connection.freeBuffers();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onReport(
        final int templateId, final int sessionId, final DirectBuffer buffer, final int offset, final int length)
    {
        matchAnswer(templateId, sessionId, buffer, offset);
        final SessionState session = sessions.get(sessionId);
        final ClientSession connection = null == session ? null : session.connection;
        if (null == connection || connection.state != ClientSession.ACTIVE)
        {
            counters.undeliverable.increment();
            return;
        }
        if (!proxy.forward(connection, buffer, offset, length, nowNs))
        {
            adapter.slowConsumer(connection, nowNs);
        }
    }

    private void matchAnswer(final int templateId, final int sessionId, final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        switch (templateId)
        {
            case ExecutionReportDecoder.TEMPLATE_ID:
            {
                executionReport.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                final ExecType execType = executionReport.execType();
                final int kind;
                if (execType == ExecType.NEW || execType == ExecType.REJECTED)
                {
                    kind = NewOrderDecoder.TEMPLATE_ID;
                }
                else if (execType == ExecType.CANCELED && executionReport.cancelReason() == CancelReason.CLIENT_REQUEST)
                {
                    kind = CancelOrderDecoder.TEMPLATE_ID;
                }
                else if (execType == ExecType.REPLACED)
                {
                    kind = ReplaceOrderDecoder.TEMPLATE_ID;
                }
                else
                {
                    return;
                }
                pending.onAnswer(sessionId, kind, executionReport.clOrdId());
                break;
            }
            case CancelRejectDecoder.TEMPLATE_ID:
                cancelReject.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                pending.onAnswer(sessionId, cancelReject.responseTo() == CxlRejResponseTo.REPLACE ?
                    ReplaceOrderDecoder.TEMPLATE_ID : CancelOrderDecoder.TEMPLATE_ID, cancelReject.clOrdId());
                break;
            default:
                massCancelReport.wrap(buffer, bodyOffset, header.blockLength(), header.version());
                pending.onAnswer(sessionId, MassCancelDecoder.TEMPLATE_ID, massCancelReport.clOrdId());
                break;
        }
    }

    /**
     * Shutdown on the agent thread: every open session gets Terminate GATEWAY_SHUTDOWN (its cancel-on-disconnect
     * is sent), the last bytes get a short while to leave, then every socket closes. A cancel-on-disconnect the
     * engine cannot take yet (back pressure, not connected) is retried for a bounded time; one still not sent then
     * is counted ({@code cancel-on-disconnect lost}) and logged.
     */
    @Override
    public void onClose()
    {
        nowNs = clock.nanoTime();
        for (int i = 0, size = connections.size(); i < size; i++)
        {
            adapter.terminate(connections.get(i), TerminateReason.GATEWAY_SHUTDOWN, 0, nowNs);
        }
        final long flushDeadlineNs = nowNs + SHUTDOWN_FLUSH_NS;
        final long codDeadlineNs = nowNs + SHUTDOWN_CANCEL_ON_DISCONNECT_NS;
        while ((!connections.isEmpty() && nowNs - flushDeadlineNs < 0) ||
            (adapter.cancelOnDisconnectPending() > 0 && nowNs - codDeadlineNs < 0))
        {
            selectedWork = 0;
            try
            {
                selector.selectNow(onSelected);
            }
            catch (final IOException ex)
            {
                errorHandler.onError(ex);
            }
            flushAndClose();
            if (adapter.cancelOnDisconnectPending() > 0)
            {
                retryCancelOnDisconnect();
            }
            Thread.yield();
            nowNs = clock.nanoTime();
        }
        for (int i = 0, size = connections.size(); i < size; i++)
        {
            adapter.onDisconnected(connections.get(i));
            close(connections.get(i));
        }
        connections.clear();
        reportLostCancelOnDisconnect();
        CloseHelper.quietClose(selector);
        CloseHelper.quietClose(server);
    }

    private void reportLostCancelOnDisconnect()
    {
        final int lost = adapter.cancelOnDisconnectPending();
        if (lost > 0)
        {
            counters.cancelOnDisconnectLost.getAndAdd(lost);
            final StringBuilder ids = new StringBuilder();
            for (final SessionState session : sessions.values())
            {
                if (session.cancelOnDisconnectPending)
                {
                    ids.append(ids.length() == 0 ? "" : ",").append(session.sessionId);
                }
            }
            System.err.println("pushline gateway " + ctx.gatewayId() + ": shutdown could not send " +
                "cancel-on-disconnect for session(s) " + ids + " (engine unreachable or back pressured); their " +
                "resting DAY orders stay");
        }
    }

    int connectionCount()
    {
        return connections.size();
    }
}
