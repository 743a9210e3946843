package io.pushline.protocol;

import io.pushline.sbe.BooleanType;
import io.pushline.sbe.HeartbeatDecoder;
import io.pushline.sbe.HeartbeatEncoder;
import io.pushline.sbe.LogonAcceptedDecoder;
import io.pushline.sbe.LogonAcceptedEncoder;
import io.pushline.sbe.LogonDecoder;
import io.pushline.sbe.LogonEncoder;
import io.pushline.sbe.LogonRejectReason;
import io.pushline.sbe.LogonRejectedDecoder;
import io.pushline.sbe.LogonRejectedEncoder;
import io.pushline.sbe.LogoutDecoder;
import io.pushline.sbe.LogoutEncoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.SequenceRejectDecoder;
import io.pushline.sbe.SequenceRejectEncoder;
import io.pushline.sbe.TerminateDecoder;
import io.pushline.sbe.TerminateEncoder;
import io.pushline.sbe.TerminateReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Round trips of the session messages (client and gateway over TCP): every field encoded with the header, checked
 * by the guard, decoded back. {@link MessageRoundTripTest} requires one such test per session message.
 */
class SessionMessageRoundTripTest
{
    private static final int OFFSET = 5;
    private static final int SESSION_ID = 77;
    private static final int GATEWAY_ID = -3;
    private static final long TIMESTAMP_NS = 1_800_000_000_123_456_789L;
    private static final long SEQUENCE = 1L << 40;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    @Test
    void shouldDecodeEveryLogonFieldWhenEncodedWithHeader()
    {
        final byte[] signature = new byte[LogonEncoder.signatureLength()];
        for (int i = 0; i < signature.length; i++)
        {
            signature[i] = (byte)(0xF0 - i);
        }
        final LogonEncoder encoder = new LogonEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
            .heartbeatIntervalMs(2_500).putSignature(signature, 0, signature.length);
        assertAccepted(LogonEncoder.TEMPLATE_ID, encoder.encodedLength());

        final LogonDecoder decoder = new LogonDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
        assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
        assertEquals(2_500, decoder.heartbeatIntervalMs());
        final byte[] decoded = new byte[LogonDecoder.signatureLength()];
        decoder.getSignature(decoded, 0, decoded.length);
        assertArrayEquals(signature, decoded);
        assertEquals(32, decoded.length);
    }

    @Test
    void shouldDecodeEveryLogonAcceptedFieldWhenEncodedWithHeader()
    {
        final LogonAcceptedEncoder encoder = new LogonAcceptedEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
            .nextExpectedSequence(Long.MAX_VALUE).heartbeatIntervalMs(Integer.MIN_VALUE)
            .engineAvailable(BooleanType.FALSE).cancelOnDisconnect(BooleanType.TRUE);
        assertAccepted(LogonAcceptedEncoder.TEMPLATE_ID, encoder.encodedLength());

        final LogonAcceptedDecoder decoder = new LogonAcceptedDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
        assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
        assertEquals(Long.MAX_VALUE, decoder.nextExpectedSequence());
        assertEquals(Integer.MIN_VALUE, decoder.heartbeatIntervalMs());
        assertEquals(BooleanType.FALSE, decoder.engineAvailable());
        assertEquals(BooleanType.TRUE, decoder.cancelOnDisconnect());
    }

    @Test
    void shouldDecodeEveryLogonRejectedFieldWhenEncodedWithHeader()
    {
        final LogonRejectedEncoder encoder = new LogonRejectedEncoder();
        final LogonRejectedDecoder decoder = new LogonRejectedDecoder();
        for (final LogonRejectReason reason : LogonRejectReason.values())
        {
            if (reason == LogonRejectReason.NULL_VAL || reason == LogonRejectReason.SBE_UNKNOWN)
            {
                continue;
            }
            encoder.wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
                .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
                .reason(reason);
            assertAccepted(LogonRejectedEncoder.TEMPLATE_ID, encoder.encodedLength());
            decoder.wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
            assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
            assertEquals(reason, decoder.reason());
        }
    }

    @Test
    void shouldDecodeEveryHeartbeatFieldWhenEncodedWithHeader()
    {
        final HeartbeatEncoder encoder = new HeartbeatEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE);
        assertAccepted(HeartbeatEncoder.TEMPLATE_ID, encoder.encodedLength());

        final HeartbeatDecoder decoder = new HeartbeatDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
        assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
    }

    @Test
    void shouldDecodeEveryLogoutFieldWhenEncodedWithHeader()
    {
        final LogoutEncoder encoder = new LogoutEncoder().wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE);
        assertAccepted(LogoutEncoder.TEMPLATE_ID, encoder.encodedLength());

        final LogoutDecoder decoder = new LogoutDecoder().wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
        assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
    }

    @Test
    void shouldDecodeEveryTerminateFieldWhenEncodedWithHeader()
    {
        final TerminateEncoder encoder = new TerminateEncoder();
        final TerminateDecoder decoder = new TerminateDecoder();
        long detail = Long.MIN_VALUE;
        for (final TerminateReason reason : TerminateReason.values())
        {
            if (reason == TerminateReason.NULL_VAL || reason == TerminateReason.SBE_UNKNOWN)
            {
                continue;
            }
            detail += 0x1_0000_0001L;
            encoder.wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
                .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
                .detail(detail).reason(reason);
            assertAccepted(TerminateEncoder.TEMPLATE_ID, encoder.encodedLength());
            decoder.wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
            assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
            assertEquals(detail, decoder.detail());
            assertEquals(reason, decoder.reason());
        }
    }

    @Test
    void shouldDecodeEverySequenceRejectFieldWhenEncodedWithHeader()
    {
        final SequenceRejectEncoder encoder = new SequenceRejectEncoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerEncoder)
            .sessionId(SESSION_ID).gatewayId(GATEWAY_ID).timestampNs(TIMESTAMP_NS).sequence(SEQUENCE)
            .expectedSequence(12).receivedSequence(Long.MAX_VALUE);
        assertAccepted(SequenceRejectEncoder.TEMPLATE_ID, encoder.encodedLength());

        final SequenceRejectDecoder decoder = new SequenceRejectDecoder()
            .wrapAndApplyHeader(buffer, OFFSET, headerDecoder);
        assertEnvelope(decoder.sessionId(), decoder.gatewayId(), decoder.timestampNs(), decoder.sequence());
        assertEquals(12, decoder.expectedSequence());
        assertEquals(Long.MAX_VALUE, decoder.receivedSequence());
    }

    private void assertAccepted(final int templateId, final int bodyLength)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
        assertEquals(MessageGuard.blockLength(templateId), bodyLength, "encoded body is the whole block");
        assertEquals(templateId, MessageGuard.check(new UnsafeBuffer(buffer, OFFSET, length), 0, length));
        assertEquals(MessageGuard.TRUNCATED, MessageGuard.check(buffer, OFFSET, length - 1));
    }

    private static void assertEnvelope(
        final int sessionId, final int gatewayId, final long timestampNs, final long sequence)
    {
        assertEquals(SESSION_ID, sessionId);
        assertEquals(GATEWAY_ID, gatewayId);
        assertEquals(TIMESTAMP_NS, timestampNs);
        assertEquals(SEQUENCE, sequence);
    }
}
