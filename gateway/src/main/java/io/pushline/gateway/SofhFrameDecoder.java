package io.pushline.gateway;

import io.pushline.protocol.MessageGuard;
import io.pushline.protocol.Sofh;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.TerminateReason;

import java.nio.ByteOrder;

/**
 * Takes whole SOFH frames out of a connection's inbound bytes and hands each SBE message to the
 * {@link SessionAdapter}. Every malformed case ends the session with a Terminate and its reason, checked in this
 * order, before any decoder is wrapped:
 * <ol>
 *     <li>frame length over the gateway's maximum: OVERSIZED (detail: the length);</li>
 *     <li>frame length below framing header plus SBE header: BAD_LENGTH (detail: the length);</li>
 *     <li>encoding type not 0x5BE0: BAD_ENCODING_TYPE (detail: the type);</li>
 *     <li>then, once the whole frame is there, {@link MessageGuard}: WRONG_SCHEMA_ID, WRONG_VERSION,
 *         UNKNOWN_TEMPLATE, a block length below ours (BAD_LENGTH) or a block longer than the frame (TRUNCATED);</li>
 *     <li>a frame longer than its message (bytes after the block): BAD_LENGTH.</li>
 * </ol>
 * A frame that is not complete yet waits for more bytes; reads never go past the bytes received.
 */
final class SofhFrameDecoder
{
    private static final int MIN_FRAME_LENGTH = Sofh.HEADER_LENGTH + MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int BLOCK_LENGTH_OFFSET = MessageHeaderDecoder.blockLengthEncodingOffset();

    private final int maxFrameLength;
    private final SessionAdapter adapter;

    SofhFrameDecoder(final int maxFrameLength, final SessionAdapter adapter)
    {
        this.maxFrameLength = maxFrameLength;
        this.adapter = adapter;
    }

    /**
     * Handle every whole frame the connection has received, until it closes or back pressure stops it (then
     * {@link ClientSession#blocked} is set and the frame stays for the next attempt).
     *
     * @param connection with received bytes.
     * @param nowNs      the time.
     * @return frames handled.
     */
    int decode(final ClientSession connection, final long nowNs)
    {
        int frames = 0;
        connection.blocked = false;
        while (connection.isOpen())
        {
            final int available = connection.inEnd - connection.inStart;
            if (available < Sofh.HEADER_LENGTH)
            {
                break;
            }
            final int start = connection.inStart;
            final long frameLength = Sofh.messageLength(connection.inBuffer, start);
            if (frameLength > maxFrameLength)
            {
                adapter.terminate(connection, TerminateReason.OVERSIZED, frameLength, nowNs);
                break;
            }
            if (frameLength < MIN_FRAME_LENGTH)
            {
                adapter.terminate(connection, TerminateReason.BAD_LENGTH, frameLength, nowNs);
                break;
            }
            final int encodingType = Sofh.encodingType(connection.inBuffer, start);
            if (encodingType != Sofh.SBE_1_0_LE)
            {
                adapter.terminate(connection, TerminateReason.BAD_ENCODING_TYPE, encodingType, nowNs);
                break;
            }
            if (available < frameLength)
            {
                break;
            }

            final int messageOffset = start + Sofh.HEADER_LENGTH;
            final int messageLength = (int)frameLength - Sofh.HEADER_LENGTH;
            final int templateId = checkMessage(connection, messageOffset, messageLength, nowNs);
            if (templateId < 0)
            {
                break;
            }
            if (adapter.onMessage(connection, templateId, connection.inBuffer, messageOffset, messageLength, nowNs))
            {
                connection.inStart = start + (int)frameLength;
                frames++;
            }
            else
            {
                connection.blocked = true;
                break;
            }
        }
        connection.afterFramesHandled();
        return frames;
    }

    private int checkMessage(
        final ClientSession connection, final int messageOffset, final int messageLength, final long nowNs)
    {
        final int result = MessageGuard.check(connection.inBuffer, messageOffset, messageLength);
        if (result > 0)
        {
            final int blockLength = connection.inBuffer.getShort(
                messageOffset + BLOCK_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            if (MessageHeaderDecoder.ENCODED_LENGTH + blockLength != messageLength)
            {
                adapter.terminate(connection, TerminateReason.BAD_LENGTH, messageLength, nowNs);
                return -1;
            }
            return result;
        }

        final TerminateReason reason;
        long detail = 0;
        switch (result)
        {
            case MessageGuard.WRONG_SCHEMA_ID:
                reason = TerminateReason.WRONG_SCHEMA_ID;
                detail = uint16(connection, messageOffset + MessageHeaderDecoder.schemaIdEncodingOffset());
                break;
            case MessageGuard.UNSUPPORTED_VERSION:
                reason = TerminateReason.WRONG_VERSION;
                detail = uint16(connection, messageOffset + MessageHeaderDecoder.versionEncodingOffset());
                break;
            case MessageGuard.UNKNOWN_TEMPLATE:
                reason = TerminateReason.UNKNOWN_TEMPLATE;
                detail = uint16(connection, messageOffset + MessageHeaderDecoder.templateIdEncodingOffset());
                break;
            case MessageGuard.TRUNCATED:
                reason = TerminateReason.TRUNCATED;
                detail = uint16(connection, messageOffset + BLOCK_LENGTH_OFFSET);
                break;
            default:
                reason = TerminateReason.BAD_LENGTH;
                detail = messageLength;
                break;
        }
        adapter.terminate(connection, reason, detail, nowNs);
        return -1;
    }

    private static int uint16(final ClientSession connection, final int index)
    {
        return connection.inBuffer.getShort(index, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }
}
