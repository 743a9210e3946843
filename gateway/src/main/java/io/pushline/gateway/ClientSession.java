package io.pushline.gateway;

import io.pushline.protocol.Sofh;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client TCP connection: its inbound bytes (whole frames are taken out by {@link SofhFrameDecoder}), its
 * bounded outbound backlog, its session state (logon, sequence numbers in both directions, heartbeat times) and
 * non-blocking socket reads and writes. Buffers are allocated once per connection (plain direct buffers, not
 * aligned slices, so that {@link #freeBuffers()} can give them back at close); nothing per message.
 * <p>
 * The outbound buffer holds at most {@code backlogBound} bytes waiting to be written; a message that would pass it
 * is refused ({@link #claim} returns -1) and the caller ends the session SLOW_CONSUMER. A reserve past the bound
 * leaves room for that last Terminate.
 */
final class ClientSession
{
    static final int AWAITING_LOGON = 0;
    static final int ACTIVE = 1;
    static final int CLOSING = 2;
    static final int CLOSED = 3;

    static final int RESERVE = 256;
    /** Outbound bound before logon (LogonRejected, NOT_LOGGED_ON rejects, Terminate): the backlog comes at logon. */
    static final int PRE_LOGON_BACKLOG = 4096;
    private static final UnsafeBuffer FREED = new UnsafeBuffer(new byte[0]);

    final long connectionId;
    final SocketChannel channel;
    SelectionKey selectionKey;

    private final ByteBuffer inByteBuffer;
    final UnsafeBuffer inBuffer;
    int inStart;
    int inEnd;

    private ByteBuffer outByteBuffer;
    final UnsafeBuffer outBuffer;
    private final int sessionBacklogBound;
    private int backlogBound;
    int outStart;
    int outEnd;

    int state = AWAITING_LOGON;
    SessionState session;
    long nextInboundSequence;
    long nextOutboundSequence;
    long connectedNs;
    long lastReceivedNs;
    long lastSentNs;
    long heartbeatIntervalNs;
    long closeDeadlineNs;
    boolean loggedOut;
    boolean outputShutdown;
    boolean blocked;
    boolean dirty;

    ClientSession(
        final long connectionId,
        final SocketChannel channel,
        final int maxFrameLength,
        final int backlogBound,
        final long nowNs)
    {
        this.connectionId = connectionId;
        this.channel = channel;
        this.sessionBacklogBound = backlogBound;
        this.backlogBound = Math.min(PRE_LOGON_BACKLOG, backlogBound);
        inByteBuffer = ByteBuffer.allocateDirect(Math.max(2 * maxFrameLength, 16 * 1024));
        inBuffer = new UnsafeBuffer(inByteBuffer);
        outByteBuffer = ByteBuffer.allocateDirect(this.backlogBound + RESERVE);
        outBuffer = new UnsafeBuffer(outByteBuffer);
        connectedNs = nowNs;
        lastReceivedNs = nowNs;
        lastSentNs = nowNs;
    }

    /**
     * Forget everything, as if newly connected (reuse without allocation; the fuzz test uses it per input).
     *
     * @param nowNs the time of the new connection.
     */
    void reset(final long nowNs)
    {
        inStart = 0;
        inEnd = 0;
        outStart = 0;
        outEnd = 0;
        state = AWAITING_LOGON;
        session = null;
        nextInboundSequence = 0;
        nextOutboundSequence = 0;
        connectedNs = nowNs;
        lastReceivedNs = nowNs;
        lastSentNs = nowNs;
        heartbeatIntervalNs = 0;
        closeDeadlineNs = 0;
        loggedOut = false;
        outputShutdown = false;
        blocked = false;
        dirty = false;
    }

    /**
     * Logged on: the session's outbound backlog replaces the small pre-logon buffer (unauthenticated connections
     * hold little memory). What is queued moves over.
     */
    void useSessionBacklog()
    {
        if (backlogBound == sessionBacklogBound)
        {
            return;
        }
        final ByteBuffer previous = outByteBuffer;
        final int pending = outEnd - outStart;
        outByteBuffer = ByteBuffer.allocateDirect(sessionBacklogBound + RESERVE);
        final UnsafeBuffer old = new UnsafeBuffer(outBuffer, outStart, pending);
        outBuffer.wrap(outByteBuffer);
        outBuffer.putBytes(0, old, 0, pending);
        outStart = 0;
        outEnd = pending;
        backlogBound = sessionBacklogBound;
        BufferUtil.free(previous);
    }

    /**
     * The connection is closed and forgotten: give the direct memory back now rather than at some later GC
     * (connect/close churn would otherwise exhaust direct memory). The buffers then have no capacity, so a stray
     * access fails its bounds check instead of touching freed memory.
     */
    void freeBuffers()
    {
        inBuffer.wrap(FREED);
        outBuffer.wrap(FREED);
        inStart = 0;
        inEnd = 0;
        outStart = 0;
        outEnd = 0;
        BufferUtil.free(inByteBuffer);
        BufferUtil.free(outByteBuffer);
    }

    int sessionId()
    {
        return null == session ? 0 : session.sessionId;
    }

    boolean isOpen()
    {
        return state == AWAITING_LOGON || state == ACTIVE;
    }

    /**
     * Read what the socket has into the inbound buffer.
     *
     * @return bytes read, 0 if none, -1 at end of stream or on an error (reset).
     */
    int read()
    {
        makeRoomToRead();
        inByteBuffer.limit(inByteBuffer.capacity()).position(inEnd);
        try
        {
            final int read = channel.read(inByteBuffer);
            if (read > 0)
            {
                inEnd += read;
            }
            return read;
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /**
     * Copy bytes into the inbound buffer as if read from the socket (fuzz tests, no socket).
     *
     * @param bytes  to add.
     * @param offset in bytes.
     * @param length how many.
     * @return how many were taken (the buffer may be full).
     */
    int receive(final byte[] bytes, final int offset, final int length)
    {
        makeRoomToRead();
        final int taken = Math.min(length, inBuffer.capacity() - inEnd);
        inBuffer.putBytes(inEnd, bytes, offset, taken);
        inEnd += taken;
        return taken;
    }

    /**
     * Frames up to {@code inStart} were handled: forget them.
     */
    void afterFramesHandled()
    {
        if (inStart == inEnd)
        {
            inStart = 0;
            inEnd = 0;
        }
    }

    private void makeRoomToRead()
    {
        if (inStart > 0 && inStart == inEnd)
        {
            inStart = 0;
            inEnd = 0;
        }
        else if (inStart > 0 && inBuffer.capacity() - inEnd < inBuffer.capacity() / 2)
        {
            final int remaining = inEnd - inStart;
            inBuffer.putBytes(0, inBuffer, inStart, remaining);
            inStart = 0;
            inEnd = remaining;
        }
    }

    /**
     * Room for one message to send: writes the framing header and returns where the SBE message goes.
     *
     * @param messageLength of the SBE message (header + block).
     * @param useReserve    true for the last message of a session (Terminate), which may use the reserve.
     * @return offset of the SBE message in {@link #outBuffer}, or -1 if the backlog would pass its bound.
     */
    int claim(final int messageLength, final boolean useReserve)
    {
        final int frameLength = Sofh.HEADER_LENGTH + messageLength;
        final int limit = useReserve ? backlogBound + RESERVE : backlogBound;
        if (outEnd - outStart + frameLength > limit)
        {
            return -1;
        }
        if (outEnd + frameLength > outBuffer.capacity())
        {
            final int pending = outEnd - outStart;
            outBuffer.putBytes(0, outBuffer, outStart, pending);
            outStart = 0;
            outEnd = pending;
        }
        Sofh.write(outBuffer, outEnd, frameLength);
        final int messageOffset = outEnd + Sofh.HEADER_LENGTH;
        outEnd += frameLength;
        return messageOffset;
    }

    boolean hasOutput()
    {
        return outEnd > outStart;
    }

    int backlog()
    {
        return outEnd - outStart;
    }

    /**
     * Write as much of the outbound backlog as the socket takes.
     *
     * @return bytes written, or -1 if the connection failed.
     */
    int flush()
    {
        if (outEnd == outStart)
        {
            return 0;
        }
        outByteBuffer.limit(outEnd).position(outStart);
        try
        {
            final int written = channel.write(outByteBuffer);
            outStart += written;
            if (outStart == outEnd)
            {
                outStart = 0;
                outEnd = 0;
            }
            return written;
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /**
     * Half-close: a FIN after the bytes already written (a connection that is closing).
     */
    void shutdownOutput()
    {
        outputShutdown = true;
        if (null != channel)
        {
            try
            {
                channel.shutdownOutput();
            }
            catch (final IOException ignore)
            {
                // the connection is gone already: closing it follows
            }
        }
    }

    /**
     * Discard the outbound backlog (the connection is gone).
     */
    void discardOutput()
    {
        outStart = 0;
        outEnd = 0;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "connection " + connectionId + (null == session ? "" : " session " + session.sessionId);
    }
}
