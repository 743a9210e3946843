package io.pushline.replay;

import java.nio.ByteOrder;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.pushline.protocol.Envelope;
import io.pushline.protocol.MessageGuard;
import io.pushline.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntHashSet;

/**
 * Which records a dump or stats run keeps: a record sequence range, an engine time range (the envelope's
 * {@code timestampNs}: the command's engine time, also on reports), an instrument (messages with an
 * {@code instrumentId} field only), a session and a set of templates. Every bound is inclusive; unset bounds keep all.
 */
public final class RecordFilter
{
    private final SchemaCatalog catalog;
    private long fromSequence = Long.MIN_VALUE;
    private long toSequence = Long.MAX_VALUE;
    private long fromTimeNs = Long.MIN_VALUE;
    private long toTimeNs = Long.MAX_VALUE;
    private Integer instrumentId;
    private Integer sessionId;
    private IntHashSet templateIds;

    /**
     * @param catalog the schema's messages.
     */
    public RecordFilter(final SchemaCatalog catalog)
    {
        this.catalog = catalog;
    }

    /**
     * @param from first record sequence, or null.
     * @param to   last record sequence, or null.
     * @return this.
     */
    public RecordFilter sequences(final Long from, final Long to)
    {
        fromSequence = from == null ? Long.MIN_VALUE : from;
        toSequence = to == null ? Long.MAX_VALUE : to;
        return this;
    }

    /**
     * @param from earliest engine time (ISO-8601 instant or epoch nanoseconds), or null.
     * @param to   latest engine time, or null.
     * @return this.
     */
    public RecordFilter times(final String from, final String to)
    {
        fromTimeNs = from == null ? Long.MIN_VALUE : parseTime(from);
        toTimeNs = to == null ? Long.MAX_VALUE : parseTime(to);
        return this;
    }

    /**
     * @param instrumentId instrument id to keep, or null for all.
     * @return this.
     */
    public RecordFilter instrument(final Integer instrumentId)
    {
        this.instrumentId = instrumentId;
        return this;
    }

    /**
     * @param sessionId session id to keep, or null for all.
     * @return this.
     */
    public RecordFilter session(final Integer sessionId)
    {
        this.sessionId = sessionId;
        return this;
    }

    /**
     * @param names template names separated by commas (e.g. {@code NewOrder,CancelOrder}), or null for all.
     * @return this.
     * @throws IllegalArgumentException naming an unknown template.
     */
    public RecordFilter templates(final String names)
    {
        if (names == null)
        {
            templateIds = null;
            return this;
        }
        templateIds = new IntHashSet();
        for (final String name : names.split(","))
        {
            final SchemaCatalog.MessageLayout layout = catalog.layout(name.strip());
            if (layout == null)
            {
                throw new IllegalArgumentException("unknown message type '" + name.strip() + "'; known: " +
                    catalog.names());
            }
            templateIds.add(layout.templateId());
        }
        return this;
    }

    /**
     * @return first record sequence kept.
     */
    public long fromSequence()
    {
        return fromSequence;
    }

    /**
     * @return last record sequence kept.
     */
    public long toSequence()
    {
        return toSequence;
    }

    /**
     * @param buffer   holding the message.
     * @param offset   of the message.
     * @param length   of the message.
     * @param sequence record sequence.
     * @return true if the record is kept.
     */
    public boolean matches(final DirectBuffer buffer, final int offset, final int length, final long sequence)
    {
        if (sequence < fromSequence || sequence > toSequence)
        {
            return false;
        }
        final int templateId = MessageGuard.check(buffer, offset, length);
        final boolean enveloped = templateId >= 0 && length >= Envelope.HEADER_LENGTH + Envelope.ENVELOPE_LENGTH;
        if (templateIds != null && !templateIds.contains(templateId))
        {
            return false;
        }
        if (fromTimeNs != Long.MIN_VALUE || toTimeNs != Long.MAX_VALUE)
        {
            final long time = enveloped ? Envelope.timestampNs(buffer, offset) : Long.MIN_VALUE;
            if (time < fromTimeNs || time > toTimeNs)
            {
                return false;
            }
        }
        if (sessionId != null && (!enveloped || Envelope.sessionId(buffer, offset) != sessionId))
        {
            return false;
        }
        return instrumentId == null || instrumentOf(buffer, offset, templateId) == instrumentId;
    }

    /**
     * @param buffer     holding the message.
     * @param offset     of the message.
     * @param templateId its template id (checked).
     * @return its instrument id, or -1 when the message has no instrument field.
     */
    public int instrumentOf(final DirectBuffer buffer, final int offset, final int templateId)
    {
        final SchemaCatalog.MessageLayout layout = templateId < 0 ? null : catalog.layout(templateId);
        if (layout == null || layout.instrumentIdOffset() < 0)
        {
            return -1;
        }
        return buffer.getInt(offset + MessageHeaderDecoder.ENCODED_LENGTH + layout.instrumentIdOffset(),
            ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @param text an ISO-8601 instant ({@code 2026-01-05T14:30:00Z}) or epoch nanoseconds.
     * @return epoch nanoseconds.
     * @throws IllegalArgumentException when it is neither.
     */
    public static long parseTime(final String text)
    {
        final String value = text.strip();
        if (!value.isEmpty() && value.chars().allMatch(Character::isDigit))
        {
            return Long.parseLong(value);
        }
        try
        {
            final Instant instant = Instant.parse(value);
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            throw new IllegalArgumentException("not a time: '" + text +
                "' (use an ISO-8601 instant such as 2026-01-05T14:30:00Z, or epoch nanoseconds)");
        }
    }
}
