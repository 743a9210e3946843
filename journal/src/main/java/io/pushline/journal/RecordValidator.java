package io.pushline.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import org.agrona.concurrent.UnsafeBuffer;

import static io.pushline.journal.RecordDescriptor.ALIGNMENT;
import static io.pushline.journal.RecordDescriptor.CHECKSUM_OFFSET;
import static io.pushline.journal.RecordDescriptor.CHECKSUM_START_OFFSET;
import static io.pushline.journal.RecordDescriptor.HEADER_LENGTH;
import static io.pushline.journal.RecordDescriptor.LENGTH_OFFSET;
import static io.pushline.journal.RecordDescriptor.SEQUENCE_OFFSET;
import static io.pushline.journal.RecordDescriptor.VERSION_FLAGS_DATA;
import static io.pushline.journal.RecordDescriptor.VERSION_FLAGS_OFFSET;
import static io.pushline.journal.RecordDescriptor.VERSION_FLAGS_PADDING;

/**
 * Checks one record in place and computes record checksums. Every read is bounded by the segment, so any bytes give a
 * result code, never an exception. Not thread-safe: one per appender, reader or recovery.
 */
final class RecordValidator
{
    static final int EMPTY = 0;
    static final int BAD_LENGTH = -1;
    static final int BAD_CHECKSUM = -2;
    static final int BAD_HEADER = -3;
    static final int BAD_SEQUENCE = -4;
    static final int BAD_PADDING = -5;

    private final CRC32C crc = new CRC32C();

    /**
     * Check the record at an aligned offset.
     *
     * @param previousSequence sequence of the record before it ({@link Journal#NULL_SEQUENCE} if unknown).
     * @return its aligned length (> 0) if complete and valid, {@link #EMPTY} if not written yet, or a negative code.
     */
    int check(final Segment segment, final int offset, final long previousSequence, final boolean verifyChecksum)
    {
        final UnsafeBuffer buffer = segment.buffer;
        final int remaining = segment.length - offset;
        if (remaining < HEADER_LENGTH || (offset & (ALIGNMENT - 1)) != 0)
        {
            return BAD_LENGTH;
        }
        final int length = buffer.getIntAcquire(offset + LENGTH_OFFSET);
        if (length == 0)
        {
            return EMPTY;
        }
        if (length < HEADER_LENGTH || length > remaining)
        {
            return BAD_LENGTH;
        }
        final int versionFlags = buffer.getInt(offset + VERSION_FLAGS_OFFSET);
        final boolean padding = versionFlags == VERSION_FLAGS_PADDING;
        if (verifyChecksum &&
            checksum(segment, offset, padding ? HEADER_LENGTH : length) != buffer.getInt(offset + CHECKSUM_OFFSET))
        {
            return BAD_CHECKSUM;
        }
        if (padding)
        {
            return length == remaining ? remaining : BAD_PADDING;
        }
        if (versionFlags != VERSION_FLAGS_DATA)
        {
            return BAD_HEADER;
        }
        if (buffer.getLong(offset + SEQUENCE_OFFSET) <= previousSequence)
        {
            return BAD_SEQUENCE;
        }
        return RecordDescriptor.align(length);
    }

    /**
     * CRC32C of a record from {@link RecordDescriptor#CHECKSUM_START_OFFSET} to {@code length}.
     */
    int checksum(final Segment segment, final int offset, final int length)
    {
        final ByteBuffer view = segment.checksumView;
        view.limit(offset + length);
        view.position(offset + CHECKSUM_START_OFFSET);
        crc.reset();
        crc.update(view);
        return (int)crc.getValue();
    }

    /**
     * First offset at or after {@code from} that holds a complete, valid record (padding included), or -1.
     */
    int findValidRecord(final Segment segment, final int from)
    {
        final UnsafeBuffer buffer = segment.buffer;
        for (int offset = from; offset <= segment.length - HEADER_LENGTH; offset += ALIGNMENT)
        {
            final int length = buffer.getInt(offset);
            if (length >= HEADER_LENGTH && length <= segment.length - offset &&
                check(segment, offset, Journal.NULL_SEQUENCE, true) > 0)
            {
                return offset;
            }
        }
        return -1;
    }

    static boolean isPadding(final Segment segment, final int offset)
    {
        return segment.buffer.getInt(offset + VERSION_FLAGS_OFFSET) == VERSION_FLAGS_PADDING;
    }

    static RecoveryReport.Reason reason(final int code)
    {
        switch (code)
        {
            case BAD_LENGTH:
                return RecoveryReport.Reason.BAD_LENGTH;
            case BAD_CHECKSUM:
                return RecoveryReport.Reason.BAD_CHECKSUM;
            case BAD_HEADER:
                return RecoveryReport.Reason.BAD_HEADER;
            case BAD_SEQUENCE:
                return RecoveryReport.Reason.BAD_SEQUENCE;
            case BAD_PADDING:
                return RecoveryReport.Reason.BAD_PADDING;
            default:
                return RecoveryReport.Reason.INCOMPLETE_RECORD;
        }
    }
}
