package io.pushline.protocol;

import io.pushline.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The envelope every message of the schema starts with: the same four fields at the same offsets of the message
 * block, so that the sequencer can stamp time and sequence on entry, and any stage can read who sent a message,
 * without decoding the rest of it.
 * <p>
 * The offsets are relative to the start of the message BODY, which follows the {@value #HEADER_LENGTH}-byte SBE
 * header; the helpers take the offset of the message header and add the header length. All values are
 * little-endian, as in the schema.
 * <p>
 * The helpers do no checks: call them only on a frame that {@link MessageGuard#check} accepted, which guarantees
 * a block of at least our block length, and every block of the schema is at least {@link #ENVELOPE_LENGTH} long.
 */
public final class Envelope
{
    /** Offset of {@code sessionId} (int32) in the message body. */
    public static final int SESSION_ID_OFFSET = 0;
    /** Offset of {@code gatewayId} (int32) in the message body. */
    public static final int GATEWAY_ID_OFFSET = 4;
    /** Offset of {@code timestampNs} (int64) in the message body. */
    public static final int TIMESTAMP_OFFSET = 8;
    /** Offset of {@code sequence} (int64) in the message body. */
    public static final int SEQUENCE_OFFSET = 16;
    /** Length of the envelope: the least block length of any message. */
    public static final int ENVELOPE_LENGTH = 24;
    /** Length of the SBE message header that precedes the body. */
    public static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;

    private static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;

    private Envelope()
    {
    }

    /**
     * Stamp engine time and sequence on a message, as the sequencer does on entry.
     *
     * @param buffer        holding the message.
     * @param messageOffset offset of the message header in the buffer.
     * @param timestampNs   engine time of the message.
     * @param sequence      engine sequence of the message.
     */
    public static void stamp(
        final MutableDirectBuffer buffer, final int messageOffset, final long timestampNs, final long sequence)
    {
        final int bodyOffset = messageOffset + HEADER_LENGTH;
        buffer.putLong(bodyOffset + TIMESTAMP_OFFSET, timestampNs, BYTE_ORDER);
        buffer.putLong(bodyOffset + SEQUENCE_OFFSET, sequence, BYTE_ORDER);
    }

    /**
     * Read the session id of a message.
     *
     * @param buffer        holding the message.
     * @param messageOffset offset of the message header in the buffer.
     * @return the session id.
     */
    public static int sessionId(final DirectBuffer buffer, final int messageOffset)
    {
        return buffer.getInt(messageOffset + HEADER_LENGTH + SESSION_ID_OFFSET, BYTE_ORDER);
    }

    /**
     * Read the gateway id of a message.
     *
     * @param buffer        holding the message.
     * @param messageOffset offset of the message header in the buffer.
     * @return the gateway id.
     */
    public static int gatewayId(final DirectBuffer buffer, final int messageOffset)
    {
        return buffer.getInt(messageOffset + HEADER_LENGTH + GATEWAY_ID_OFFSET, BYTE_ORDER);
    }

    /**
     * Read the engine time stamped on a message.
     *
     * @param buffer        holding the message.
     * @param messageOffset offset of the message header in the buffer.
     * @return the engine time in nanoseconds.
     */
    public static long timestampNs(final DirectBuffer buffer, final int messageOffset)
    {
        return buffer.getLong(messageOffset + HEADER_LENGTH + TIMESTAMP_OFFSET, BYTE_ORDER);
    }

    /**
     * Read the engine sequence stamped on a message.
     *
     * @param buffer        holding the message.
     * @param messageOffset offset of the message header in the buffer.
     * @return the engine sequence.
     */
    public static long sequence(final DirectBuffer buffer, final int messageOffset)
    {
        return buffer.getLong(messageOffset + HEADER_LENGTH + SEQUENCE_OFFSET, BYTE_ORDER);
    }
}
