package io.pushline.replay;

import java.time.Instant;

import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.NewOrderEncoder;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageFormatterTest
{
    static String iso(final long epochNanos)
    {
        final StringBuilder text = new StringBuilder();
        MessageFormatter.appendTime(text, epochNanos);
        return text.toString();
    }

    @Test
    void shouldPrintNineDigitsAndParseBackWhenTimeIsRound()
    {
        final long time = Instant.parse("2026-01-05T14:30:00Z").getEpochSecond() * 1_000_000_000L;
        assertEquals("2026-01-05T14:30:00.000000000Z", iso(time));
        assertEquals(time + 1_500, RecordFilter.parseTime(iso(time + 1_500)));
        assertEquals(time, RecordFilter.parseTime(Long.toString(time)));
        assertThrows(IllegalArgumentException.class, () -> RecordFilter.parseTime("yesterday"));
    }

    @Test
    void shouldNameEnumsAndMarkUnknownValuesWhenFormattingText()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final NewOrderEncoder order = new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .sessionId(4).gatewayId(1).timestampNs(5).sequence(9).clOrdId(77).price(1850000).quantity(10)
            .expireTimeNs(0).instrumentId(1).side(Side.SELL).ordType(OrdType.LIMIT).timeInForce(TimeInForce.GTC);
        order.flags().clear().postOnly(true);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength();
        final StringBuilder text = new StringBuilder();
        final MessageFormatter formatter = new MessageFormatter(SchemaCatalog.instance());
        formatter.appendText(text, buffer, 0, length, 9, 5);
        assertTrue(text.toString().contains(" NewOrder sessionId=4 "), text.toString());
        assertTrue(text.toString().contains(" side=SELL ordType=LIMIT timeInForce=GTC flags=[postOnly]"),
            text.toString());

        buffer.putByte(MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.sideEncodingOffset(), (byte)9);
        text.setLength(0);
        formatter.appendJson(text, buffer, 0, length, 9, 5);
        assertTrue(text.toString().contains("\"side\":\"SBE_UNKNOWN\""), text.toString());

        text.setLength(0);
        formatter.appendJson(text, buffer, 0, 5, 9, 5);
        assertTrue(text.toString().contains("\"template\":\"MALFORMED\""), text.toString());
    }
}
