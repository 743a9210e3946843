package io.pushline.perf.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import io.pushline.client.PushlineClient;
import io.pushline.protocol.Envelope;
import io.pushline.sbe.BooleanType;
import io.pushline.sbe.CancelOrderDecoder;
import io.pushline.sbe.LogonAcceptedDecoder;
import io.pushline.sbe.LogonRejectedDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.NewOrderDecoder;
import io.pushline.sbe.ReplaceOrderDecoder;
import io.pushline.sbe.TerminateDecoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

/**
 * One {@link PushlineClient} per session of the workload, all driven by one thread (the load thread): a message is
 * sent by its session's client (decoded from the workload's SBE command and re-sent through the client's API, so the
 * client numbers and frames it as any client does), and replies are read only from the sockets a {@link Selector}
 * reports readable, so the cost of polling does not grow with the number of sessions. Every client is also polled
 * every {@link #SWEEP_INTERVAL_NS} (heartbeats are sent from poll). A session that the gateway ends, or whose
 * connection breaks, fails the run: nothing is dropped silently.
 */
final class GatewayClients implements PushlineClient.Listener, AutoCloseable
{
    /** Heartbeat interval the clients ask for: long enough never to fire in a run. */
    static final int HEARTBEAT_INTERVAL_MS = (int)TimeUnit.HOURS.toMillis(1);

    private static final long SWEEP_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long LOGON_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int BODY = MessageHeaderDecoder.ENCODED_LENGTH;

    private final PushlineClient[] clients;
    private final Selector selector;
    private final Consumer<SelectionKey> onReady = this::onReady;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancel = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replace = new ReplaceOrderDecoder();
    private final LogonAcceptedDecoder logonAccepted = new LogonAcceptedDecoder();
    private final LogonRejectedDecoder logonRejected = new LogonRejectedDecoder();
    private final TerminateDecoder terminate = new TerminateDecoder();
    private ReplyListener listener;
    private int pollingSession;
    private String logonOutcome;
    private boolean engineAvailable;
    private String failure;
    private long nextSweepNs;

    private GatewayClients(final int maxSessionId)
    {
        clients = new PushlineClient[maxSessionId + 1];
        try
        {
            selector = Selector.open();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Connect and log on sessions 1 to maxSessionId; session 1 first, again and again until the gateway says the
     * engine is available (it sees the ingress subscriber and the egress stream).
     *
     * @param host         of the gateway.
     * @param port         of the gateway.
     * @param maxSessionId the sessions are 1 to this.
     * @param secretOf     secret of a session.
     * @return the logged-on clients.
     * @throws IllegalStateException if a logon is refused or does not complete in 10 s.
     */
    static GatewayClients logon(
        final String host, final int port, final int maxSessionId, final IntFunction<byte[]> secretOf)
    {
        final GatewayClients fleet = new GatewayClients(maxSessionId);
        try
        {
            final long deadline = System.nanoTime() + LOGON_TIMEOUT_NS;
            while (!fleet.logonOne(host, port, 1, secretOf.apply(1)))
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("gateway did not see the engine within 10 s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            for (int sessionId = 2; sessionId <= maxSessionId; sessionId++)
            {
                fleet.logonOne(host, port, sessionId, secretOf.apply(sessionId));
            }
            return fleet;
        }
        catch (final RuntimeException ex)
        {
            fleet.close();
            throw ex;
        }
    }

    /** @return true if logged on and the engine is available; false (logged out again) if it is not yet. */
    private boolean logonOne(final String host, final int port, final int sessionId, final byte[] secret)
    {
        final PushlineClient client = PushlineClient.connect(host, port);
        client.logon(sessionId, secret, HEARTBEAT_INTERVAL_MS);
        logonOutcome = null;
        pollingSession = sessionId;
        final long deadline = System.nanoTime() + LOGON_TIMEOUT_NS;
        while (logonOutcome == null && client.isConnected() && System.nanoTime() < deadline)
        {
            if (client.poll(this) == 0)
            {
                Thread.yield();
            }
        }
        if (!"accepted".equals(logonOutcome))
        {
            client.close();
            throw new IllegalStateException("session " + sessionId + ": logon " +
                (logonOutcome == null ? "not answered" + (failure != null ? " (" + failure + ")" : "") :
                logonOutcome));
        }
        if (!engineAvailable)
        {
            client.logout();
            final long closeDeadline = System.nanoTime() + LOGON_TIMEOUT_NS;
            while (client.isConnected() && System.nanoTime() < closeDeadline)
            {
                client.poll(this);
                Thread.yield();
            }
            client.close();
            failure = null;
            return false;
        }
        clients[sessionId] = client;
        client.register(selector, sessionId); // boxed once, here
        return true;
    }

    /**
     * Replies go to this listener from now on (before, they are dropped: there are none).
     *
     * @param listener of every message of every session except the session-level ones.
     */
    void listener(final ReplyListener listener)
    {
        this.listener = listener;
    }

    /**
     * Send a workload command through its session's client.
     *
     * @param buffer holding the SBE command (header included).
     * @param offset of the command.
     * @throws IllegalStateException if the session has ended, or for a command the load never sends.
     */
    void send(final DirectBuffer buffer, final int offset)
    {
        if (failure != null)
        {
            throw new IllegalStateException(failure);
        }
        final PushlineClient client = clients[Envelope.sessionId(buffer, offset)];
        header.wrap(buffer, offset);
        final int body = offset + BODY;
        switch (header.templateId())
        {
            case NewOrderDecoder.TEMPLATE_ID ->
            {
                newOrder.wrap(buffer, body, header.blockLength(), header.version());
                client.newOrder(newOrder.clOrdId(), newOrder.instrumentId(), newOrder.side(), newOrder.ordType(),
                    newOrder.timeInForce(), newOrder.price(), newOrder.quantity(), newOrder.expireTimeNs(),
                    newOrder.flags().postOnly());
            }
            case CancelOrderDecoder.TEMPLATE_ID ->
            {
                cancel.wrap(buffer, body, header.blockLength(), header.version());
                client.cancel(cancel.clOrdId(), cancel.origClOrdId());
            }
            case ReplaceOrderDecoder.TEMPLATE_ID ->
            {
                replace.wrap(buffer, body, header.blockLength(), header.version());
                client.replace(replace.clOrdId(), replace.origClOrdId(), replace.price(), replace.quantity());
            }
            default -> throw new IllegalStateException("the load sends no template " + header.templateId());
        }
    }

    /**
     * Read the sockets that have bytes; every {@link #SWEEP_INTERVAL_NS} poll all of them.
     *
     * @return messages handled.
     */
    int poll()
    {
        int work;
        try
        {
            work = selector.selectNow(onReady);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final long nowNs = System.nanoTime();
        if (nowNs - nextSweepNs >= 0)
        {
            nextSweepNs = nowNs + SWEEP_INTERVAL_NS;
            for (int sessionId = 1; sessionId < clients.length; sessionId++)
            {
                pollingSession = sessionId;
                work += clients[sessionId].poll(this);
            }
        }
        return work;
    }

    private void onReady(final SelectionKey key)
    {
        pollingSession = (Integer)key.attachment();
        clients[pollingSession].poll(this);
    }

    @Override
    public void onMessage(final int templateId, final DirectBuffer buffer, final int offset, final int length)
    {
        final int body = offset + BODY;
        switch (templateId)
        {
            case LogonAcceptedDecoder.TEMPLATE_ID ->
            {
                logonAccepted.wrap(
                    buffer, body, LogonAcceptedDecoder.BLOCK_LENGTH, LogonAcceptedDecoder.SCHEMA_VERSION);
                engineAvailable = logonAccepted.engineAvailable() == BooleanType.TRUE;
                logonOutcome = "accepted";
            }
            case LogonRejectedDecoder.TEMPLATE_ID ->
            {
                logonRejected.wrap(
                    buffer, body, LogonRejectedDecoder.BLOCK_LENGTH, LogonRejectedDecoder.SCHEMA_VERSION);
                logonOutcome = "rejected " + logonRejected.reason();
            }
            case TerminateDecoder.TEMPLATE_ID ->
            {
                terminate.wrap(buffer, body, TerminateDecoder.BLOCK_LENGTH, TerminateDecoder.SCHEMA_VERSION);
                failure = "session " + Envelope.sessionId(buffer, offset) + " terminated by the gateway: " +
                    terminate.reason() + " (detail " + terminate.detail() + ")";
            }
            default ->
            {
                if (listener != null)
                {
                    listener.onReply(buffer, offset, length);
                }
            }
        }
    }

    @Override
    public void onDisconnected()
    {
        if (failure == null)
        {
            failure = "session " + pollingSession + ": connection to the gateway closed";
        }
    }

    @Override
    public void close()
    {
        for (final PushlineClient client : clients)
        {
            CloseHelper.quietClose(client);
        }
        CloseHelper.quietClose(selector);
    }
}
