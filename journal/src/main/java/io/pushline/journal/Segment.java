package io.pushline.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One mapped segment file. A new segment is created under a temporary name, sized, mapped and then renamed, so a
 * segment file that exists under its final name always has its full length.
 */
final class Segment implements AutoCloseable
{
    private static final int ZERO_CHUNK_LENGTH = 1 << 20;

    final Path file;
    final long startPosition;
    final int length;
    final UnsafeBuffer buffer;
    /** View of the mapping for {@code CRC32C.update(ByteBuffer)}; its position and limit are scratch state. */
    final ByteBuffer checksumView;
    private final MappedByteBuffer mapped;

    private Segment(final Path file, final long startPosition, final int length, final MappedByteBuffer mapped)
    {
        this.file = file;
        this.startPosition = startPosition;
        this.length = length;
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
        this.checksumView = mapped.duplicate();
    }

    /**
     * Map an existing segment file of at least {@code length} bytes.
     */
    static Segment map(final Path file, final long startPosition, final int length, final boolean writable)
    {
        try (FileChannel channel = writable ?
            FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE) :
            FileChannel.open(file, StandardOpenOption.READ))
        {
            if (channel.size() < length)
            {
                throw new JournalException("segment file " + file + " has " + channel.size() + " bytes, less than " +
                    "the segment length " + length);
            }
            final MappedByteBuffer mapped = channel.map(
                writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY, 0, length);
            return new Segment(file, startPosition, length, mapped);
        }
        catch (final IOException | UncheckedIOException ex)
        {
            throw new JournalException("failed to map segment file " + file + ": " + ex, ex);
        }
    }

    /**
     * Create, size and map a new segment file; on failure nothing is left behind.
     *
     * @param syncToDisk force the new file's size and directory entry to disk before returning.
     */
    static Segment create(
        final Path directory,
        final String prefix,
        final long startPosition,
        final int length,
        final boolean preallocate,
        final boolean syncToDisk,
        final long minFreeSpaceLength)
    {
        final Path file = directory.resolve(RecordDescriptor.segmentFileName(prefix, startPosition));
        final Path temporary = directory.resolve(file.getFileName() + RecordDescriptor.TEMPORARY_SUFFIX);
        if (Files.exists(file))
        {
            throw new JournalException("segment file " + file + " already exists beyond the end of the journal");
        }
        checkFreeSpace(directory, file, length, minFreeSpaceLength);
        deleteQuietly(temporary); // a leftover: not truncated, which would make ext4 flush the file on close
        try (RandomAccessFile newFile = new RandomAccessFile(temporary.toFile(), "rw");
            FileChannel channel = newFile.getChannel())
        {
            if (preallocate)
            {
                writeZeros(channel, length);
            }
            else
            {
                newFile.setLength(length); // sparse: blocks are allocated as pages are first written
            }
            if (syncToDisk)
            {
                channel.force(true);
            }
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            if (syncToDisk)
            {
                syncDirectory(directory);
            }
            return new Segment(file, startPosition, length, mapped);
        }
        catch (final IOException | UncheckedIOException ex)
        {
            deleteQuietly(temporary);
            throw new JournalException("failed to create segment file " + file + ": " + ex, ex);
        }
    }

    /**
     * Force a range of the mapping to the storage device.
     */
    void force(final int offset, final int forceLength)
    {
        if (forceLength <= 0)
        {
            return;
        }
        try
        {
            mapped.force(offset, forceLength);
        }
        catch (final UncheckedIOException ex)
        {
            throw new JournalException("failed to force segment file " + file + " [" + offset + ", " +
                (offset + forceLength) + "): " + ex, ex);
        }
    }

    /**
     * @return index of the last non-zero byte at or after {@code from}, or -1 if they are all zero.
     */
    int lastNonZeroByte(final int from)
    {
        for (int i = length - Long.BYTES; i >= from - Long.BYTES + 1 && i >= 0; i -= Long.BYTES)
        {
            if (buffer.getLong(i) != 0)
            {
                for (int j = i + Long.BYTES - 1; j >= Math.max(i, from); j--)
                {
                    if (buffer.getByte(j) != 0)
                    {
                        return j;
                    }
                }
            }
        }
        return -1;
    }

    public void close()
    {
        IoUtil.unmap(mapped);
    }

    public String toString()
    {
        return file.toString();
    }

    static void syncDirectory(final Path directory) throws IOException
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
    }

    static void deleteQuietly(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ignore)
        {
            // best effort: the caller reports the original failure
        }
    }

    private static void checkFreeSpace(
        final Path directory, final Path file, final int length, final long minFreeSpaceLength)
    {
        final long usable;
        try
        {
            usable = Files.getFileStore(directory).getUsableSpace();
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot read free space for segment file " + file + ": " + ex, ex);
        }
        final long needed = length + minFreeSpaceLength;
        if (usable < needed)
        {
            throw new JournalException("disk full: not creating segment file " + file + ": needs " + needed +
                " bytes (segment " + length + " + reserve " + minFreeSpaceLength + "), " + usable + " usable");
        }
    }

    private static void writeZeros(final FileChannel channel, final int length) throws IOException
    {
        final ByteBuffer zeros = ByteBuffer.allocateDirect(Math.min(ZERO_CHUNK_LENGTH, length));
        try
        {
            long position = 0;
            while (position < length)
            {
                zeros.clear().limit((int)Math.min(zeros.capacity(), length - position));
                position += channel.write(zeros, position);
            }
        }
        finally
        {
            IoUtil.unmap(zeros);
        }
    }
}
