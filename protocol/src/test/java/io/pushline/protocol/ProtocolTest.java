package io.pushline.protocol;

import io.pushline.protocol.SchemaMessages.Message;
import io.pushline.sbe.MessageHeaderDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.pushline.protocol.SchemaMessages.staticInt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The envelope invariant of the schema (see its header comment) and the agreement between the schema, the
 * generated codecs and {@link MessageGuard}, checked over every message the schema file lists.
 */
class ProtocolTest
{
    static List<Message> messages()
    {
        return SchemaMessages.all();
    }

    @Test
    void shouldListEveryMessageWhenSchemaIsRead()
    {
        final Set<String> names = new HashSet<>();
        final Set<Integer> ids = new HashSet<>();
        for (final Message message : messages())
        {
            assertTrue(names.add(message.name()), "duplicate name " + message);
            assertTrue(ids.add(message.templateId()), "duplicate template id " + message);
        }
        assertEquals(Set.of(
            "NewOrder", "CancelOrder", "ReplaceOrder", "MassCancel", "CancelOnDisconnect", "AdminCommand",
            "ClockTick", "ExecutionReport", "CancelReject", "MassCancelReport", "SnapshotBegin",
            "SnapshotInstrument", "SnapshotOrder", "SnapshotEnd", "Logon", "LogonAccepted", "LogonRejected",
            "Heartbeat", "Logout", "Terminate", "SequenceReject"), names);
        assertEquals(MessageHeaderDecoder.SCHEMA_ID, SchemaMessages.schemaId());
        assertEquals(MessageHeaderDecoder.SCHEMA_VERSION, SchemaMessages.version());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void shouldPlaceEnvelopeAtEnvelopeOffsetsWhenMessageIsInSchema(final Message message)
    {
        for (final Class<?> codec : List.of(message.encoderClass(), message.decoderClass()))
        {
            final String where = codec.getSimpleName();
            assertEquals(Envelope.SESSION_ID_OFFSET, staticInt(codec, "sessionIdEncodingOffset"), where);
            assertEquals(Envelope.GATEWAY_ID_OFFSET, staticInt(codec, "gatewayIdEncodingOffset"), where);
            assertEquals(Envelope.TIMESTAMP_OFFSET, staticInt(codec, "timestampNsEncodingOffset"), where);
            assertEquals(Envelope.SEQUENCE_OFFSET, staticInt(codec, "sequenceEncodingOffset"), where);

            assertEquals(Integer.BYTES, staticInt(codec, "sessionIdEncodingLength"), where);
            assertEquals(Integer.BYTES, staticInt(codec, "gatewayIdEncodingLength"), where);
            assertEquals(Long.BYTES, staticInt(codec, "timestampNsEncodingLength"), where);
            assertEquals(Long.BYTES, staticInt(codec, "sequenceEncodingLength"), where);

            assertEquals(Envelope.ENVELOPE_LENGTH, Envelope.SEQUENCE_OFFSET + Long.BYTES, where);
            assertTrue(staticInt(codec, "BLOCK_LENGTH") >= Envelope.ENVELOPE_LENGTH, where);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void shouldKnowTemplateWhenMessageIsInSchema(final Message message)
    {
        final int templateId = message.templateId();
        final Class<?> decoder = message.decoderClass();
        final Class<?> encoder = message.encoderClass();

        assertTrue(templateId > 0);
        assertEquals(templateId, staticInt(decoder, "TEMPLATE_ID"));
        assertEquals(templateId, staticInt(encoder, "TEMPLATE_ID"));
        assertEquals(staticInt(decoder, "BLOCK_LENGTH"), MessageGuard.blockLength(templateId));
        assertEquals(staticInt(encoder, "BLOCK_LENGTH"), MessageGuard.blockLength(templateId));
        assertEquals(message.name(), MessageGuard.describe(templateId));
        final boolean inbound = MessageGuard.isInbound(templateId);
        final boolean outbound = MessageGuard.isOutbound(templateId);
        final boolean snapshot = MessageGuard.isSnapshot(templateId);
        final boolean session = MessageGuard.isSession(templateId);
        assertEquals(1, (inbound ? 1 : 0) + (outbound ? 1 : 0) + (snapshot ? 1 : 0) + (session ? 1 : 0),
            "exactly one of inbound / outbound / snapshot / session");
        assertEquals(templateId < 100, inbound, "inbound ids below 100 by convention");
        assertEquals(templateId >= 100 && templateId < 200, outbound, "outbound ids 100..199 by convention");
        assertEquals(templateId >= 200 && templateId < 300, snapshot, "snapshot ids 200..299 by convention");
        assertEquals(templateId >= 300 && templateId < 400, session, "session ids 300..399 by convention");
    }

    @Test
    void shouldUseSameHeaderLengthWhenGuardAndEnvelopeAddressBody()
    {
        assertEquals(MessageHeaderDecoder.ENCODED_LENGTH, MessageGuard.HEADER_LENGTH);
        assertEquals(MessageHeaderDecoder.ENCODED_LENGTH, Envelope.HEADER_LENGTH);
    }
}
