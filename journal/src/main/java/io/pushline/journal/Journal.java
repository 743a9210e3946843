package io.pushline.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.CloseHelper;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * A crash-safe, append-only journal of records in memory-mapped segment files, opened for writing. Opening recovers
 * the journal (see {@link RecoveryReport}): it verifies every record, builds the sparse sequence index, and cuts a
 * torn tail; it refuses a journal damaged in the middle unless {@link Context#repair(boolean)} is set. One process
 * at a time may open a directory (a file lock guards it); any number of {@link JournalReader}s, in this or other
 * processes, may read it meanwhile.
 * <pre>
 * try (Journal journal = Journal.open(new Journal.Context().directory(dir).syncPolicy(SyncPolicy.PER_BATCH)))
 * {
 *     final JournalAppender appender = journal.appender();
 *     appender.append(buffer, offset, length, type, sequence, timestampNs);
 *     appender.commitBatch();                      // then acknowledge up to appender.durableSequence()
 * }
 * </pre>
 */
public final class Journal implements AutoCloseable
{
    /** Sequence meaning "none": below every valid sequence. */
    public static final long NULL_SEQUENCE = Long.MIN_VALUE;

    /** Name of the lock file in the journal directory is the file prefix plus this. */
    public static final String LOCK_FILE_SUFFIX = ".lock";

    private final Context ctx;
    private final SparseIndex index = new SparseIndex();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final RecoveryReport recoveryReport;
    private final JournalAppender appender;
    private final Retention retention;
    private boolean closed;

    private Journal(final Context ctx)
    {
        this.ctx = ctx;
        final Path directory = ctx.directory();
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot create journal directory " + directory + ": " + ex, ex);
        }
        final Path lockFile = directory.resolve(ctx.filePrefix() + LOCK_FILE_SUFFIX);
        lockChannel = openLockChannel(lockFile);
        lock = tryLock(lockChannel, lockFile);
        try
        {
            final Recovery recovery = new Recovery(ctx, index).run();
            recoveryReport = recovery.report();
            retention = new Retention(directory, ctx.filePrefix(), ctx.segmentLength(), ctx.retentionMaxAgeNs(),
                ctx.retentionMaxTotalLength(), ctx.epochClock(), index);
            appender = new JournalAppender(ctx, recovery, index, retention);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(lock, lockChannel);
            throw ex;
        }
    }

    /**
     * Open (creating if needed) and recover the journal described by the context.
     *
     * @param ctx configuration; concluded here if it was not yet.
     * @return the open journal.
     * @throws JournalCorruptException when valid records follow a damaged one and repair is off.
     * @throws JournalException        when a file cannot be read, mapped or changed, or the directory is locked.
     */
    public static Journal open(final Context ctx)
    {
        if (!ctx.concluded)
        {
            ctx.conclude();
        }
        return new Journal(ctx);
    }

    /**
     * @return the single appender of this journal.
     */
    public JournalAppender appender()
    {
        return appender;
    }

    /**
     * A new reader of this journal that uses its sparse index for {@link JournalReader#seek(long)}. Readers may run
     * on other threads than the appender; close each one.
     *
     * @return a reader positioned at the start of the journal.
     */
    public JournalReader newReader()
    {
        return new JournalReader(ctx.directory(), ctx.filePrefix(), ctx.segmentLength(), true, index,
            ctx.indexIntervalLength(), true);
    }

    /**
     * @return what recovery found and cut when the journal was opened.
     */
    public RecoveryReport recoveryReport()
    {
        return recoveryReport;
    }

    /**
     * Apply retention now (it is also applied on every segment roll and from {@link JournalAppender#doWork()}).
     * Deletes whole segments before the active one only.
     *
     * @return segments deleted.
     */
    public int applyRetention()
    {
        final long position = appender.position();
        return retention.apply(position - (position & (ctx.segmentLength() - 1)));
    }

    /**
     * @return the context the journal was opened with.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * Close the appender (forcing committed records unless the policy is {@link SyncPolicy#NONE}) and release the
     * directory lock.
     */
    public void close()
    {
        if (!closed)
        {
            closed = true;
            try
            {
                appender.close();
            }
            finally
            {
                CloseHelper.quietCloseAll(lock, lockChannel);
            }
        }
    }

    private static FileChannel openLockChannel(final Path lockFile)
    {
        try
        {
            return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot open journal lock file " + lockFile + ": " + ex, ex);
        }
    }

    private static FileLock tryLock(final FileChannel channel, final Path lockFile)
    {
        try
        {
            final FileLock lock = channel.tryLock();
            if (lock == null)
            {
                throw new JournalException("journal is already open for writing by another process: " + lockFile);
            }
            return lock;
        }
        catch (final OverlappingFileLockException ex)
        {
            CloseHelper.quietClose(channel);
            throw new JournalException("journal is already open for writing in this process: " + lockFile, ex);
        }
        catch (final IOException | JournalException ex)
        {
            CloseHelper.quietClose(channel);
            throw ex instanceof JournalException ? (JournalException)ex :
                new JournalException("cannot lock journal " + lockFile + ": " + ex, ex);
        }
    }

    /**
     * Configuration of a journal, filled from {@link JournalConfiguration} (system properties, else defaults).
     * {@link #conclude()} validates it once.
     */
    public static final class Context
    {
        private boolean concluded;
        private Path directory = JournalConfiguration.directory();
        private String filePrefix = JournalConfiguration.filePrefix();
        private int segmentLength = JournalConfiguration.segmentLength();
        private SyncPolicy syncPolicy = JournalConfiguration.syncPolicy();
        private long syncIntervalNs = JournalConfiguration.syncIntervalNs();
        private int indexIntervalLength = JournalConfiguration.indexIntervalLength();
        private long retentionMaxAgeNs = JournalConfiguration.retentionMaxAgeNs();
        private long retentionMaxTotalLength = JournalConfiguration.retentionMaxTotalLength();
        private long retentionCheckIntervalNs = JournalConfiguration.retentionCheckIntervalNs();
        private boolean preallocateSegments = JournalConfiguration.preallocateSegments();
        private long minFreeSpaceLength = JournalConfiguration.minFreeSpaceLength();
        private boolean repair = JournalConfiguration.repair();
        private NanoClock nanoClock;
        private EpochClock epochClock;

        /**
         * Check every value and fill defaults. May be called once.
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
            require(directory != null, JournalConfiguration.DIR_PROP_NAME, "must be set");
            requireFilePrefix(filePrefix);
            requireSegmentLength(segmentLength);
            require(syncPolicy != null, JournalConfiguration.SYNC_POLICY_PROP_NAME, "must be set");
            require(syncIntervalNs > 0, JournalConfiguration.SYNC_INTERVAL_NS_PROP_NAME,
                "must be positive, got " + syncIntervalNs);
            require(indexIntervalLength > 0, JournalConfiguration.INDEX_INTERVAL_LENGTH_PROP_NAME,
                "must be positive, got " + indexIntervalLength);
            require(retentionMaxAgeNs >= 0, JournalConfiguration.RETENTION_MAX_AGE_NS_PROP_NAME,
                "must be 0 (off) or positive, got " + retentionMaxAgeNs);
            require(retentionMaxTotalLength >= 0, JournalConfiguration.RETENTION_MAX_TOTAL_LENGTH_PROP_NAME,
                "must be 0 (off) or positive, got " + retentionMaxTotalLength);
            require(retentionCheckIntervalNs > 0, JournalConfiguration.RETENTION_CHECK_INTERVAL_NS_PROP_NAME,
                "must be positive, got " + retentionCheckIntervalNs);
            require(minFreeSpaceLength >= 0, JournalConfiguration.MIN_FREE_SPACE_LENGTH_PROP_NAME,
                "must not be negative, got " + minFreeSpaceLength);
            nanoClock = nanoClock != null ? nanoClock : SystemNanoClock.INSTANCE;
            epochClock = epochClock != null ? epochClock : SystemEpochClock.INSTANCE;
            concluded = true;
            return this;
        }

        static void requireSegmentLength(final int segmentLength)
        {
            require(Integer.bitCount(segmentLength) == 1 && segmentLength >= RecordDescriptor.MIN_SEGMENT_LENGTH &&
                segmentLength <= RecordDescriptor.MAX_SEGMENT_LENGTH, JournalConfiguration.SEGMENT_LENGTH_PROP_NAME,
                "must be a power of two from " + RecordDescriptor.MIN_SEGMENT_LENGTH + " to " +
                RecordDescriptor.MAX_SEGMENT_LENGTH + ", got " + segmentLength);
        }

        static void requireFilePrefix(final String filePrefix)
        {
            require(filePrefix != null && filePrefix.matches("[A-Za-z0-9._-]{1,100}"),
                JournalConfiguration.FILE_PREFIX_PROP_NAME,
                "must be 1 to 100 of the characters A-Z a-z 0-9 . _ -, got '" + filePrefix + "'");
        }

        static void require(final boolean condition, final String property, final String message)
        {
            if (!condition)
            {
                throw new IllegalArgumentException(property + ": " + message);
            }
        }

        /**
         * @param directory holding the segment files; created if missing.
         * @return this.
         */
        public Context directory(final Path directory)
        {
            this.directory = directory;
            return this;
        }

        /**
         * @return directory holding the segment files.
         */
        public Path directory()
        {
            return directory;
        }

        /**
         * @param filePrefix start of every segment file name: {@code <prefix>-<20-digit position>.seg}.
         * @return this.
         */
        public Context filePrefix(final String filePrefix)
        {
            this.filePrefix = filePrefix;
            return this;
        }

        /**
         * @return start of every segment file name.
         */
        public String filePrefix()
        {
            return filePrefix;
        }

        /**
         * @param segmentLength length of each segment file, a power of two from 4 KB to 1 GB; an existing journal
         *                      must be opened with the length it was written with.
         * @return this.
         */
        public Context segmentLength(final int segmentLength)
        {
            this.segmentLength = segmentLength;
            return this;
        }

        /**
         * @return length of each segment file.
         */
        public int segmentLength()
        {
            return segmentLength;
        }

        /**
         * @param syncPolicy when records are forced to the device, see {@link SyncPolicy}.
         * @return this.
         */
        public Context syncPolicy(final SyncPolicy syncPolicy)
        {
            this.syncPolicy = syncPolicy;
            return this;
        }

        /**
         * @return when records are forced to the device.
         */
        public SyncPolicy syncPolicy()
        {
            return syncPolicy;
        }

        /**
         * @param syncIntervalNs interval between forces for {@link SyncPolicy#PERIODIC}.
         * @return this.
         */
        public Context syncIntervalNs(final long syncIntervalNs)
        {
            this.syncIntervalNs = syncIntervalNs;
            return this;
        }

        /**
         * @return interval between forces for {@link SyncPolicy#PERIODIC}.
         */
        public long syncIntervalNs()
        {
            return syncIntervalNs;
        }

        /**
         * @param indexIntervalLength bytes between two sparse index entries.
         * @return this.
         */
        public Context indexIntervalLength(final int indexIntervalLength)
        {
            this.indexIntervalLength = indexIntervalLength;
            return this;
        }

        /**
         * @return bytes between two sparse index entries.
         */
        public int indexIntervalLength()
        {
            return indexIntervalLength;
        }

        /**
         * @param retentionMaxAgeNs delete closed segments not modified for longer than this; 0 keeps them.
         * @return this.
         */
        public Context retentionMaxAgeNs(final long retentionMaxAgeNs)
        {
            this.retentionMaxAgeNs = retentionMaxAgeNs;
            return this;
        }

        /**
         * @return age after which closed segments are deleted, 0 for never.
         */
        public long retentionMaxAgeNs()
        {
            return retentionMaxAgeNs;
        }

        /**
         * @param retentionMaxTotalLength delete the oldest closed segments while all segments are longer than this;
         *                                0 keeps them.
         * @return this.
         */
        public Context retentionMaxTotalLength(final long retentionMaxTotalLength)
        {
            this.retentionMaxTotalLength = retentionMaxTotalLength;
            return this;
        }

        /**
         * @return total length above which the oldest closed segments are deleted, 0 for no limit.
         */
        public long retentionMaxTotalLength()
        {
            return retentionMaxTotalLength;
        }

        /**
         * @param retentionCheckIntervalNs how often {@link JournalAppender#doWork()} applies retention.
         * @return this.
         */
        public Context retentionCheckIntervalNs(final long retentionCheckIntervalNs)
        {
            this.retentionCheckIntervalNs = retentionCheckIntervalNs;
            return this;
        }

        /**
         * @return how often the duty cycle applies retention.
         */
        public long retentionCheckIntervalNs()
        {
            return retentionCheckIntervalNs;
        }

        /**
         * @param preallocateSegments write zeros into each new segment file before mapping it, so that a full disk
         *                            is an error when the segment is created, never later.
         * @return this.
         */
        public Context preallocateSegments(final boolean preallocateSegments)
        {
            this.preallocateSegments = preallocateSegments;
            return this;
        }

        /**
         * @return whether new segment files are filled with zeros before they are mapped.
         */
        public boolean preallocateSegments()
        {
            return preallocateSegments;
        }

        /**
         * @param minFreeSpaceLength bytes that must stay free on the file store besides a new segment.
         * @return this.
         */
        public Context minFreeSpaceLength(final long minFreeSpaceLength)
        {
            this.minFreeSpaceLength = minFreeSpaceLength;
            return this;
        }

        /**
         * @return bytes that must stay free on the file store besides a new segment.
         */
        public long minFreeSpaceLength()
        {
            return minFreeSpaceLength;
        }

        /**
         * @param repair open even when valid records follow a damaged one, truncating at the damage (the records
         *               after it are lost and reported in {@link RecoveryReport}).
         * @return this.
         */
        public Context repair(final boolean repair)
        {
            this.repair = repair;
            return this;
        }

        /**
         * @return whether a journal damaged in the middle is truncated at the damage instead of refused.
         */
        public boolean repair()
        {
            return repair;
        }

        /**
         * @param nanoClock for the {@link SyncPolicy#PERIODIC} interval and the retention checks.
         * @return this.
         */
        public Context nanoClock(final NanoClock nanoClock)
        {
            this.nanoClock = nanoClock;
            return this;
        }

        /**
         * @return clock for the sync interval and retention checks.
         */
        public NanoClock nanoClock()
        {
            return nanoClock;
        }

        /**
         * @param epochClock wall clock in milliseconds, compared with segment file times for age retention.
         * @return this.
         */
        public Context epochClock(final EpochClock epochClock)
        {
            this.epochClock = epochClock;
            return this;
        }

        /**
         * @return wall clock for age retention.
         */
        public EpochClock epochClock()
        {
            return epochClock;
        }
    }
}
