package io.pushline.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The Simple Open Framing Header (FIX SOFH) that frames each SBE message on a TCP stream: a uint32 message length
 * (big-endian, counting the header itself) followed by a uint16 encoding type (big-endian), {@link #SBE_1_0_LE}
 * for SBE 1.0 little-endian, then one SBE message (header + block).
 */
public final class Sofh
{
    /** Length of the framing header in bytes. */
    public static final int HEADER_LENGTH = 6;
    /** Encoding type of SBE 1.0 little-endian messages. */
    public static final int SBE_1_0_LE = 0x5BE0;
    /** Offset of the encoding type in the framing header. */
    public static final int ENCODING_TYPE_OFFSET = 4;

    private Sofh()
    {
    }

    /**
     * Read the message length of a frame (uint32, big-endian), framing header included.
     *
     * @param buffer holding the frame.
     * @param offset of the framing header.
     * @return the length, 0 to 2^32 - 1.
     */
    public static long messageLength(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /**
     * Read the encoding type of a frame (uint16, big-endian).
     *
     * @param buffer holding the frame.
     * @param offset of the framing header.
     * @return the encoding type, 0 to 65535.
     */
    public static int encodingType(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + ENCODING_TYPE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * Write a framing header for an SBE little-endian message.
     *
     * @param buffer        to write into.
     * @param offset        of the framing header.
     * @param messageLength of the whole frame, framing header included.
     */
    public static void write(final MutableDirectBuffer buffer, final int offset, final int messageLength)
    {
        buffer.putInt(offset, messageLength, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + ENCODING_TYPE_OFFSET, (short)SBE_1_0_LE, ByteOrder.BIG_ENDIAN);
    }
}
