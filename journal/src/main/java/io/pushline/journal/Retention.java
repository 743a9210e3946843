package io.pushline.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.EpochClock;

/**
 * Deletes whole old segments by total length and by age, never the active segment nor any after it, and never the
 * newest segment file (so the journal always knows its last sequence).
 * The age of a segment is the time since its file was last modified, i.e. about when it was last written.
 */
final class Retention
{
    private final Path directory;
    private final String prefix;
    private final int segmentLength;
    private final long maxAgeMs;
    private final long maxTotalLength;
    private final EpochClock epochClock;
    private final SparseIndex index;

    Retention(
        final Path directory,
        final String prefix,
        final int segmentLength,
        final long maxAgeNs,
        final long maxTotalLength,
        final EpochClock epochClock,
        final SparseIndex index)
    {
        this.directory = directory;
        this.prefix = prefix;
        this.segmentLength = segmentLength;
        this.maxAgeMs = TimeUnit.NANOSECONDS.toMillis(maxAgeNs);
        this.maxTotalLength = maxTotalLength;
        this.epochClock = epochClock;
        this.index = index;
    }

    boolean enabled()
    {
        return maxAgeMs > 0 || maxTotalLength > 0;
    }

    /**
     * Delete what the rules allow.
     *
     * @param activeSegmentStart start position of the segment the appender writes (kept, as is all after it).
     * @return segments deleted.
     */
    int apply(final long activeSegmentStart)
    {
        if (!enabled())
        {
            return 0;
        }
        final long[] starts = SegmentFiles.list(directory, prefix);
        long total = (long)starts.length * segmentLength;
        final long now = epochClock.time();
        int deleted = 0;
        for (int i = 0; i < starts.length - 1; i++) // the newest file is always kept, active or not
        {
            final long start = starts[i];
            if (start >= activeSegmentStart)
            {
                break;
            }
            final Path file = SegmentFiles.path(directory, prefix, start);
            final boolean tooLong = maxTotalLength > 0 && total > maxTotalLength;
            if (!tooLong && !(maxAgeMs > 0 && now - lastModifiedMs(file) > maxAgeMs))
            {
                break;
            }
            index.removeBefore(start + segmentLength);
            SegmentFiles.delete(file);
            total -= segmentLength;
            deleted++;
        }
        return deleted;
    }

    private static long lastModifiedMs(final Path file)
    {
        try
        {
            return Files.getLastModifiedTime(file).toMillis();
        }
        catch (final NoSuchFileException ex)
        {
            return Long.MIN_VALUE / 2;
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot read the modification time of segment file " + file + ": " + ex, ex);
        }
    }
}
