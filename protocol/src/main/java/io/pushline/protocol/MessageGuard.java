package io.pushline.protocol;

import io.pushline.sbe.AdminCommandDecoder;
import io.pushline.sbe.CancelOnDisconnectDecoder;
import io.pushline.sbe.CancelOrderDecoder;
import io.pushline.sbe.CancelRejectDecoder;
import io.pushline.sbe.ClockTickDecoder;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.HeartbeatDecoder;
import io.pushline.sbe.LogonAcceptedDecoder;
import io.pushline.sbe.LogonDecoder;
import io.pushline.sbe.LogonRejectedDecoder;
import io.pushline.sbe.LogoutDecoder;
import io.pushline.sbe.MassCancelDecoder;
import io.pushline.sbe.MassCancelReportDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.NewOrderDecoder;
import io.pushline.sbe.ReplaceOrderDecoder;
import io.pushline.sbe.SequenceRejectDecoder;
import io.pushline.sbe.SnapshotBeginDecoder;
import io.pushline.sbe.SnapshotEndDecoder;
import io.pushline.sbe.SnapshotInstrumentDecoder;
import io.pushline.sbe.SnapshotOrderDecoder;
import io.pushline.sbe.TerminateDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The decode guard: checks the framing of one SBE message BEFORE any generated decoder is wrapped over it, so
 * that a decoder never reads a field that is not inside the frame.
 * <p>
 * {@link #check(DirectBuffer, int, int)} returns the template id (always &gt; 0) of a frame that is structurally
 * sound, or one of the negative result codes of this class. The checks, in order:
 * <ol>
 *     <li>the frame holds a whole message header ({@link #TOO_SHORT_FOR_HEADER});</li>
 *     <li>the frame lies inside the buffer ({@link #OUTSIDE_BUFFER}: a caller bug rather than bad input);</li>
 *     <li>the schema id is ours ({@link #WRONG_SCHEMA_ID});</li>
 *     <li>the version is exactly our schema version ({@link #UNSUPPORTED_VERSION});</li>
 *     <li>the template id is one of the schema's messages ({@link #UNKNOWN_TEMPLATE});</li>
 *     <li>the header's block length is at least our block length for that template, so that no field we read
 *         is missing ({@link #BLOCK_LENGTH_TOO_SHORT});</li>
 *     <li>the frame holds the header plus the whole block the header announces ({@link #TRUNCATED}).</li>
 * </ol>
 * Versioning policy: while only one version of the schema exists, a frame of any other version, older or newer,
 * is refused; we will accept an older or newer version only once we publish a second version and know what it
 * changed. At our own version a block length LARGER than ours is accepted when the frame covers it: the extra
 * bytes are fields we do not know yet, and the decoders read our fields at their fixed offsets and skip the rest
 * (SBE's rule for extending a block). Bytes after the block are not looked at: the schema has no repeating
 * groups or variable-length data, so a message ends with its block, and a caller that requires an exact frame
 * length compares it with {@code HEADER_LENGTH + blockLength} itself.
 * <p>
 * The guard is structural only: it does not look at field values. A frame it accepts may still carry an enum byte
 * that is not a valid value (the generated enum lookups throw on such a byte), so validation must check the raw
 * enum values ({@code sideRaw()} and so on) before it asks the decoder for the enum.
 * <p>
 * No allocation, no exception on bad input, and no read outside {@code [offset, offset + length)}: the length is
 * checked before any header field is read.
 */
public final class MessageGuard
{
    /** The frame is shorter than a message header. */
    public static final int TOO_SHORT_FOR_HEADER = -1;
    /** The header carries a schema id that is not ours. */
    public static final int WRONG_SCHEMA_ID = -2;
    /** The header carries a version other than our schema version. */
    public static final int UNSUPPORTED_VERSION = -3;
    /** The header carries a template id that is not a message of the schema. */
    public static final int UNKNOWN_TEMPLATE = -4;
    /** The header's block length is smaller than ours for the template: fields would be missing. */
    public static final int BLOCK_LENGTH_TOO_SHORT = -5;
    /** The frame is shorter than the header plus the block length the header announces. */
    public static final int TRUNCATED = -6;
    /** Offset and length do not lie inside the buffer: the caller passed a wrong window, not a bad frame. */
    public static final int OUTSIDE_BUFFER = -7;

    /** Length of the SBE message header in bytes. */
    public static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;

    private static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int BLOCK_LENGTH_OFFSET = MessageHeaderDecoder.blockLengthEncodingOffset();
    private static final int TEMPLATE_ID_OFFSET = MessageHeaderDecoder.templateIdEncodingOffset();
    private static final int SCHEMA_ID_OFFSET = MessageHeaderDecoder.schemaIdEncodingOffset();
    private static final int VERSION_OFFSET = MessageHeaderDecoder.versionEncodingOffset();

    private MessageGuard()
    {
    }

    /**
     * Check the framing of one message before a decoder is wrapped over it.
     *
     * @param buffer holding the frame.
     * @param offset of the message header in the buffer.
     * @param length of the frame in bytes.
     * @return the template id (&gt; 0) when the frame is structurally sound, otherwise a negative result code of
     * this class.
     */
    public static int check(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            return TOO_SHORT_FOR_HEADER;
        }
        if (offset < 0 || offset > buffer.capacity() - length)
        {
            return OUTSIDE_BUFFER;
        }
        if (uint16(buffer, offset + SCHEMA_ID_OFFSET) != MessageHeaderDecoder.SCHEMA_ID)
        {
            return WRONG_SCHEMA_ID;
        }
        if (uint16(buffer, offset + VERSION_OFFSET) != MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return UNSUPPORTED_VERSION;
        }

        final int templateId = uint16(buffer, offset + TEMPLATE_ID_OFFSET);
        final int expectedBlockLength = blockLength(templateId);
        if (expectedBlockLength < 0)
        {
            return UNKNOWN_TEMPLATE;
        }

        final int blockLength = uint16(buffer, offset + BLOCK_LENGTH_OFFSET);
        if (blockLength < expectedBlockLength)
        {
            return BLOCK_LENGTH_TOO_SHORT;
        }
        if (length - HEADER_LENGTH < blockLength)
        {
            return TRUNCATED;
        }

        return templateId;
    }

    /**
     * Our block length for a template, the least block length {@link #check(DirectBuffer, int, int)} accepts.
     *
     * @param templateId of a message of the schema.
     * @return the block length in bytes, or {@link #UNKNOWN_TEMPLATE} when the template is not in the schema.
     */
    public static int blockLength(final int templateId)
    {
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                return NewOrderDecoder.BLOCK_LENGTH;
            case CancelOrderDecoder.TEMPLATE_ID:
                return CancelOrderDecoder.BLOCK_LENGTH;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                return ReplaceOrderDecoder.BLOCK_LENGTH;
            case MassCancelDecoder.TEMPLATE_ID:
                return MassCancelDecoder.BLOCK_LENGTH;
            case CancelOnDisconnectDecoder.TEMPLATE_ID:
                return CancelOnDisconnectDecoder.BLOCK_LENGTH;
            case AdminCommandDecoder.TEMPLATE_ID:
                return AdminCommandDecoder.BLOCK_LENGTH;
            case ClockTickDecoder.TEMPLATE_ID:
                return ClockTickDecoder.BLOCK_LENGTH;
            case ExecutionReportDecoder.TEMPLATE_ID:
                return ExecutionReportDecoder.BLOCK_LENGTH;
            case CancelRejectDecoder.TEMPLATE_ID:
                return CancelRejectDecoder.BLOCK_LENGTH;
            case MassCancelReportDecoder.TEMPLATE_ID:
                return MassCancelReportDecoder.BLOCK_LENGTH;
            case SnapshotBeginDecoder.TEMPLATE_ID:
                return SnapshotBeginDecoder.BLOCK_LENGTH;
            case SnapshotInstrumentDecoder.TEMPLATE_ID:
                return SnapshotInstrumentDecoder.BLOCK_LENGTH;
            case SnapshotOrderDecoder.TEMPLATE_ID:
                return SnapshotOrderDecoder.BLOCK_LENGTH;
            case SnapshotEndDecoder.TEMPLATE_ID:
                return SnapshotEndDecoder.BLOCK_LENGTH;
            case LogonDecoder.TEMPLATE_ID:
                return LogonDecoder.BLOCK_LENGTH;
            case LogonAcceptedDecoder.TEMPLATE_ID:
                return LogonAcceptedDecoder.BLOCK_LENGTH;
            case LogonRejectedDecoder.TEMPLATE_ID:
                return LogonRejectedDecoder.BLOCK_LENGTH;
            case HeartbeatDecoder.TEMPLATE_ID:
                return HeartbeatDecoder.BLOCK_LENGTH;
            case LogoutDecoder.TEMPLATE_ID:
                return LogoutDecoder.BLOCK_LENGTH;
            case TerminateDecoder.TEMPLATE_ID:
                return TerminateDecoder.BLOCK_LENGTH;
            case SequenceRejectDecoder.TEMPLATE_ID:
                return SequenceRejectDecoder.BLOCK_LENGTH;
            default:
                return UNKNOWN_TEMPLATE;
        }
    }

    /**
     * Is the template a message sent from a gateway to the engine?
     *
     * @param templateId to look up.
     * @return true for the inbound messages of the schema, false for outbound and unknown ones.
     */
    public static boolean isInbound(final int templateId)
    {
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
            case CancelOrderDecoder.TEMPLATE_ID:
            case ReplaceOrderDecoder.TEMPLATE_ID:
            case MassCancelDecoder.TEMPLATE_ID:
            case CancelOnDisconnectDecoder.TEMPLATE_ID:
            case AdminCommandDecoder.TEMPLATE_ID:
            case ClockTickDecoder.TEMPLATE_ID:
                return true;
            default:
                return false;
        }
    }

    /**
     * Is the template a message sent from the engine to a gateway?
     *
     * @param templateId to look up.
     * @return true for the outbound messages of the schema, false for inbound and unknown ones.
     */
    public static boolean isOutbound(final int templateId)
    {
        switch (templateId)
        {
            case ExecutionReportDecoder.TEMPLATE_ID:
            case CancelRejectDecoder.TEMPLATE_ID:
            case MassCancelReportDecoder.TEMPLATE_ID:
                return true;
            default:
                return false;
        }
    }

    /**
     * Is this a message of a snapshot (engine state), written by the engine and read back at recovery?
     *
     * @param templateId to test.
     * @return true for SnapshotBegin, SnapshotInstrument, SnapshotOrder and SnapshotEnd.
     */
    public static boolean isSnapshot(final int templateId)
    {
        switch (templateId)
        {
            case SnapshotBeginDecoder.TEMPLATE_ID:
            case SnapshotInstrumentDecoder.TEMPLATE_ID:
            case SnapshotOrderDecoder.TEMPLATE_ID:
            case SnapshotEndDecoder.TEMPLATE_ID:
                return true;
            default:
                return false;
        }
    }

    /**
     * Is this a session message of the client protocol (client to gateway or gateway to client over TCP)? The
     * engine never sees one.
     *
     * @param templateId to test.
     * @return true for Logon, LogonAccepted, LogonRejected, Heartbeat, Logout, Terminate and SequenceReject.
     */
    public static boolean isSession(final int templateId)
    {
        switch (templateId)
        {
            case LogonDecoder.TEMPLATE_ID:
            case LogonAcceptedDecoder.TEMPLATE_ID:
            case LogonRejectedDecoder.TEMPLATE_ID:
            case HeartbeatDecoder.TEMPLATE_ID:
            case LogoutDecoder.TEMPLATE_ID:
            case TerminateDecoder.TEMPLATE_ID:
            case SequenceRejectDecoder.TEMPLATE_ID:
                return true;
            default:
                return false;
        }
    }

    /**
     * A name for a result of {@link #check(DirectBuffer, int, int)}, for logs and test messages. Returns a
     * constant, so it does not allocate.
     *
     * @param code a negative result code or a template id.
     * @return the name of the result code, the message name for a template id of the schema, or
     * {@code "UNKNOWN_CODE"}.
     */
    public static String describe(final int code)
    {
        switch (code)
        {
            case TOO_SHORT_FOR_HEADER:
                return "TOO_SHORT_FOR_HEADER";
            case WRONG_SCHEMA_ID:
                return "WRONG_SCHEMA_ID";
            case UNSUPPORTED_VERSION:
                return "UNSUPPORTED_VERSION";
            case UNKNOWN_TEMPLATE:
                return "UNKNOWN_TEMPLATE";
            case BLOCK_LENGTH_TOO_SHORT:
                return "BLOCK_LENGTH_TOO_SHORT";
            case TRUNCATED:
                return "TRUNCATED";
            case OUTSIDE_BUFFER:
                return "OUTSIDE_BUFFER";
            default:
                return messageName(code);
        }
    }

    private static String messageName(final int templateId)
    {
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                return "NewOrder";
            case CancelOrderDecoder.TEMPLATE_ID:
                return "CancelOrder";
            case ReplaceOrderDecoder.TEMPLATE_ID:
                return "ReplaceOrder";
            case MassCancelDecoder.TEMPLATE_ID:
                return "MassCancel";
            case CancelOnDisconnectDecoder.TEMPLATE_ID:
                return "CancelOnDisconnect";
            case AdminCommandDecoder.TEMPLATE_ID:
                return "AdminCommand";
            case ClockTickDecoder.TEMPLATE_ID:
                return "ClockTick";
            case ExecutionReportDecoder.TEMPLATE_ID:
                return "ExecutionReport";
            case CancelRejectDecoder.TEMPLATE_ID:
                return "CancelReject";
            case MassCancelReportDecoder.TEMPLATE_ID:
                return "MassCancelReport";
            case SnapshotBeginDecoder.TEMPLATE_ID:
                return "SnapshotBegin";
            case SnapshotInstrumentDecoder.TEMPLATE_ID:
                return "SnapshotInstrument";
            case SnapshotOrderDecoder.TEMPLATE_ID:
                return "SnapshotOrder";
            case SnapshotEndDecoder.TEMPLATE_ID:
                return "SnapshotEnd";
            case LogonDecoder.TEMPLATE_ID:
                return "Logon";
            case LogonAcceptedDecoder.TEMPLATE_ID:
                return "LogonAccepted";
            case LogonRejectedDecoder.TEMPLATE_ID:
                return "LogonRejected";
            case HeartbeatDecoder.TEMPLATE_ID:
                return "Heartbeat";
            case LogoutDecoder.TEMPLATE_ID:
                return "Logout";
            case TerminateDecoder.TEMPLATE_ID:
                return "Terminate";
            case SequenceRejectDecoder.TEMPLATE_ID:
                return "SequenceReject";
            default:
                return "UNKNOWN_CODE";
        }
    }

    private static int uint16(final DirectBuffer buffer, final int index)
    {
        return buffer.getShort(index, BYTE_ORDER) & 0xFFFF;
    }
}
