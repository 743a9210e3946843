package io.pushline.client;

import io.pushline.protocol.LogonSignature;
import io.pushline.protocol.MessageGuard;
import io.pushline.protocol.Sofh;
import io.pushline.sbe.CancelOrderEncoder;
import io.pushline.sbe.HeartbeatEncoder;
import io.pushline.sbe.LogonAcceptedDecoder;
import io.pushline.sbe.LogonEncoder;
import io.pushline.sbe.LogoutEncoder;
import io.pushline.sbe.MassCancelEncoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.NewOrderEncoder;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.ReplaceOrderEncoder;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.BufferUtil;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A client session with a Pushline gateway over TCP (SOFH-framed SBE). Not thread-safe: one thread sends and
 * polls. Sends are written out completely before they return; {@link #poll(Listener)} reads what has arrived,
 * hands each whole message to the listener, and sends a Heartbeat when nothing was sent for the heartbeat
 * interval the gateway granted.
 * <p>
 * Sequence numbers: the Logon is 1, every later message takes the next one, a Heartbeat carries the next one
 * without using it. {@link #nextSequence(long)} lets a test send a wrong one.
 * <pre>{@code
 * try (PushlineClient client = PushlineClient.connect("localhost", 9201))
 * {
 *     client.logon(1, secret, 1000);
 *     client.newOrder(1, 1, Side.BUY, OrdType.LIMIT, TimeInForce.DAY, 1_000_000, 10);
 *     while (running) { client.poll(listener); }
 * }
 * }</pre>
 */
public final class PushlineClient implements AutoCloseable
{
    /**
     * Receives every message from the gateway.
     */
    public interface Listener
    {
        /**
         * One message, checked by {@link MessageGuard}.
         *
         * @param templateId of the message.
         * @param buffer     holding it; valid only during the call.
         * @param offset     of its SBE header.
         * @param length     of header plus block.
         */
        void onMessage(int templateId, DirectBuffer buffer, int offset, int length);

        /**
         * The connection closed (by the gateway, or broken).
         */
        default void onDisconnected()
        {
        }
    }

    private static final int MAX_FRAME = 64 * 1024;
    private static final long WRITE_TIMEOUT_NS_DEFAULT = 10_000_000_000L;

    private final SocketChannel channel;
    private final EpochNanoClock clock;
    private final ByteBuffer in = BufferUtil.allocateDirectAligned(2 * MAX_FRAME, 64);
    private final UnsafeBuffer inBuffer = new UnsafeBuffer(in);
    private final ByteBuffer out = BufferUtil.allocateDirectAligned(MAX_FRAME, 64);
    private final UnsafeBuffer outBuffer = new UnsafeBuffer(out);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final LogonEncoder logon = new LogonEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final LogoutEncoder logout = new LogoutEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancelOrder = new CancelOrderEncoder();
    private final ReplaceOrderEncoder replaceOrder = new ReplaceOrderEncoder();
    private final MassCancelEncoder massCancel = new MassCancelEncoder();
    private final LogonAcceptedDecoder logonAccepted = new LogonAcceptedDecoder();
    private final LogonSignature signer = new LogonSignature();
    private final byte[] signature = new byte[LogonSignature.LENGTH];
    private int sessionId;
    private long nextSequence = 1;
    private long heartbeatIntervalNs;
    private long lastSentNs;
    private long writeTimeoutNs = WRITE_TIMEOUT_NS_DEFAULT;
    private boolean connected = true;
    private boolean outputFailed;
    private boolean inputEnded;

    private PushlineClient(final SocketChannel channel, final EpochNanoClock clock)
    {
        this.channel = channel;
        this.clock = clock;
    }

    /**
     * Connect to a gateway.
     *
     * @param host of the gateway.
     * @param port of the gateway.
     * @return the connected client (not logged on yet).
     * @throws UncheckedIOException if the connection fails.
     */
    public static PushlineClient connect(final String host, final int port)
    {
        return connect(host, port, 0);
    }

    /**
     * Connect to a gateway with a given socket receive buffer (tests of slow readers).
     *
     * @param host                 of the gateway.
     * @param port                 of the gateway.
     * @param receiveBufferBytes   SO_RCVBUF, 0 for the OS default.
     * @return the connected client (not logged on yet).
     * @throws UncheckedIOException if the connection fails.
     */
    public static PushlineClient connect(final String host, final int port, final int receiveBufferBytes)
    {
        SocketChannel channel = null;
        try
        {
            channel = SocketChannel.open();
            if (receiveBufferBytes > 0)
            {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            }
            channel.connect(new InetSocketAddress(host, port));
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            return new PushlineClient(channel, new OffsetEpochNanoClock());
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel);
            throw new UncheckedIOException("cannot connect to gateway " + host + ":" + port + ": " + ex, ex);
        }
    }

    /**
     * Send a Logon signed with the session's secret at the current time, with sequence 1.
     *
     * @param sessionId           the session.
     * @param secret              the session's secret.
     * @param heartbeatIntervalMs heartbeat interval to ask for.
     */
    public void logon(final int sessionId, final byte[] secret, final int heartbeatIntervalMs)
    {
        logon(sessionId, secret, heartbeatIntervalMs, clock.nanoTime(), 1);
    }

    /**
     * Send a Logon with a given timestamp and sequence (tests: stale and replayed timestamps, bad sequences).
     *
     * @param sessionId           the session.
     * @param secret              the key to sign with.
     * @param heartbeatIntervalMs heartbeat interval to ask for.
     * @param timestampNs         signed timestamp, epoch nanoseconds.
     * @param sequence            the Logon's sequence (1 is right).
     */
    public void logon(
        final int sessionId,
        final byte[] secret,
        final int heartbeatIntervalMs,
        final long timestampNs,
        final long sequence)
    {
        this.sessionId = sessionId;
        signer.sign(LogonSignature.key(secret), timestampNs, sessionId, signature, 0);
        logon.wrapAndApplyHeader(outBuffer, Sofh.HEADER_LENGTH, header)
            .sessionId(sessionId).gatewayId(0).timestampNs(timestampNs).sequence(sequence)
            .heartbeatIntervalMs(heartbeatIntervalMs).putSignature(signature, 0, LogonSignature.LENGTH);
        nextSequence = sequence + 1;
        heartbeatIntervalNs = heartbeatIntervalMs * 1_000_000L;
        send(LogonEncoder.BLOCK_LENGTH);
    }

    /**
     * Send a limit or market order.
     *
     * @param clOrdId      client order id.
     * @param instrumentId instrument.
     * @param side         BUY or SELL.
     * @param ordType      LIMIT or MARKET.
     * @param timeInForce  DAY, GTC, IOC, FOK or GTD.
     * @param price        limit price in price units (ignored for MARKET).
     * @param quantity     quantity.
     */
    public void newOrder(
        final long clOrdId,
        final int instrumentId,
        final Side side,
        final OrdType ordType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        newOrder(clOrdId, instrumentId, side, ordType, timeInForce, price, quantity, 0, false);
    }

    /**
     * Send an order with every field.
     *
     * @param clOrdId      client order id.
     * @param instrumentId instrument.
     * @param side         BUY or SELL.
     * @param ordType      LIMIT or MARKET.
     * @param timeInForce  DAY, GTC, IOC, FOK or GTD.
     * @param price        limit price in price units (ignored for MARKET).
     * @param quantity     quantity.
     * @param expireTimeNs GTD expiry in engine time, else 0.
     * @param postOnly     post-only flag.
     */
    public void newOrder(
        final long clOrdId,
        final int instrumentId,
        final Side side,
        final OrdType ordType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long expireTimeNs,
        final boolean postOnly)
    {
        newOrder.wrapAndApplyHeader(outBuffer, Sofh.HEADER_LENGTH, header)
            .sessionId(sessionId).gatewayId(0).timestampNs(clock.nanoTime()).sequence(nextSequence++)
            .clOrdId(clOrdId).price(price).quantity(quantity).expireTimeNs(expireTimeNs).instrumentId(instrumentId)
            .side(side).ordType(ordType).timeInForce(timeInForce);
        newOrder.flags().clear().postOnly(postOnly);
        send(NewOrderEncoder.BLOCK_LENGTH);
    }

    /**
     * Cancel an order of this session.
     *
     * @param clOrdId     id of this cancel request.
     * @param origClOrdId current client order id of the order.
     */
    public void cancel(final long clOrdId, final long origClOrdId)
    {
        cancelOrder.wrapAndApplyHeader(outBuffer, Sofh.HEADER_LENGTH, header)
            .sessionId(sessionId).gatewayId(0).timestampNs(clock.nanoTime()).sequence(nextSequence++)
            .clOrdId(clOrdId).origClOrdId(origClOrdId);
        send(CancelOrderEncoder.BLOCK_LENGTH);
    }

    /**
     * Replace price and quantity of an order of this session.
     *
     * @param clOrdId     new client order id.
     * @param origClOrdId current client order id.
     * @param price       new price.
     * @param quantity    new total quantity.
     */
    public void replace(final long clOrdId, final long origClOrdId, final long price, final long quantity)
    {
        replaceOrder.wrapAndApplyHeader(outBuffer, Sofh.HEADER_LENGTH, header)
            .sessionId(sessionId).gatewayId(0).timestampNs(clock.nanoTime()).sequence(nextSequence++)
            .clOrdId(clOrdId).origClOrdId(origClOrdId).price(price).quantity(quantity);
        send(ReplaceOrderEncoder.BLOCK_LENGTH);
    }

    /**
     * Cancel every live order of this session on one instrument, or on all with 0.
     *
     * @param clOrdId      id of the request.
     * @param instrumentId instrument, or 0 for all.
     */
    public void massCancel(final long clOrdId, final int instrumentId)
    {
        massCancel.wrapAndApplyHeader(outBuffer, Sofh.HEADER_LENGTH, header)
            .sessionId(sessionId).gatewayId(0).timestampNs(clock.nanoTime()).sequence(nextSequence++)
            .clOrdId(clOrdId).instrumentId(instrumentId);
        send(MassCancelEncoder.BLOCK_LENGTH);
    }

    /**
     * Send a Heartbeat (carries the next sequence, uses none).
     */
    public void heartbeat()
    {
        heartbeat.wrapAndApplyHeader(outBuffer, Sofh.HEADER_LENGTH, header)
            .sessionId(sessionId).gatewayId(0).timestampNs(clock.nanoTime()).sequence(nextSequence);
        send(HeartbeatEncoder.BLOCK_LENGTH);
    }

    /**
     * Send a Logout: the gateway answers Logout and closes; no cancel-on-disconnect.
     */
    public void logout()
    {
        logout.wrapAndApplyHeader(outBuffer, Sofh.HEADER_LENGTH, header)
            .sessionId(sessionId).gatewayId(0).timestampNs(clock.nanoTime()).sequence(nextSequence++);
        send(LogoutEncoder.BLOCK_LENGTH);
    }

    /**
     * Send raw bytes as they are (tests of malformed input).
     *
     * @param bytes  to send.
     * @param offset in bytes.
     * @param length how many.
     */
    public void sendRaw(final byte[] bytes, final int offset, final int length)
    {
        outBuffer.putBytes(0, bytes, offset, length);
        write(length);
    }

    /**
     * The sequence the next message will carry.
     *
     * @return the next sequence.
     */
    public long nextSequence()
    {
        return nextSequence;
    }

    /**
     * Set the sequence of the next message (tests of gaps).
     *
     * @param sequence the next sequence.
     */
    public void nextSequence(final long sequence)
    {
        this.nextSequence = sequence;
    }

    /**
     * Is the connection still open?
     *
     * @return false once the gateway closed it or it broke, as told to the listener. After a failed send (an error,
     * or the gateway not taking bytes for the write timeout) further sends do nothing, and the next
     * {@link #poll(Listener)} hands out what was received up to then (a Terminate, say), then
     * {@link Listener#onDisconnected()}.
     */
    public boolean isConnected()
    {
        return connected;
    }

    boolean hasFailedSend()
    {
        return outputFailed;
    }

    /**
     * How long a send may wait while the gateway does not take bytes (its socket buffer full) before the connection
     * is given up as failed; 10 s by default. While it waits, the client keeps reading what the gateway sends.
     *
     * @param nanos the bound.
     * @return this.
     */
    public PushlineClient writeTimeoutNs(final long nanos)
    {
        this.writeTimeoutNs = nanos;
        return this;
    }

    /**
     * Register this client's socket for reads with a selector, so that one thread serving many clients polls only
     * those with bytes waiting (a closed connection is readable too). Heartbeats are sent only from
     * {@link #poll(Listener)}, so such a thread still polls every client once in a while.
     *
     * @param selector   to register with.
     * @param attachment of the key, e.g. this client.
     * @return the key.
     * @throws UncheckedIOException if the connection is closed.
     */
    public SelectionKey register(final Selector selector, final Object attachment)
    {
        try
        {
            return channel.register(selector, SelectionKey.OP_READ, attachment);
        }
        catch (final ClosedChannelException ex)
        {
            throw new UncheckedIOException("client of session " + sessionId + " is closed", ex);
        }
    }

    /**
     * Read what has arrived and hand each whole message to the listener; send a Heartbeat when one is due.
     *
     * @param listener receives the messages.
     * @return messages handled.
     */
    public int poll(final Listener listener)
    {
        if (!connected)
        {
            return 0;
        }
        if (!outputFailed && heartbeatIntervalNs > 0 && clock.nanoTime() - lastSentNs >= heartbeatIntervalNs)
        {
            heartbeat();
        }
        int messages = 0;
        int read;
        do
        {
            read = readIn();
            messages += dispatch(listener);
        }
        while (outputFailed && read > 0 && connected);
        if (read < 0 || outputFailed)
        {
            // after a failed send: everything already received (a Terminate, say) has been handed out first
            disconnected(listener);
        }
        return messages;
    }

    private int readIn()
    {
        if (inputEnded)
        {
            return -1;
        }
        if (!in.hasRemaining())
        {
            return 0;
        }
        int read;
        try
        {
            read = channel.read(in);
        }
        catch (final IOException ex)
        {
            read = -1;
        }
        if (read < 0)
        {
            inputEnded = true;
        }
        return read;
    }

    private int dispatch(final Listener listener)
    {
        int messages = 0;
        int position = 0;
        final int end = in.position();
        while (end - position >= Sofh.HEADER_LENGTH)
        {
            final long frameLength = Sofh.messageLength(inBuffer, position);
            if (frameLength < Sofh.HEADER_LENGTH || frameLength > MAX_FRAME ||
                Sofh.encodingType(inBuffer, position) != Sofh.SBE_1_0_LE)
            {
                disconnected(listener);
                return messages;
            }
            if (end - position < frameLength)
            {
                break;
            }
            final int messageOffset = position + Sofh.HEADER_LENGTH;
            final int messageLength = (int)frameLength - Sofh.HEADER_LENGTH;
            final int templateId = MessageGuard.check(inBuffer, messageOffset, messageLength);
            if (templateId < 0)
            {
                disconnected(listener);
                return messages;
            }
            if (templateId == LogonAcceptedDecoder.TEMPLATE_ID)
            {
                headerDecoder.wrap(inBuffer, messageOffset);
                logonAccepted.wrap(inBuffer, messageOffset + MessageHeaderDecoder.ENCODED_LENGTH,
                    headerDecoder.blockLength(), headerDecoder.version());
                heartbeatIntervalNs = logonAccepted.heartbeatIntervalMs() * 1_000_000L;
            }
            listener.onMessage(templateId, inBuffer, messageOffset, messageLength);
            messages++;
            position += (int)frameLength;
        }
        if (position > 0)
        {
            inBuffer.putBytes(0, inBuffer, position, end - position);
            in.position(end - position);
        }
        return messages;
    }

    private void disconnected(final Listener listener)
    {
        if (connected)
        {
            connected = false;
            CloseHelper.quietClose(channel);
            listener.onDisconnected();
        }
    }

    private void send(final int blockLength)
    {
        final int frameLength = Sofh.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + blockLength;
        Sofh.write(outBuffer, 0, frameLength);
        write(frameLength);
    }

    private void write(final int length)
    {
        if (!connected || outputFailed)
        {
            return;
        }
        out.limit(length).position(0);
        long waitingSinceNs = 0;
        try
        {
            while (out.hasRemaining())
            {
                if (channel.write(out) > 0)
                {
                    waitingSinceNs = 0;
                    continue;
                }
                final long nowNs = clock.nanoTime();
                if (0 == waitingSinceNs)
                {
                    waitingSinceNs = nowNs;
                }
                else if (nowNs - waitingSinceNs > writeTimeoutNs)
                {
                    outputFailed = true;
                    return;
                }
                readIn();
                Thread.yield();
            }
            lastSentNs = clock.nanoTime();
        }
        catch (final IOException ex)
        {
            // not closed yet: the next poll hands out what was received, then reports the disconnect once
            outputFailed = true;
        }
    }

    /**
     * Close the connection (no Logout: the gateway treats it as a disconnect).
     */
    @Override
    public void close()
    {
        connected = false;
        CloseHelper.quietClose(channel);
    }
}
