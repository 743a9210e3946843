package io.pushline.replay;

import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.pushline.protocol.MessageGuard;
import io.pushline.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import uk.co.real_logic.sbe.PrimitiveType;

/**
 * Writes a journal record as one line of text or one JSON object, every SBE field decoded by name
 * (see {@link SchemaCatalog}). JSON field names are stable: {@code recordSequence}, {@code recordTimestampNs},
 * {@code template}, {@code templateId}, then every field of the message by its schema name; enum values are their
 * names, sets are arrays of the chosen names, byte arrays are hex strings. A record that is not a valid message gets
 * {@code "template":"MALFORMED"}, the reason and its bytes in hex.
 */
public final class MessageFormatter
{
    /** Template name given to a record that fails {@link MessageGuard#check}. */
    public static final String MALFORMED = "MALFORMED";

    private final SchemaCatalog catalog;

    /**
     * @param catalog the schema's messages.
     */
    public MessageFormatter(final SchemaCatalog catalog)
    {
        this.catalog = catalog;
    }

    /**
     * One decoded field, for side-by-side comparisons.
     *
     * @param name  field name.
     * @param value value as printed.
     */
    public record Field(String name, String value)
    {
    }

    /**
     * Append a record as a JSON object (no line end).
     *
     * @param out             to append to.
     * @param buffer          holding the message.
     * @param offset          of the message (its SBE header).
     * @param length          of the message.
     * @param recordSequence  journal record sequence.
     * @param recordTimestamp journal record timestamp.
     */
    public void appendJson(
        final StringBuilder out,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long recordSequence,
        final long recordTimestamp)
    {
        out.append("{\"recordSequence\":").append(recordSequence)
            .append(",\"recordTimestampNs\":").append(recordTimestamp);
        final SchemaCatalog.MessageLayout layout = layoutOf(buffer, offset, length);
        if (layout == null)
        {
            out.append(",\"template\":\"").append(MALFORMED).append("\",\"error\":\"")
                .append(MessageGuard.describe(MessageGuard.check(buffer, offset, length))).append("\",\"hex\":\"");
            appendHex(out, buffer, offset, length);
            out.append("\"}");
            return;
        }
        out.append(",\"template\":\"").append(layout.name()).append("\",\"templateId\":").append(layout.templateId());
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        for (final SchemaCatalog.FieldLayout field : layout.fields())
        {
            out.append(",\"").append(field.name()).append("\":");
            switch (field.kind())
            {
                case NUMBER:
                    appendNumber(out, field, buffer, body);
                    break;
                case ENUM:
                    out.append('"').append(enumName(field, buffer, body)).append('"');
                    break;
                case SET:
                    appendSet(out, field, buffer, body, true);
                    break;
                default:
                    out.append('"');
                    appendHex(out, buffer, body + field.offset(), field.arrayLength());
                    out.append('"');
                    break;
            }
        }
        out.append('}');
    }

    /**
     * Append a record as one line of text (no line end): sequence, time, template, then {@code name=value} pairs.
     *
     * @param out             to append to.
     * @param buffer          holding the message.
     * @param offset          of the message.
     * @param length          of the message.
     * @param recordSequence  journal record sequence.
     * @param recordTimestamp journal record timestamp (0 in the output journal: the envelope's time is printed).
     */
    public void appendText(
        final StringBuilder out,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long recordSequence,
        final long recordTimestamp)
    {
        out.append('#').append(recordSequence).append(' ');
        final SchemaCatalog.MessageLayout layout = layoutOf(buffer, offset, length);
        if (layout == null)
        {
            out.append(recordTimestamp).append(' ').append(MALFORMED).append(" (")
                .append(MessageGuard.describe(MessageGuard.check(buffer, offset, length))).append(") ");
            appendHex(out, buffer, offset, length);
            return;
        }
        final long time = recordTimestamp != 0 ? recordTimestamp :
            buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH + 8, ByteOrder.LITTLE_ENDIAN);
        appendTime(out, time);
        out.append(' ').append(layout.name());
        final List<Field> fields = fields(buffer, offset, length);
        for (int i = 1; i < fields.size(); i++)
        {
            out.append(' ').append(fields.get(i).name()).append('=').append(fields.get(i).value());
        }
    }

    /**
     * Every field of a message, decoded, in schema order.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @return the fields; for a malformed message one field {@code error} and one {@code hex}.
     */
    public List<Field> fields(final DirectBuffer buffer, final int offset, final int length)
    {
        final List<Field> fields = new ArrayList<>();
        final SchemaCatalog.MessageLayout layout = layoutOf(buffer, offset, length);
        if (layout == null)
        {
            fields.add(new Field("error", MessageGuard.describe(MessageGuard.check(buffer, offset, length))));
            final StringBuilder hex = new StringBuilder();
            appendHex(hex, buffer, offset, length);
            fields.add(new Field("hex", hex.toString()));
            return fields;
        }
        fields.add(new Field("template", layout.name()));
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final StringBuilder value = new StringBuilder();
        for (final SchemaCatalog.FieldLayout field : layout.fields())
        {
            value.setLength(0);
            switch (field.kind())
            {
                case NUMBER:
                    appendNumber(value, field, buffer, body);
                    break;
                case ENUM:
                    value.append(enumName(field, buffer, body));
                    break;
                case SET:
                    appendSet(value, field, buffer, body, false);
                    break;
                default:
                    appendHex(value, buffer, body + field.offset(), field.arrayLength());
                    break;
            }
            fields.add(new Field(field.name(), value.toString()));
        }
        return fields;
    }

    /**
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     * @return the message's layout, or null if it does not pass {@link MessageGuard#check}.
     */
    public SchemaCatalog.MessageLayout layoutOf(final DirectBuffer buffer, final int offset, final int length)
    {
        final int templateId = MessageGuard.check(buffer, offset, length);
        return templateId < 0 ? null : catalog.layout(templateId);
    }

    /**
     * Append epoch nanoseconds as ISO-8601 UTC with nanoseconds, e.g. {@code 2026-01-05T14:30:00.000001000Z}.
     *
     * @param out         to append to.
     * @param epochNanos  the time.
     */
    public static void appendTime(final StringBuilder out, final long epochNanos)
    {
        final Instant instant = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
            Math.floorMod(epochNanos, 1_000_000_000L));
        final String text = instant.toString();
        // Instant drops trailing zero groups; print all nine digits so lines align and sort
        final int dot = text.indexOf('.');
        final String seconds = dot < 0 ? text.substring(0, text.length() - 1) : text.substring(0, dot);
        final String nanos = Long.toString(1_000_000_000L + Math.floorMod(epochNanos, 1_000_000_000L)).substring(1);
        out.append(seconds).append('.').append(nanos).append('Z');
    }

    private void appendNumber(
        final StringBuilder out, final SchemaCatalog.FieldLayout field, final DirectBuffer buffer, final int body)
    {
        final long value = catalog.longValue(field, buffer, body);
        if (field.type() == PrimitiveType.UINT64)
        {
            out.append(Long.toUnsignedString(value));
        }
        else
        {
            out.append(value);
        }
    }

    private String enumName(final SchemaCatalog.FieldLayout field, final DirectBuffer buffer, final int body)
    {
        final long value = catalog.longValue(field, buffer, body);
        final String name = field.names().get(value);
        if (name != null)
        {
            return name;
        }
        // the generated decoders' names for the null value (all ones) and for anything else
        return value == (1L << (8 * field.type().size())) - 1 ? "NULL_VAL" : "SBE_UNKNOWN";
    }

    private void appendSet(
        final StringBuilder out,
        final SchemaCatalog.FieldLayout field,
        final DirectBuffer buffer,
        final int body,
        final boolean json)
    {
        final long bits = catalog.longValue(field, buffer, body);
        out.append('[');
        boolean first = true;
        for (final Map.Entry<Long, String> choice : new TreeMap<>(field.names()).entrySet())
        {
            if ((bits & (1L << choice.getKey())) != 0)
            {
                out.append(first ? "" : ",");
                out.append(json ? "\"" : "").append(choice.getValue()).append(json ? "\"" : "");
                first = false;
            }
        }
        out.append(']');
    }

    private static void appendHex(
        final StringBuilder out, final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = Math.min(offset + length, buffer.capacity());
        for (int i = offset; i < end; i++)
        {
            final int b = buffer.getByte(i) & 0xFF;
            out.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
        }
    }
}
