package io.pushline.journal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Listing of the segment files of a journal directory.
 */
final class SegmentFiles
{
    private SegmentFiles()
    {
    }

    /**
     * @return start positions of the segment files with this prefix, ascending; empty if the directory is missing.
     */
    static long[] list(final Path directory, final String prefix)
    {
        if (!Files.isDirectory(directory))
        {
            return new long[0];
        }
        long[] starts = new long[16];
        int count = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, prefix + "-*"))
        {
            for (final Path path : stream)
            {
                final long start = RecordDescriptor.parseStartPosition(prefix, path.getFileName().toString());
                if (start >= 0)
                {
                    if (count == starts.length)
                    {
                        starts = Arrays.copyOf(starts, count * 2);
                    }
                    starts[count++] = start;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot list journal directory " + directory + ": " + ex, ex);
        }
        final long[] result = Arrays.copyOf(starts, count);
        Arrays.sort(result);
        return result;
    }

    /**
     * Delete leftover temporary segment files (a crash while a segment was being created).
     *
     * @return how many were deleted.
     */
    static int deleteTemporaryFiles(final Path directory, final String prefix)
    {
        int deleted = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(
            directory, prefix + "-*" + RecordDescriptor.SEGMENT_SUFFIX + RecordDescriptor.TEMPORARY_SUFFIX))
        {
            for (final Path path : stream)
            {
                if (Files.isRegularFile(path))
                {
                    Files.delete(path);
                    deleted++;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot delete temporary segment files in " + directory + ": " + ex, ex);
        }
        return deleted;
    }

    static Path path(final Path directory, final String prefix, final long startPosition)
    {
        return directory.resolve(RecordDescriptor.segmentFileName(prefix, startPosition));
    }

    static long size(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot read the length of segment file " + file + ": " + ex, ex);
        }
    }

    static void delete(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot delete segment file " + file + ": " + ex, ex);
        }
    }
}
