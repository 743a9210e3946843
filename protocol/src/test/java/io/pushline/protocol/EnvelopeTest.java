package io.pushline.protocol;

import io.pushline.sbe.ClockTickEncoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.NewOrderDecoder;
import io.pushline.sbe.NewOrderEncoder;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeTest
{
    private static final int OFFSET = 21;
    private static final byte SENTINEL = (byte)0xA5;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final NewOrderEncoder newOrderEncoder = new NewOrderEncoder();
    private final NewOrderDecoder newOrderDecoder = new NewOrderDecoder();

    @Test
    void shouldReadEnvelopeWhenNewOrderIsEncoded()
    {
        final int length = encodeNewOrder();

        assertEquals(NewOrderDecoder.TEMPLATE_ID, MessageGuard.check(buffer, OFFSET, length));
        assertEquals(-77, Envelope.sessionId(buffer, OFFSET));
        assertEquals(Integer.MAX_VALUE, Envelope.gatewayId(buffer, OFFSET));
        assertEquals(Long.MIN_VALUE, Envelope.timestampNs(buffer, OFFSET));
        assertEquals(-1L, Envelope.sequence(buffer, OFFSET));
    }

    @Test
    void shouldChangeOnlyTimeAndSequenceWhenNewOrderIsStamped()
    {
        final int length = encodeNewOrder();

        Envelope.stamp(buffer, OFFSET, 1_700_000_000_123_456_789L, Long.MAX_VALUE);

        assertEquals(NewOrderDecoder.TEMPLATE_ID, MessageGuard.check(buffer, OFFSET, length));
        assertEquals(1_700_000_000_123_456_789L, Envelope.timestampNs(buffer, OFFSET));
        assertEquals(Long.MAX_VALUE, Envelope.sequence(buffer, OFFSET));

        final NewOrderDecoder decoder = newOrderDecoder.wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
        assertEquals(-77, decoder.sessionId());
        assertEquals(Integer.MAX_VALUE, decoder.gatewayId());
        assertEquals(1_700_000_000_123_456_789L, decoder.timestampNs());
        assertEquals(Long.MAX_VALUE, decoder.sequence());
        assertEquals(0x0102030405060708L, decoder.clOrdId());
        assertEquals(-5_000_000L, decoder.price());
        assertEquals(Long.MAX_VALUE - 3, decoder.quantity());
        assertEquals(9L, decoder.expireTimeNs());
        assertEquals(Integer.MIN_VALUE + 1, decoder.instrumentId());
        assertEquals(Side.SELL, decoder.side());
        assertEquals(OrdType.LIMIT, decoder.ordType());
        assertEquals(TimeInForce.GTD, decoder.timeInForce());
        assertTrue(decoder.flags().postOnly());
        assertSentinelsIntact(length);
    }

    @Test
    void shouldWriteInsideBlockWhenSmallestMessageIsStamped()
    {
        fillSentinel();
        final ClockTickEncoder encoder = new ClockTickEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(1)
            .gatewayId(2)
            .timestampNs(3)
            .sequence(4);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        assertEquals(MessageGuard.HEADER_LENGTH + Envelope.ENVELOPE_LENGTH, length);

        Envelope.stamp(buffer, OFFSET, -1L, -2L);

        assertEquals(1, Envelope.sessionId(buffer, OFFSET));
        assertEquals(2, Envelope.gatewayId(buffer, OFFSET));
        assertEquals(-1L, Envelope.timestampNs(buffer, OFFSET));
        assertEquals(-2L, Envelope.sequence(buffer, OFFSET));
        assertSentinelsIntact(length);
    }

    @Test
    void shouldWriteLittleEndianWhenStamped()
    {
        fillSentinel();
        Envelope.stamp(buffer, 0, 0x0102030405060708L, 0x1112131415161718L);

        final int body = MessageGuard.HEADER_LENGTH;
        assertEquals(0x08, buffer.getByte(body + Envelope.TIMESTAMP_OFFSET));
        assertEquals(0x01, buffer.getByte(body + Envelope.TIMESTAMP_OFFSET + 7));
        assertEquals(0x18, buffer.getByte(body + Envelope.SEQUENCE_OFFSET));
        assertEquals(0x11, buffer.getByte(body + Envelope.SEQUENCE_OFFSET + 7));
    }

    private int encodeNewOrder()
    {
        fillSentinel();
        newOrderEncoder.wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(-77)
            .gatewayId(Integer.MAX_VALUE)
            .timestampNs(Long.MIN_VALUE)
            .sequence(-1L)
            .clOrdId(0x0102030405060708L)
            .price(-5_000_000L)
            .quantity(Long.MAX_VALUE - 3)
            .expireTimeNs(9L)
            .instrumentId(Integer.MIN_VALUE + 1)
            .side(Side.SELL)
            .ordType(OrdType.LIMIT)
            .timeInForce(TimeInForce.GTD)
            .flags().clear().postOnly(true);
        return MessageHeaderEncoder.ENCODED_LENGTH + newOrderEncoder.encodedLength();
    }

    private void fillSentinel()
    {
        buffer.setMemory(0, buffer.capacity(), SENTINEL);
    }

    private void assertSentinelsIntact(final int length)
    {
        for (int i = 0; i < OFFSET; i++)
        {
            assertEquals(SENTINEL, buffer.getByte(i), "before the frame at " + i);
        }
        for (int i = OFFSET + length; i < buffer.capacity(); i++)
        {
            assertEquals(SENTINEL, buffer.getByte(i), "after the frame at " + i);
        }
    }
}
