package io.pushline.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

import static io.pushline.journal.RecordDescriptor.ALIGNMENT;
import static io.pushline.journal.RecordDescriptor.SEQUENCE_OFFSET;

/**
 * The scan {@link Journal#open(Journal.Context)} runs: walks every segment from the first, verifying length, CRC and
 * sequence of every record and building the sparse index, and stops at the first record that is not complete and
 * valid. From there it looks for any valid record further on: none means a torn tail, which is zeroed (and later
 * segment files deleted); some means damage in the middle, which is refused unless repair was asked for.
 */
final class Recovery
{
    private final Path directory;
    private final String prefix;
    private final int segmentLength;
    private final boolean repair;
    private final boolean syncToDisk;
    private final int indexIntervalLength;
    private final SparseIndex index;
    private final RecordValidator validator = new RecordValidator();
    private final RecoveryReport report;

    private long[] starts;
    private long lastSequence = Journal.NULL_SEQUENCE;
    private long records;
    private long nextIndexPosition;
    private Segment activeSegment;
    private long tailPosition;
    private int stopCode;
    private Path extendedFile;
    private long extendedFileLength;
    private long extendedPosition;

    Recovery(final Journal.Context ctx, final SparseIndex index)
    {
        this.directory = ctx.directory();
        this.prefix = ctx.filePrefix();
        this.segmentLength = ctx.segmentLength();
        this.repair = ctx.repair();
        this.syncToDisk = ctx.syncPolicy() != SyncPolicy.NONE;
        this.indexIntervalLength = ctx.indexIntervalLength();
        this.index = index;
        this.report = new RecoveryReport(directory);
    }

    /**
     * Run the scan and cut what must be cut.
     *
     * @return this, holding the active segment (or null), the tail position and the last sequence.
     * @throws JournalCorruptException when valid records follow a damaged one and repair is off.
     */
    Recovery run()
    {
        report.temporaryFilesDeleted(SegmentFiles.deleteTemporaryFiles(directory, prefix));
        starts = SegmentFiles.list(directory, prefix);
        checkFileLengths();
        for (int i = 0; i < starts.length; i++)
        {
            if (i > 0 && starts[i] != starts[i - 1] + segmentLength)
            {
                missingSegment(i);
                return finish();
            }
            final Segment segment = Segment.map(path(i), starts[i], segmentLength, true);
            final int stopOffset = scan(segment);
            if (stopOffset < segmentLength)
            {
                cutAt(i, segment, stopOffset, stopCode);
                activeSegment = segment;
                tailPosition = starts[i] + stopOffset;
                return finish();
            }
            segment.close();
            tailPosition = starts[i] + segmentLength;
        }
        if (starts.length > 0 && extendedFile != null)
        {
            report.cut(RecoveryReport.Reason.SHORT_FILE, extendedFile, (int)extendedFileLength, extendedPosition);
        }
        return finish();
    }

    RecoveryReport report()
    {
        return report;
    }

    Segment activeSegment()
    {
        return activeSegment;
    }

    long tailPosition()
    {
        return tailPosition;
    }

    long lastSequence()
    {
        return lastSequence;
    }

    private Recovery finish()
    {
        report.recordsRecovered(records).tailPosition(tailPosition).lastValidSequence(lastSequence);
        return this;
    }

    /**
     * Walk the valid records of a segment, indexing them.
     *
     * @return offset of the first record that is not valid, or the segment length when the segment is complete.
     */
    private int scan(final Segment segment)
    {
        int offset = 0;
        while (offset < segmentLength)
        {
            final int code = validator.check(segment, offset, lastSequence, true);
            if (code <= 0)
            {
                stopCode = code;
                return offset;
            }
            if (RecordValidator.isPadding(segment, offset))
            {
                return segmentLength;
            }
            final long sequence = segment.buffer.getLong(offset + SEQUENCE_OFFSET);
            final long position = segment.startPosition + offset;
            if (offset == 0 || position >= nextIndexPosition)
            {
                index.add(sequence, position);
                nextIndexPosition = position + indexIntervalLength;
            }
            lastSequence = sequence;
            records++;
            offset += code;
        }
        return segmentLength;
    }

    private void cutAt(final int i, final Segment segment, final int offset, final int code)
    {
        final long position = starts[i] + offset;
        final boolean found = findValidAfter(i, segment, offset + ALIGNMENT);
        final long nonZeroTail = segment.lastNonZeroByte(offset) + 1L - offset;
        RecoveryReport.Reason reason = RecordValidator.reason(code);
        if (code == RecordValidator.EMPTY && !found && nonZeroTail <= 0 && !laterSegmentsHoldData(i))
        {
            reason = extendedFile != null ? RecoveryReport.Reason.SHORT_FILE : RecoveryReport.Reason.NONE;
        }
        if (reason != RecoveryReport.Reason.NONE)
        {
            final long recordSequence = code == RecordValidator.EMPTY ?
                Journal.NULL_SEQUENCE : segment.buffer.getLong(offset + SEQUENCE_OFFSET);
            report.cut(reason, segment.file, offset, position).recordSequence(recordSequence);
        }
        report.lastValidSequence(lastSequence);
        if (found && !repair)
        {
            dryRunCut(i, nonZeroTail);
            segment.close();
            throw refusal(reason, segment.file, offset, position);
        }
        report.repaired(found);
        zero(segment, offset, nonZeroTail);
        deleteSegmentsAfter(i);
        index.removeFrom(position);
    }

    private boolean findValidAfter(final int i, final Segment segment, final int from)
    {
        final int found = validator.findValidRecord(segment, from);
        if (found >= 0)
        {
            report.nextValid(segment.file, found, segment.buffer.getLong(found + SEQUENCE_OFFSET));
            return true;
        }
        return findValidInSegments(i + 1);
    }

    private boolean findValidInSegments(final int from)
    {
        for (int j = from; j < starts.length; j++)
        {
            try (Segment later = Segment.map(path(j), starts[j], segmentLength, false))
            {
                final int found = validator.findValidRecord(later, 0);
                if (found >= 0)
                {
                    report.nextValid(later.file, found, later.buffer.getLong(found + SEQUENCE_OFFSET));
                    return true;
                }
            }
        }
        return false;
    }

    private boolean laterSegmentsHoldData(final int i)
    {
        for (int j = i + 1; j < starts.length; j++)
        {
            try (Segment later = Segment.map(path(j), starts[j], segmentLength, false))
            {
                if (later.lastNonZeroByte(0) >= 0)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private void missingSegment(final int i)
    {
        final long position = starts[i - 1] + segmentLength;
        final Path missing = SegmentFiles.path(directory, prefix, position);
        tailPosition = position;
        report.cut(RecoveryReport.Reason.MISSING_SEGMENT, missing, 0, position).lastValidSequence(lastSequence);
        final boolean found = findValidInSegments(i);
        if (found && !repair)
        {
            dryRunCut(i - 1, 0);
            throw refusal(RecoveryReport.Reason.MISSING_SEGMENT, missing, 0, position);
        }
        report.repaired(found);
        deleteSegmentsAfter(i - 1);
    }

    private void zero(final Segment segment, final int offset, final long nonZeroTail)
    {
        if (nonZeroTail > 0)
        {
            segment.buffer.setMemory(offset, (int)nonZeroTail, (byte)0);
            report.addBytesCut(nonZeroTail);
            if (syncToDisk)
            {
                segment.force(offset, (int)nonZeroTail);
            }
        }
    }

    private void deleteSegmentsAfter(final int i)
    {
        boolean deleted = false;
        for (int j = i + 1; j < starts.length; j++)
        {
            final Path file = path(j);
            try (Segment later = Segment.map(file, starts[j], segmentLength, false))
            {
                report.addBytesCut(later.lastNonZeroByte(0) + 1L);
            }
            SegmentFiles.delete(file);
            report.addSegmentDeleted();
            deleted = true;
        }
        if (deleted && syncToDisk)
        {
            try
            {
                Segment.syncDirectory(directory);
            }
            catch (final IOException ex)
            {
                throw new JournalException("cannot sync journal directory " + directory + ": " + ex, ex);
            }
        }
    }

    private void dryRunCut(final int i, final long nonZeroTail)
    {
        report.addBytesCut(Math.max(0, nonZeroTail));
        for (int j = i + 1; j < starts.length; j++)
        {
            try (Segment later = Segment.map(path(j), starts[j], segmentLength, false))
            {
                report.addBytesCut(later.lastNonZeroByte(0) + 1L);
                report.addSegmentDeleted();
            }
        }
        report.recordsRecovered(records).tailPosition(tailPosition);
    }

    private JournalCorruptException refusal(
        final RecoveryReport.Reason reason, final Path file, final int offset, final long position)
    {
        final String message = "journal " + directory + " is damaged in the middle: " + reason + " in " + file +
            " at offset " + offset + " (position " + position + "), sequence field " + report.recordSequence() +
            ", after sequence " + lastSequence + "; valid records follow, the first in " + report.nextValidFile() +
            " at offset " + report.nextValidOffset() + " with sequence " + report.nextValidSequence() +
            ". Refusing to open: open with repair (" + JournalConfiguration.REPAIR_PROP_NAME + "=true) to truncate" +
            " there, losing " + report.bytesCut() + " bytes and " + report.segmentsDeleted() + " later segment files";
        return new JournalCorruptException(message, reason, file, offset, position, lastSequence, report);
    }

    private void checkFileLengths()
    {
        checkSameSegmentLength();
        for (int i = 0; i < starts.length; i++)
        {
            final Path file = path(i);
            final long length = SegmentFiles.size(file);
            if (starts[i] % segmentLength != 0 || length > segmentLength)
            {
                throw new JournalException("segment file " + file + " (" + length + " bytes) does not fit the " +
                    "segment length " + segmentLength + ": was the journal written with another segment length?");
            }
            if (length < segmentLength)
            {
                if (i < starts.length - 1 && !repair)
                {
                    final String message = "journal " + directory + " is damaged in the middle: segment file " + file +
                        " has " + length + " bytes, less than the segment length " + segmentLength + ", and later " +
                        "segments exist. Refusing to open: open with repair (" + JournalConfiguration.REPAIR_PROP_NAME +
                        "=true) to extend it and truncate the journal at its first incomplete record";
                    throw new JournalCorruptException(message, RecoveryReport.Reason.SHORT_FILE, file, (int)length,
                        starts[i] + length, Journal.NULL_SEQUENCE, report.cut(RecoveryReport.Reason.SHORT_FILE, file,
                        (int)length, starts[i] + length));
                }
                extend(file, length);
                extendedPosition = starts[i] + length;
            }
        }
    }

    /**
     * Files that all have one valid segment length, other than the configured one, were written with that length.
     */
    private void checkSameSegmentLength()
    {
        if (starts.length == 0)
        {
            return;
        }
        final long length = SegmentFiles.size(path(0));
        for (int i = 1; i < starts.length; i++)
        {
            if (SegmentFiles.size(path(i)) != length)
            {
                return;
            }
        }
        if (length != segmentLength && Long.bitCount(length) == 1 && length >= RecordDescriptor.MIN_SEGMENT_LENGTH &&
            length <= RecordDescriptor.MAX_SEGMENT_LENGTH)
        {
            throw new JournalException("segment files in " + directory + " are " + length + " bytes long, not the " +
                "configured segment length " + segmentLength +
                ": was the journal written with another segment length?");
        }
    }

    private void extend(final Path file, final long length)
    {
        try (RandomAccessFile shortFile = new RandomAccessFile(file.toFile(), "rw"))
        {
            shortFile.setLength(segmentLength);
            if (syncToDisk)
            {
                shortFile.getChannel().force(true);
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot extend short segment file " + file + ": " + ex, ex);
        }
        extendedFile = file;
        extendedFileLength = length;
    }

    private Path path(final int i)
    {
        return SegmentFiles.path(directory, prefix, starts[i]);
    }
}
