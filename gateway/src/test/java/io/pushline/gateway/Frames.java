package io.pushline.gateway;

import io.pushline.protocol.Sofh;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.NewOrderEncoder;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Hand-made frames for tests of malformed input.
 */
final class Frames
{
    private Frames()
    {
    }

    /**
     * A well-formed NewOrder frame.
     */
    static byte[] newOrder(final long sequence, final long clOrdId)
    {
        final byte[] bytes = new byte[Sofh.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH +
            NewOrderEncoder.BLOCK_LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        Sofh.write(buffer, 0, bytes.length);
        new NewOrderEncoder().wrapAndApplyHeader(buffer, Sofh.HEADER_LENGTH, new MessageHeaderEncoder())
            .sequence(sequence).clOrdId(clOrdId).price(GatewayHarness.PRICE).quantity(1)
            .instrumentId(GatewayHarness.INSTRUMENT).side(Side.BUY).ordType(OrdType.LIMIT)
            .timeInForce(TimeInForce.DAY);
        return bytes;
    }

    /**
     * A NewOrder frame whose block is longer than ours (SBE extension fields after our fields).
     */
    static byte[] extendedNewOrder(final long sequence, final long clOrdId, final int blockLength)
    {
        final byte[] bytes = new byte[Sofh.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + blockLength];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final byte[] ours = newOrder(sequence, clOrdId);
        buffer.putBytes(0, ours);
        Sofh.write(buffer, 0, bytes.length);
        buffer.putShort(Sofh.HEADER_LENGTH, (short)blockLength, ByteOrder.LITTLE_ENDIAN);
        for (int i = ours.length; i < bytes.length; i++)
        {
            bytes[i] = (byte)0xEE;
        }
        return bytes;
    }

    /**
     * A frame: SOFH length and encoding type, then an SBE header and a zero block of the given lengths.
     */
    static byte[] frame(
        final long sofhLength,
        final int encodingType,
        final int blockLength,
        final int templateId,
        final int schemaId,
        final int version,
        final int bodyBytes)
    {
        final byte[] bytes = new byte[Sofh.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + bodyBytes];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putInt(0, (int)sofhLength, ByteOrder.BIG_ENDIAN);
        buffer.putShort(Sofh.ENCODING_TYPE_OFFSET, (short)encodingType, ByteOrder.BIG_ENDIAN);
        new MessageHeaderEncoder().wrap(buffer, Sofh.HEADER_LENGTH).blockLength(blockLength).templateId(templateId)
            .schemaId(schemaId).version(version);
        return bytes;
    }
}
