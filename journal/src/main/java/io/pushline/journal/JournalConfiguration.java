package io.pushline.journal;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.agrona.SystemUtil;

/**
 * Property names and defaults of the journal, with units in the names, in the manner of Aeron's Configuration.
 * Each static method reads the system property of the same name (sizes accept {@code k}, {@code m}, {@code g}
 * suffixes, durations {@code ns}, {@code us}, {@code ms}, {@code s}) and falls back to the default;
 * {@link Journal.Context} starts from these values.
 */
public final class JournalConfiguration
{
    /** Prefix of every journal property. */
    public static final String PREFIX = "pushline.journal.";

    public static final String DIR_PROP_NAME = PREFIX + "dir";
    public static final String DIR_DEFAULT = "journal";

    public static final String FILE_PREFIX_PROP_NAME = PREFIX + "filePrefix";
    public static final String FILE_PREFIX_DEFAULT = "journal";

    /** Length of one segment file: a power of two from 4 KB to 1 GB. */
    public static final String SEGMENT_LENGTH_PROP_NAME = PREFIX + "segmentLength";
    public static final int SEGMENT_LENGTH_DEFAULT = 64 * 1024 * 1024;

    public static final String SYNC_POLICY_PROP_NAME = PREFIX + "syncPolicy";
    public static final SyncPolicy SYNC_POLICY_DEFAULT = SyncPolicy.PER_BATCH;

    /** Interval between forces with {@link SyncPolicy#PERIODIC}. */
    public static final String SYNC_INTERVAL_NS_PROP_NAME = PREFIX + "syncIntervalNs";
    public static final long SYNC_INTERVAL_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(10);

    /** Bytes between two entries of the sparse sequence index: a seek walks at most about this many bytes. */
    public static final String INDEX_INTERVAL_LENGTH_PROP_NAME = PREFIX + "indexIntervalLength";
    public static final int INDEX_INTERVAL_LENGTH_DEFAULT = 64 * 1024;

    /** Delete closed segments last modified longer ago than this; 0 keeps them. */
    public static final String RETENTION_MAX_AGE_NS_PROP_NAME = PREFIX + "retentionMaxAgeNs";
    public static final long RETENTION_MAX_AGE_NS_DEFAULT = 0;

    /** Delete the oldest closed segments while all segments together are longer than this; 0 keeps them. */
    public static final String RETENTION_MAX_TOTAL_LENGTH_PROP_NAME = PREFIX + "retentionMaxTotalLength";
    public static final long RETENTION_MAX_TOTAL_LENGTH_DEFAULT = 0;

    /** How often the appender's duty cycle applies retention (it is also applied on every segment roll). */
    public static final String RETENTION_CHECK_INTERVAL_NS_PROP_NAME = PREFIX + "retentionCheckIntervalNs";
    public static final long RETENTION_CHECK_INTERVAL_NS_DEFAULT = TimeUnit.SECONDS.toNanos(1);

    /** Write zeros into a new segment file so its blocks are allocated before it is mapped (no SIGBUS on ENOSPC). */
    public static final String PREALLOCATE_SEGMENTS_PROP_NAME = PREFIX + "preallocateSegments";
    public static final boolean PREALLOCATE_SEGMENTS_DEFAULT = false;

    /** Free space that must remain on the file store besides a new segment, or the segment is not created. */
    public static final String MIN_FREE_SPACE_LENGTH_PROP_NAME = PREFIX + "minFreeSpaceLength";
    public static final long MIN_FREE_SPACE_LENGTH_DEFAULT = 0;

    /** Open even when valid records follow a damaged one, truncating at the damage (the rest is lost). */
    public static final String REPAIR_PROP_NAME = PREFIX + "repair";
    public static final boolean REPAIR_DEFAULT = false;

    private JournalConfiguration()
    {
    }

    /**
     * @return {@link #DIR_PROP_NAME} or its default.
     */
    public static Path directory()
    {
        return Path.of(System.getProperty(DIR_PROP_NAME, DIR_DEFAULT));
    }

    /**
     * @return {@link #FILE_PREFIX_PROP_NAME} or its default.
     */
    public static String filePrefix()
    {
        return System.getProperty(FILE_PREFIX_PROP_NAME, FILE_PREFIX_DEFAULT);
    }

    /**
     * @return {@link #SEGMENT_LENGTH_PROP_NAME} or its default.
     */
    public static int segmentLength()
    {
        return SystemUtil.getSizeAsInt(SEGMENT_LENGTH_PROP_NAME, SEGMENT_LENGTH_DEFAULT);
    }

    /**
     * @return {@link #SYNC_POLICY_PROP_NAME} or its default.
     */
    public static SyncPolicy syncPolicy()
    {
        final String value = System.getProperty(SYNC_POLICY_PROP_NAME);
        if (value == null)
        {
            return SYNC_POLICY_DEFAULT;
        }
        try
        {
            return SyncPolicy.valueOf(value.trim());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(SYNC_POLICY_PROP_NAME + ": unknown sync policy '" + value + "'", ex);
        }
    }

    /**
     * @return {@link #SYNC_INTERVAL_NS_PROP_NAME} or its default.
     */
    public static long syncIntervalNs()
    {
        return SystemUtil.getDurationInNanos(SYNC_INTERVAL_NS_PROP_NAME, SYNC_INTERVAL_NS_DEFAULT);
    }

    /**
     * @return {@link #INDEX_INTERVAL_LENGTH_PROP_NAME} or its default.
     */
    public static int indexIntervalLength()
    {
        return SystemUtil.getSizeAsInt(INDEX_INTERVAL_LENGTH_PROP_NAME, INDEX_INTERVAL_LENGTH_DEFAULT);
    }

    /**
     * @return {@link #RETENTION_MAX_AGE_NS_PROP_NAME} or its default.
     */
    public static long retentionMaxAgeNs()
    {
        return SystemUtil.getDurationInNanos(RETENTION_MAX_AGE_NS_PROP_NAME, RETENTION_MAX_AGE_NS_DEFAULT);
    }

    /**
     * @return {@link #RETENTION_MAX_TOTAL_LENGTH_PROP_NAME} or its default.
     */
    public static long retentionMaxTotalLength()
    {
        return SystemUtil.getSizeAsLong(RETENTION_MAX_TOTAL_LENGTH_PROP_NAME, RETENTION_MAX_TOTAL_LENGTH_DEFAULT);
    }

    /**
     * @return {@link #RETENTION_CHECK_INTERVAL_NS_PROP_NAME} or its default.
     */
    public static long retentionCheckIntervalNs()
    {
        return SystemUtil.getDurationInNanos(
            RETENTION_CHECK_INTERVAL_NS_PROP_NAME, RETENTION_CHECK_INTERVAL_NS_DEFAULT);
    }

    /**
     * @return {@link #PREALLOCATE_SEGMENTS_PROP_NAME} or its default.
     */
    public static boolean preallocateSegments()
    {
        final String value = System.getProperty(PREALLOCATE_SEGMENTS_PROP_NAME);
        return value == null ? PREALLOCATE_SEGMENTS_DEFAULT : Boolean.parseBoolean(value.trim());
    }

    /**
     * @return {@link #MIN_FREE_SPACE_LENGTH_PROP_NAME} or its default.
     */
    public static long minFreeSpaceLength()
    {
        return SystemUtil.getSizeAsLong(MIN_FREE_SPACE_LENGTH_PROP_NAME, MIN_FREE_SPACE_LENGTH_DEFAULT);
    }

    /**
     * @return {@link #REPAIR_PROP_NAME} or its default.
     */
    public static boolean repair()
    {
        final String value = System.getProperty(REPAIR_PROP_NAME);
        return value == null ? REPAIR_DEFAULT : Boolean.parseBoolean(value.trim());
    }
}
