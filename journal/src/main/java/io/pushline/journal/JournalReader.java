package io.pushline.journal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;

import static io.pushline.journal.RecordDescriptor.HEADER_LENGTH;
import static io.pushline.journal.RecordDescriptor.LENGTH_OFFSET;
import static io.pushline.journal.RecordDescriptor.SEQUENCE_OFFSET;
import static io.pushline.journal.RecordDescriptor.TIMESTAMP_OFFSET;
import static io.pushline.journal.RecordDescriptor.TYPE_OFFSET;

/**
 * Reads a journal in order and follows it while it is written, in this process ({@link Journal#newReader()}) or in
 * another one ({@link #open(Context)}). Only complete records with a valid CRC are delivered: a length word of 0 means
 * "not written yet" and {@link #poll(JournalHandler, int)} returns, to be called again later; a padding record or the
 * end of a segment moves it to the next segment file, which it waits for if it does not exist yet. Anything else is
 * damage and throws {@link JournalCorruptException}.
 * <p>
 * {@link #seek(long)} starts at any sequence: it looks the sequence up in a sparse index (the journal's own, or one
 * this reader builds as it reads) and, for a reader in another process, by the first sequence of each segment, so it
 * walks at most one index interval of records instead of the whole journal. Not thread-safe: one thread per reader.
 */
public final class JournalReader implements AutoCloseable
{
    private static final int MISSING_SEGMENT_CHECK_INTERVAL = 1024;

    private final Path directory;
    private final String prefix;
    private final boolean verifyChecksums;
    private final SparseIndex index;
    private final int indexIntervalLength;
    private final boolean sharedIndex;
    private final RecordValidator validator = new RecordValidator();

    private int segmentLength;
    private Segment segment;
    private long position = -1;
    private int offset;
    private long lastSequence = Journal.NULL_SEQUENCE;
    private long minSequence = Journal.NULL_SEQUENCE;
    private long recordPosition = -1;
    private long recordsScanned;
    private long nextIndexPosition;
    private int missingSegmentPolls;
    private boolean closed;

    JournalReader(
        final Path directory,
        final String prefix,
        final int segmentLength,
        final boolean verifyChecksums,
        final SparseIndex index,
        final int indexIntervalLength,
        final boolean sharedIndex)
    {
        this.directory = directory;
        this.prefix = prefix;
        this.segmentLength = segmentLength;
        this.verifyChecksums = verifyChecksums;
        this.index = index;
        this.indexIntervalLength = indexIntervalLength;
        this.sharedIndex = sharedIndex;
    }

    /**
     * Open a reader on a journal directory, typically one another process writes. It does not recover or change the
     * journal, and needs no files to exist yet.
     *
     * @param ctx configuration; concluded here if it was not yet.
     * @return a reader positioned at the start of the journal.
     */
    public static JournalReader open(final Context ctx)
    {
        if (!ctx.concluded)
        {
            ctx.conclude();
        }
        return new JournalReader(ctx.directory, ctx.filePrefix, ctx.segmentLength, ctx.verifyChecksums,
            new SparseIndex(), ctx.indexIntervalLength, false);
    }

    /**
     * Deliver up to {@code limit} records in journal order. Records below the sequence given to {@link #seek(long)}
     * are skipped. If the handler throws, the record counts as read.
     *
     * @param handler receives each record.
     * @param limit   most records to deliver.
     * @return records delivered, 0 when none is available yet.
     * @throws JournalCorruptException at a damaged record, naming file, offset and sequence.
     * @throws JournalException        when a segment file cannot be mapped or one it needs was deleted.
     */
    public int poll(final JournalHandler handler, final int limit)
    {
        int delivered = 0;
        while (delivered < limit && !closed)
        {
            if (segment == null && !openSegment())
            {
                break;
            }
            if (offset >= segmentLength)
            {
                nextSegment();
                continue;
            }
            final int recordOffset = offset;
            final int code = validator.check(segment, recordOffset, lastSequence, verifyChecksums);
            if (code == RecordValidator.EMPTY)
            {
                break;
            }
            if (code < 0)
            {
                throw corrupt(code, recordOffset);
            }
            if (RecordValidator.isPadding(segment, recordOffset))
            {
                nextSegment();
                continue;
            }
            if (deliver(handler, recordOffset, code))
            {
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * Position the reader so the next record delivered is the first with a sequence at or above this one (records
     * below it are skipped, also those appended later).
     *
     * @param sequence to start at.
     */
    public void seek(final long sequence)
    {
        long start = index.floorPosition(sequence);
        if (!sharedIndex)
        {
            start = Math.max(start, segmentFloor(sequence));
        }
        minSequence = sequence;
        if (position >= 0 && lastSequence != Journal.NULL_SEQUENCE && lastSequence < sequence && start < position)
        {
            return;
        }
        closeSegment();
        position = start;
        lastSequence = Journal.NULL_SEQUENCE;
    }

    /**
     * @return position of the next record to read, -1 before the first segment was found.
     */
    public long position()
    {
        return position;
    }

    /**
     * @return position of the record last delivered or skipped, -1 if none.
     */
    public long recordPosition()
    {
        return recordPosition;
    }

    /**
     * @return sequence of the record last delivered or skipped, {@link Journal#NULL_SEQUENCE} if none.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * @return records read so far, delivered or skipped by a seek: a measure of how far seeks walked.
     */
    public long recordsScanned()
    {
        return recordsScanned;
    }

    /**
     * Unmap the current segment.
     */
    public void close()
    {
        closed = true;
        closeSegment();
    }

    private boolean deliver(final JournalHandler handler, final int recordOffset, final int alignedLength)
    {
        final UnsafeBuffer buffer = segment.buffer;
        final long sequence = buffer.getLong(recordOffset + SEQUENCE_OFFSET);
        recordPosition = segment.startPosition + recordOffset;
        offset = recordOffset + alignedLength;
        position = recordPosition + alignedLength;
        lastSequence = sequence;
        recordsScanned++;
        if (!sharedIndex && (recordOffset == 0 || recordPosition >= nextIndexPosition))
        {
            index.add(sequence, recordPosition);
            nextIndexPosition = recordPosition + indexIntervalLength;
        }
        if (sequence < minSequence)
        {
            return false;
        }
        handler.onRecord(buffer, recordOffset + HEADER_LENGTH,
            buffer.getInt(recordOffset + LENGTH_OFFSET) - HEADER_LENGTH, buffer.getInt(recordOffset + TYPE_OFFSET),
            sequence, buffer.getLong(recordOffset + TIMESTAMP_OFFSET));
        return true;
    }

    private boolean openSegment()
    {
        if (position < 0)
        {
            final long[] starts = SegmentFiles.list(directory, prefix);
            if (starts.length == 0)
            {
                return false;
            }
            position = starts[0];
        }
        if (segmentLength == 0 && !detectSegmentLength(SegmentFiles.path(directory, prefix, position)))
        {
            return false;
        }
        final long start = position - (position & (segmentLength - 1));
        final Path file = SegmentFiles.path(directory, prefix, start);
        if (!Files.exists(file))
        {
            checkNotBehindRetention(start);
            return false;
        }
        missingSegmentPolls = 0;
        final long size = SegmentFiles.size(file);
        if (size < segmentLength)
        {
            throw new JournalCorruptException("segment file " + file + " has " + size + " bytes, less than the " +
                "segment length " + segmentLength, RecoveryReport.Reason.SHORT_FILE, file, (int)size, start + size,
                lastSequence, null);
        }
        segment = Segment.map(file, start, segmentLength, false);
        offset = (int)(position - start);
        return true;
    }

    private boolean detectSegmentLength(final Path file)
    {
        if (!Files.exists(file))
        {
            return false;
        }
        final long size = SegmentFiles.size(file);
        if (Long.bitCount(size) != 1 || size < RecordDescriptor.MIN_SEGMENT_LENGTH ||
            size > RecordDescriptor.MAX_SEGMENT_LENGTH)
        {
            throw new JournalCorruptException("segment file " + file + " has " + size + " bytes, not a valid segment " +
                "length: set the reader's segment length", RecoveryReport.Reason.SHORT_FILE, file, 0, position,
                lastSequence, null);
        }
        segmentLength = (int)size;
        return true;
    }

    private void checkNotBehindRetention(final long start)
    {
        if (++missingSegmentPolls % MISSING_SEGMENT_CHECK_INTERVAL != 1)
        {
            return;
        }
        final long[] starts = SegmentFiles.list(directory, prefix);
        if (starts.length > 0 && starts[0] > start)
        {
            throw new JournalException("segment file " + SegmentFiles.path(directory, prefix, start) + " at position " +
                position + " no longer exists (deleted by retention while this reader was behind?); the journal now" +
                " starts at " + starts[0]);
        }
    }

    private void nextSegment()
    {
        final long next = segment.startPosition + segmentLength;
        closeSegment();
        position = next;
        offset = 0;
    }

    private void closeSegment()
    {
        if (segment != null)
        {
            segment.close();
            segment = null;
        }
    }

    /**
     * Start of the last segment whose first record has a sequence at or below this one, by binary search over the
     * segment files, or -1.
     */
    private long segmentFloor(final long sequence)
    {
        final long[] starts = SegmentFiles.list(directory, prefix);
        if (starts.length == 0 || (segmentLength == 0 &&
            !detectSegmentLength(SegmentFiles.path(directory, prefix, starts[0]))))
        {
            return -1;
        }
        int low = 0;
        int high = starts.length - 1;
        long found = -1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long first = firstSequence(starts[mid]);
            if (first != Journal.NULL_SEQUENCE && first <= sequence)
            {
                found = starts[mid];
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return found;
    }

    private long firstSequence(final long start)
    {
        final Path file = SegmentFiles.path(directory, prefix, start);
        if (!Files.exists(file) || SegmentFiles.size(file) < segmentLength)
        {
            return Journal.NULL_SEQUENCE;
        }
        try (Segment probe = Segment.map(file, start, segmentLength, false))
        {
            return validator.check(probe, 0, Journal.NULL_SEQUENCE, true) > 0 && !RecordValidator.isPadding(probe, 0) ?
                probe.buffer.getLong(SEQUENCE_OFFSET) : Journal.NULL_SEQUENCE;
        }
    }

    private JournalCorruptException corrupt(final int code, final int recordOffset)
    {
        final RecoveryReport.Reason reason = RecordValidator.reason(code);
        final long recordAt = segment.startPosition + recordOffset;
        return new JournalCorruptException("damaged record: " + reason + " in " + segment.file + " at offset " +
            recordOffset + " (position " + recordAt + "), after sequence " + lastSequence, reason, segment.file,
            recordOffset, recordAt, lastSequence, null);
    }

    /**
     * Configuration of a reader opened on its own ({@link JournalReader#open(Context)}).
     */
    public static final class Context
    {
        private boolean concluded;
        private Path directory = JournalConfiguration.directory();
        private String filePrefix = JournalConfiguration.filePrefix();
        private int segmentLength;
        private boolean verifyChecksums = true;
        private int indexIntervalLength = JournalConfiguration.indexIntervalLength();

        /**
         * Check every value. May be called once.
         *
         * @return this.
         * @throws IllegalArgumentException naming the property when a value is out of range.
         */
        public Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("context already concluded");
            }
            Journal.Context.require(directory != null, JournalConfiguration.DIR_PROP_NAME, "must be set");
            Journal.Context.requireFilePrefix(filePrefix);
            if (segmentLength != 0)
            {
                Journal.Context.requireSegmentLength(segmentLength);
            }
            Journal.Context.require(indexIntervalLength > 0, JournalConfiguration.INDEX_INTERVAL_LENGTH_PROP_NAME,
                "must be positive, got " + indexIntervalLength);
            concluded = true;
            return this;
        }

        /**
         * @param directory journal directory.
         * @return this.
         */
        public Context directory(final Path directory)
        {
            this.directory = directory;
            return this;
        }

        /**
         * @return journal directory.
         */
        public Path directory()
        {
            return directory;
        }

        /**
         * @param filePrefix start of the segment file names.
         * @return this.
         */
        public Context filePrefix(final String filePrefix)
        {
            this.filePrefix = filePrefix;
            return this;
        }

        /**
         * @return start of the segment file names.
         */
        public String filePrefix()
        {
            return filePrefix;
        }

        /**
         * @param segmentLength the journal's segment length, or 0 (default) to take it from the first segment file.
         * @return this.
         */
        public Context segmentLength(final int segmentLength)
        {
            this.segmentLength = segmentLength;
            return this;
        }

        /**
         * @return the segment length, 0 when taken from the files.
         */
        public int segmentLength()
        {
            return segmentLength;
        }

        /**
         * @param verifyChecksums verify the CRC32C of every record (default true).
         * @return this.
         */
        public Context verifyChecksums(final boolean verifyChecksums)
        {
            this.verifyChecksums = verifyChecksums;
            return this;
        }

        /**
         * @return whether the CRC32C of every record is verified.
         */
        public boolean verifyChecksums()
        {
            return verifyChecksums;
        }

        /**
         * @param indexIntervalLength bytes between the entries of the index this reader builds as it reads.
         * @return this.
         */
        public Context indexIntervalLength(final int indexIntervalLength)
        {
            this.indexIntervalLength = indexIntervalLength;
            return this;
        }

        /**
         * @return bytes between the entries of the reader's index.
         */
        public int indexIntervalLength()
        {
            return indexIntervalLength;
        }
    }
}
