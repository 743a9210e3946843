package io.pushline.protocol;

import io.pushline.protocol.SchemaMessages.Message;
import io.pushline.sbe.AdminAction;
import io.pushline.sbe.AdminCommandDecoder;
import io.pushline.sbe.AdminCommandEncoder;
import io.pushline.sbe.BooleanType;
import io.pushline.sbe.CancelOnDisconnectDecoder;
import io.pushline.sbe.CancelOnDisconnectEncoder;
import io.pushline.sbe.CancelOrderDecoder;
import io.pushline.sbe.CancelOrderEncoder;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.CancelRejectDecoder;
import io.pushline.sbe.CancelRejectEncoder;
import io.pushline.sbe.ClockTickDecoder;
import io.pushline.sbe.ClockTickEncoder;
import io.pushline.sbe.CxlRejResponseTo;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.ExecutionReportEncoder;
import io.pushline.sbe.MassCancelDecoder;
import io.pushline.sbe.MassCancelEncoder;
import io.pushline.sbe.MassCancelReportDecoder;
import io.pushline.sbe.MassCancelReportEncoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.NewOrderDecoder;
import io.pushline.sbe.NewOrderEncoder;
import io.pushline.sbe.OrdStatus;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.ReplaceOrderDecoder;
import io.pushline.sbe.ReplaceOrderEncoder;
import io.pushline.sbe.Side;
import io.pushline.sbe.SnapshotBeginDecoder;
import io.pushline.sbe.SnapshotBeginEncoder;
import io.pushline.sbe.SnapshotEndDecoder;
import io.pushline.sbe.SnapshotEndEncoder;
import io.pushline.sbe.SnapshotInstrumentDecoder;
import io.pushline.sbe.SnapshotInstrumentEncoder;
import io.pushline.sbe.SnapshotOrderDecoder;
import io.pushline.sbe.SnapshotOrderEncoder;
import io.pushline.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every message of the schema, encoded with its header by the generated encoder at an unaligned offset, passes
 * {@link MessageGuard} with its template id and decodes back field by field, every enum value included.
 */
class MessageRoundTripTest
{
    private static final int OFFSET = 13;
    private static final int SESSION_ID = -1_234_567;
    private static final int GATEWAY_ID = Integer.MAX_VALUE;
    private static final long TIMESTAMP_NS = 1_700_000_000_987_654_321L;
    private static final long SEQUENCE = Long.MAX_VALUE - 7;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    static List<Message> messages()
    {
        return SchemaMessages.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void shouldHaveRoundTripTestWhenMessageIsInSchema(final Message message) throws NoSuchMethodException
    {
        final String name = "shouldDecodeEvery" + message.name() + "FieldWhenEncodedWithHeader";
        final Class<?> testClass = MessageGuard.isSession(message.templateId()) ?
            SessionMessageRoundTripTest.class : MessageRoundTripTest.class;
        final Method test = testClass.getDeclaredMethod(name);
        assertTrue(test.isAnnotationPresent(Test.class), test.getName());
    }

    @Test
    void shouldDecodeEveryNewOrderFieldWhenEncodedWithHeader()
    {
        final NewOrderEncoder encoder = new NewOrderEncoder();
        final NewOrderDecoder decoder = new NewOrderDecoder();
        int combinations = 0;
        for (final Side side : valid(Side.values()))
        {
            for (final OrdType ordType : valid(OrdType.values()))
            {
                for (final TimeInForce timeInForce : valid(TimeInForce.values()))
                {
                    for (final boolean postOnly : new boolean[]{ false, true })
                    {
                        final long price = -9_000_000_000L - combinations;
                        encoder.wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
                            .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
                            .clOrdId(Long.MIN_VALUE + combinations)
                            .price(price)
                            .quantity(Long.MAX_VALUE)
                            .expireTimeNs(Long.MAX_VALUE - combinations)
                            .instrumentId(Integer.MIN_VALUE)
                            .side(side)
                            .ordType(ordType)
                            .timeInForce(timeInForce)
                            .flags().clear().postOnly(postOnly);
                        assertAccepted(NewOrderEncoder.TEMPLATE_ID, encoder.encodedLength());

                        decoder.wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
                        assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(),
                            decoder.sequence());
                        assertEquals(Long.MIN_VALUE + combinations, decoder.clOrdId());
                        assertEquals(price, decoder.price());
                        assertEquals(Long.MAX_VALUE, decoder.quantity());
                        assertEquals(Long.MAX_VALUE - combinations, decoder.expireTimeNs());
                        assertEquals(Integer.MIN_VALUE, decoder.instrumentId());
                        assertEquals(side, decoder.side());
                        assertEquals(ordType, decoder.ordType());
                        assertEquals(timeInForce, decoder.timeInForce());
                        assertEquals(postOnly, decoder.flags().postOnly());
                        assertEquals(postOnly ? 1 : 0, decoder.flags().getRaw());
                        combinations++;
                    }
                }
            }
        }
        assertEquals(2 * 2 * 5 * 2, combinations);
    }

    @Test
    void shouldDecodeEveryCancelOrderFieldWhenEncodedWithHeader()
    {
        final CancelOrderEncoder encoder = new CancelOrderEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
            .clOrdId(Long.MIN_VALUE)
            .origClOrdId(-1L);
        assertAccepted(CancelOrderEncoder.TEMPLATE_ID, encoder.encodedLength());

        final CancelOrderDecoder decoder = new CancelOrderDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
        assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
        assertEquals(Long.MIN_VALUE, decoder.clOrdId());
        assertEquals(-1L, decoder.origClOrdId());
    }

    @Test
    void shouldDecodeEveryReplaceOrderFieldWhenEncodedWithHeader()
    {
        final ReplaceOrderEncoder encoder = new ReplaceOrderEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
            .clOrdId(Long.MAX_VALUE)
            .origClOrdId(Long.MAX_VALUE - 1)
            .price(-1L)
            .quantity(Long.MAX_VALUE);
        assertAccepted(ReplaceOrderEncoder.TEMPLATE_ID, encoder.encodedLength());

        final ReplaceOrderDecoder decoder = new ReplaceOrderDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
        assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
        assertEquals(Long.MAX_VALUE, decoder.clOrdId());
        assertEquals(Long.MAX_VALUE - 1, decoder.origClOrdId());
        assertEquals(-1L, decoder.price());
        assertEquals(Long.MAX_VALUE, decoder.quantity());
    }

    @Test
    void shouldDecodeEveryMassCancelFieldWhenEncodedWithHeader()
    {
        final MassCancelEncoder encoder = new MassCancelEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
            .clOrdId(0x7EDCBA9876543210L)
            .instrumentId(-2);
        assertAccepted(MassCancelEncoder.TEMPLATE_ID, encoder.encodedLength());

        final MassCancelDecoder decoder = new MassCancelDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
        assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
        assertEquals(0x7EDCBA9876543210L, decoder.clOrdId());
        assertEquals(-2, decoder.instrumentId());
    }

    @Test
    void shouldDecodeEveryCancelOnDisconnectFieldWhenEncodedWithHeader()
    {
        final CancelOnDisconnectEncoder encoder = new CancelOnDisconnectEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE);
        assertAccepted(CancelOnDisconnectEncoder.TEMPLATE_ID, encoder.encodedLength());

        final CancelOnDisconnectDecoder decoder = new CancelOnDisconnectDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
        assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
    }

    @Test
    void shouldDecodeEveryAdminCommandFieldWhenEncodedWithHeader()
    {
        final AdminCommandEncoder encoder = new AdminCommandEncoder();
        final AdminCommandDecoder decoder = new AdminCommandDecoder();
        for (final AdminAction action : valid(AdminAction.values()))
        {
            final long price = -100L * action.value();
            encoder.wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
                .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
                .price(price)
                .instrumentId(Integer.MAX_VALUE)
                .action(action);
            assertAccepted(AdminCommandEncoder.TEMPLATE_ID, encoder.encodedLength());

            decoder.wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
            assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
            assertEquals(price, decoder.price());
            assertEquals(Integer.MAX_VALUE, decoder.instrumentId());
            assertEquals(action, decoder.action());
        }
    }

    @Test
    void shouldDecodeEveryClockTickFieldWhenEncodedWithHeader()
    {
        final ClockTickEncoder encoder = new ClockTickEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE);
        assertAccepted(ClockTickEncoder.TEMPLATE_ID, encoder.encodedLength());

        final ClockTickDecoder decoder = new ClockTickDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
        assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
    }

    @Test
    void shouldDecodeEveryExecutionReportFieldWhenEncodedWithHeader()
    {
        final List<ExecType> execTypes = valid(ExecType.values());
        final List<OrdStatus> ordStatuses = valid(OrdStatus.values());
        final List<Side> sides = valid(Side.values());
        final List<OrdType> ordTypes = valid(OrdType.values());
        final List<TimeInForce> timesInForce = valid(TimeInForce.values());
        final List<RejectReason> rejectReasons = valid(RejectReason.values());
        final List<CancelReason> cancelReasons = valid(CancelReason.values());

        final ExecutionReportEncoder encoder = new ExecutionReportEncoder();
        final ExecutionReportDecoder decoder = new ExecutionReportDecoder();
        for (int i = 0; i < rejectReasons.size(); i++)
        {
            encoder.wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
                .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
                .reportSequence(Long.MAX_VALUE - i).orderId(i + 1L).clOrdId(Long.MIN_VALUE + i).origClOrdId(-i)
                .execId(1L << 62).price(-7_500L * i).orderQty(Long.MAX_VALUE).lastPx(Long.MIN_VALUE)
                .lastQty(i).leavesQty(Long.MAX_VALUE - i).cumQty(i * 1_000_000_007L).instrumentId(-i)
                .execType(execTypes.get(i % execTypes.size()))
                .ordStatus(ordStatuses.get(i % ordStatuses.size()))
                .side(sides.get(i % sides.size()))
                .ordType(ordTypes.get(i % ordTypes.size()))
                .timeInForce(timesInForce.get(i % timesInForce.size()))
                .rejectReason(rejectReasons.get(i))
                .cancelReason(cancelReasons.get(i % cancelReasons.size()));
            assertAccepted(ExecutionReportEncoder.TEMPLATE_ID, encoder.encodedLength());

            decoder.wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
            assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
            assertEquals(Long.MAX_VALUE - i, decoder.reportSequence());
            assertEquals(i + 1L, decoder.orderId());
            assertEquals(Long.MIN_VALUE + i, decoder.clOrdId());
            assertEquals(-i, decoder.origClOrdId());
            assertEquals(1L << 62, decoder.execId());
            assertEquals(-7_500L * i, decoder.price());
            assertEquals(Long.MAX_VALUE, decoder.orderQty());
            assertEquals(Long.MIN_VALUE, decoder.lastPx());
            assertEquals(i, decoder.lastQty());
            assertEquals(Long.MAX_VALUE - i, decoder.leavesQty());
            assertEquals(i * 1_000_000_007L, decoder.cumQty());
            assertEquals(-i, decoder.instrumentId());
            assertEquals(execTypes.get(i % execTypes.size()), decoder.execType());
            assertEquals(ordStatuses.get(i % ordStatuses.size()), decoder.ordStatus());
            assertEquals(sides.get(i % sides.size()), decoder.side());
            assertEquals(ordTypes.get(i % ordTypes.size()), decoder.ordType());
            assertEquals(timesInForce.get(i % timesInForce.size()), decoder.timeInForce());
            assertEquals(rejectReasons.get(i), decoder.rejectReason());
            assertEquals(cancelReasons.get(i % cancelReasons.size()), decoder.cancelReason());
        }
        assertTrue(rejectReasons.size() >= execTypes.size() && rejectReasons.size() >= cancelReasons.size());
    }

    @Test
    void shouldDecodeEveryCancelRejectFieldWhenEncodedWithHeader()
    {
        final List<CxlRejResponseTo> responses = valid(CxlRejResponseTo.values());
        final List<RejectReason> rejectReasons = valid(RejectReason.values());
        final CancelRejectEncoder encoder = new CancelRejectEncoder();
        final CancelRejectDecoder decoder = new CancelRejectDecoder();
        for (int i = 0; i < rejectReasons.size(); i++)
        {
            encoder.wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
                .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
                .reportSequence(Long.MIN_VALUE + i)
                .orderId(0L)
                .clOrdId(Long.MAX_VALUE - i)
                .origClOrdId(-3L * i)
                .rejectReason(rejectReasons.get(i))
                .responseTo(responses.get(i % responses.size()));
            assertAccepted(CancelRejectEncoder.TEMPLATE_ID, encoder.encodedLength());

            decoder.wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
            assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
            assertEquals(Long.MIN_VALUE + i, decoder.reportSequence());
            assertEquals(0L, decoder.orderId());
            assertEquals(Long.MAX_VALUE - i, decoder.clOrdId());
            assertEquals(-3L * i, decoder.origClOrdId());
            assertEquals(rejectReasons.get(i), decoder.rejectReason());
            assertEquals(responses.get(i % responses.size()), decoder.responseTo());
        }
    }

    @Test
    void shouldDecodeEveryMassCancelReportFieldWhenEncodedWithHeader()
    {
        final MassCancelReportEncoder encoder = new MassCancelReportEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
            .reportSequence(42L)
            .clOrdId(-42L)
            .canceledCount(Long.MAX_VALUE)
            .instrumentId(0)
            .rejectReason(RejectReason.NOT_LOGGED_ON);
        assertAccepted(MassCancelReportEncoder.TEMPLATE_ID, encoder.encodedLength());

        final MassCancelReportDecoder decoder = new MassCancelReportDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
        assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
        assertEquals(42L, decoder.reportSequence());
        assertEquals(-42L, decoder.clOrdId());
        assertEquals(Long.MAX_VALUE, decoder.canceledCount());
        assertEquals(0, decoder.instrumentId());
        assertEquals(RejectReason.NOT_LOGGED_ON, decoder.rejectReason());
    }

    @Test
    void shouldDecodeEverySnapshotBeginFieldWhenEncodedWithHeader()
    {
        final SnapshotBeginEncoder encoder = new SnapshotBeginEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
            .reportSequence(Long.MAX_VALUE - 11)
            .orderCount(0x0000_0123_4567_89ABL)
            .instrumentCount(Integer.MAX_VALUE - 1);
        assertAccepted(SnapshotBeginEncoder.TEMPLATE_ID, encoder.encodedLength());

        final SnapshotBeginDecoder decoder = new SnapshotBeginDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
        assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
        assertEquals(Long.MAX_VALUE - 11, decoder.reportSequence());
        assertEquals(0x0000_0123_4567_89ABL, decoder.orderCount());
        assertEquals(Integer.MAX_VALUE - 1, decoder.instrumentCount());
    }

    @Test
    void shouldDecodeEverySnapshotInstrumentFieldWhenEncodedWithHeader()
    {
        final List<BooleanType> booleans = valid(BooleanType.values());
        final SnapshotInstrumentEncoder encoder = new SnapshotInstrumentEncoder();
        final SnapshotInstrumentDecoder decoder = new SnapshotInstrumentDecoder();
        for (final BooleanType halted : booleans)
        {
            final long referencePrice = -123_456_789_012L * (halted.value() + 1);
            final int instrumentId = Integer.MIN_VALUE + halted.value();
            encoder.wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
                .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
                .referencePrice(referencePrice)
                .lastTradeNumber(Long.MAX_VALUE - halted.value())
                .instrumentId(instrumentId)
                .halted(halted);
            assertAccepted(SnapshotInstrumentEncoder.TEMPLATE_ID, encoder.encodedLength());

            decoder.wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
            assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
            assertEquals(referencePrice, decoder.referencePrice());
            assertEquals(Long.MAX_VALUE - halted.value(), decoder.lastTradeNumber());
            assertEquals(instrumentId, decoder.instrumentId());
            assertEquals(halted, decoder.halted());
            assertEquals(halted.value(), decoder.haltedRaw());
        }
        assertEquals(List.of(BooleanType.FALSE, BooleanType.TRUE), booleans);
        assertEquals(0, BooleanType.FALSE.value());
        assertEquals(1, BooleanType.TRUE.value());
    }

    @Test
    void shouldDecodeEverySnapshotOrderFieldWhenEncodedWithHeader()
    {
        final SnapshotOrderEncoder encoder = new SnapshotOrderEncoder();
        final SnapshotOrderDecoder decoder = new SnapshotOrderDecoder();
        int combinations = 0;
        for (final Side side : valid(Side.values()))
        {
            for (final TimeInForce timeInForce : valid(TimeInForce.values()))
            {
                for (final boolean postOnly : new boolean[]{ false, true })
                {
                    final long i = combinations;
                    encoder.wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
                        .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
                        .orderId(Long.MAX_VALUE - i)
                        .clOrdId(Long.MIN_VALUE + i)
                        .price(-5_000_000_000L - i)
                        .orderQty(1_000_000_000_000L + i)
                        .leavesQty(999_999_999_000L - i)
                        .cumQty(1_000L + 2 * i)
                        .expireTimeNs(TIMESTAMP_NS + i)
                        .instrumentId(Integer.MAX_VALUE - combinations)
                        .side(side)
                        .timeInForce(timeInForce)
                        .flags().clear().postOnly(postOnly);
                    assertAccepted(SnapshotOrderEncoder.TEMPLATE_ID, encoder.encodedLength());

                    decoder.wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
                    assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(),
                        decoder.sequence());
                    assertEquals(Long.MAX_VALUE - i, decoder.orderId());
                    assertEquals(Long.MIN_VALUE + i, decoder.clOrdId());
                    assertEquals(-5_000_000_000L - i, decoder.price());
                    assertEquals(1_000_000_000_000L + i, decoder.orderQty());
                    assertEquals(999_999_999_000L - i, decoder.leavesQty());
                    assertEquals(1_000L + 2 * i, decoder.cumQty());
                    assertEquals(TIMESTAMP_NS + i, decoder.expireTimeNs());
                    assertEquals(Integer.MAX_VALUE - combinations, decoder.instrumentId());
                    assertEquals(side, decoder.side());
                    assertEquals(timeInForce, decoder.timeInForce());
                    assertEquals(postOnly, decoder.flags().postOnly());
                    assertEquals(postOnly ? 1 : 0, decoder.flags().getRaw());
                    combinations++;
                }
            }
        }
        assertEquals(2 * 5 * 2, combinations);
    }

    @Test
    void shouldDecodeEverySnapshotEndFieldWhenEncodedWithHeader()
    {
        final SnapshotEndEncoder encoder = new SnapshotEndEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
            .orderCount(0x0000_0123_4567_89ABL);
        assertAccepted(SnapshotEndEncoder.TEMPLATE_ID, encoder.encodedLength());

        final SnapshotEndDecoder decoder = new SnapshotEndDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
        assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
        assertEquals(0x0000_0123_4567_89ABL, decoder.orderCount());
    }

    /**
     * An enum byte that is not a valid value passes the guard (it checks structure, not values); the decoder keeps
     * the raw byte and the lookup answers {@code SBE_UNKNOWN}, which validation rejects (INVALID_SIDE and friends).
     */
    @Test
    void shouldKeepRawByteAndDecodeUnknownWhenSideByteIsUnknown()
    {
        for (final int unknown : new int[]{ 0, 3, 9, 254 })
        {
            final NewOrderDecoder decoder = newOrderWithSideByte(unknown);

            assertEquals(unknown, decoder.sideRaw());
            assertEquals(Side.SBE_UNKNOWN, decoder.side());
        }
    }

    @Test
    void shouldDecodeNullValWhenSideByteIsNullValue()
    {
        final NewOrderDecoder decoder = newOrderWithSideByte(0xFF);

        assertEquals(0xFF, decoder.sideRaw());
        assertEquals(Side.NULL_VAL, decoder.side());
        assertFalse(valid(Side.values()).contains(decoder.side()), "NULL_VAL is not a valid side");
    }

    @Test
    void shouldKeepRawByteAndDecodeUnknownWhenHaltedByteIsUnknown()
    {
        final SnapshotInstrumentEncoder encoder = new SnapshotInstrumentEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
            .referencePrice(1).instrumentId(1).halted(BooleanType.FALSE);
        final SnapshotInstrumentDecoder decoder = new SnapshotInstrumentDecoder();
        for (final int unknown : new int[]{ 2, 0x7F, 0xFE })
        {
            buffer.putByte(OFFSET + MessageHeaderEncoder.ENCODED_LENGTH +
                SnapshotInstrumentEncoder.haltedEncodingOffset(), (byte)unknown);
            assertAccepted(SnapshotInstrumentEncoder.TEMPLATE_ID, encoder.encodedLength());

            decoder.wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
            assertEquals(unknown, decoder.haltedRaw());
            assertEquals(BooleanType.SBE_UNKNOWN, decoder.halted());
        }
    }

    private NewOrderDecoder newOrderWithSideByte(final int sideByte)
    {
        final NewOrderEncoder encoder = new NewOrderEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
            .clOrdId(1).price(100).quantity(10).expireTimeNs(0).instrumentId(1)
            .side(Side.BUY).ordType(OrdType.LIMIT).timeInForce(TimeInForce.DAY);
        encoder.flags().clear();
        buffer.putByte(OFFSET + MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.sideEncodingOffset(),
            (byte)sideByte);
        assertAccepted(NewOrderEncoder.TEMPLATE_ID, encoder.encodedLength());

        return new NewOrderDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
    }

    private void assertAccepted(final int templateId, final int bodyLength)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
        assertEquals(MessageGuard.blockLength(templateId), bodyLength, "encoded body is the whole block");
        assertEquals(templateId, MessageGuard.check(buffer, OFFSET, length));
        final UnsafeBuffer exactFrame = new UnsafeBuffer(buffer, OFFSET, length);
        assertEquals(templateId, MessageGuard.check(exactFrame, 0, length), "exact frame");
        assertEquals(SESSION_ID, Envelope.sessionId(exactFrame, 0));
        assertEquals(GATEWAY_ID, Envelope.gatewayId(exactFrame, 0));
        assertEquals(TIMESTAMP_NS, Envelope.timestampNs(exactFrame, 0));
        assertEquals(SEQUENCE, Envelope.sequence(exactFrame, 0));
    }

    private static void assertEnvelope(
        final int sessionId, final int gatewayId, final long timestampNs, final long sequence)
    {
        assertEquals(SESSION_ID, sessionId);
        assertEquals(GATEWAY_ID, gatewayId);
        assertEquals(TIMESTAMP_NS, timestampNs);
        assertEquals(SEQUENCE, sequence);
    }

    /** Every constant of a generated enum except {@code NULL_VAL}, the value that means "not present". */
    private static <E extends Enum<E>> List<E> valid(final E[] values)
    {
        final List<E> valid = new ArrayList<>();
        for (final E value : values)
        {
            if (!"NULL_VAL".equals(value.name()) && !"SBE_UNKNOWN".equals(value.name()))
            {
                valid.add(value);
            }
        }
        return valid;
    }
}
