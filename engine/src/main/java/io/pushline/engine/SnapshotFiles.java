package io.pushline.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import io.pushline.protocol.MessageGuard;
import io.pushline.sbe.AdminAction;
import io.pushline.sbe.AdminCommandDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.SnapshotBeginDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Snapshot files: {@code snapshot-<20-digit sequence>.sbe}, the snapshot messages followed by a CRC32C of them (4
 * bytes) and the length (4 bytes). Written to a temporary file, forced, then renamed, so a crash leaves either the
 * whole snapshot or none. The newest few are kept.
 */
public final class SnapshotFiles
{
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".sbe";
    private static final int KEEP = 3;

    private SnapshotFiles()
    {
    }

    static Path write(final Path directory, final long sequence, final Engine engine)
    {
        final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(1 << 16);
        final int[] length = { 0 };
        engine.takeSnapshot((buffer, offset, messageLength) ->
        {
            bytes.putBytes(length[0], buffer, offset, messageLength);
            length[0] += messageLength;
        });
        final CRC32C crc = new CRC32C();
        crc.update(bytes.byteArray(), 0, length[0]);
        bytes.putInt(length[0], (int)crc.getValue(), ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(length[0] + 4, length[0], ByteOrder.LITTLE_ENDIAN);
        final Path target = directory.resolve(String.format("%s%020d%s", PREFIX, sequence, SUFFIX));
        final Path temporary = directory.resolve(target.getFileName() + ".tmp");
        try
        {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(temporary,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
            {
                final ByteBuffer out = ByteBuffer.wrap(bytes.byteArray(), 0, length[0] + 8);
                while (out.hasRemaining())
                {
                    channel.write(out);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            deleteOld(directory);
            return target;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write snapshot " + target, ex);
        }
    }

    /**
     * @param directory snapshot directory; may be null or missing.
     * @return the snapshot files, newest first.
     */
    public static List<Path> newestFirst(final Path directory)
    {
        final List<Path> files = new ArrayList<>();
        if (directory == null || !Files.isDirectory(directory))
        {
            return files;
        }
        try (Stream<Path> list = Files.list(directory))
        {
            list.filter(p -> p.getFileName().toString().startsWith(PREFIX) &&
                p.getFileName().toString().endsWith(SUFFIX)).forEach(files::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list snapshots in " + directory, ex);
        }
        files.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        return files;
    }

    /**
     * @param file snapshot file.
     * @return the snapshot messages of a file, or null if its checksum or length does not hold.
     */
    public static UnsafeBuffer read(final Path file)
    {
        try
        {
            final byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < 8)
            {
                return null;
            }
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            final int length = buffer.getInt(bytes.length - 4, ByteOrder.LITTLE_ENDIAN);
            if (length != bytes.length - 8)
            {
                return null;
            }
            final CRC32C crc = new CRC32C();
            crc.update(bytes, 0, length);
            if ((int)crc.getValue() != buffer.getInt(length, ByteOrder.LITTLE_ENDIAN))
            {
                return null;
            }
            return new UnsafeBuffer(bytes, 0, length);
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /**
     * @param snapshot messages of a snapshot.
     * @return the sequence of the last command it includes, or Long.MAX_VALUE if it does not start with SnapshotBegin.
     */
    public static long sequenceOf(final DirectBuffer snapshot)
    {
        if (MessageGuard.check(snapshot, 0, snapshot.capacity()) != SnapshotBeginDecoder.TEMPLATE_ID)
        {
            return Long.MAX_VALUE;
        }
        return new SnapshotBeginDecoder().wrapAndApplyHeader(snapshot, 0, new MessageHeaderDecoder()).sequence();
    }

    /**
     * @return true if the message is an admin SNAPSHOT command.
     */
    static boolean isSnapshotCommand(final DirectBuffer buffer, final int offset, final int length)
    {
        return MessageGuard.check(buffer, offset, length) == AdminCommandDecoder.TEMPLATE_ID &&
            buffer.getByte(offset + MessageHeaderDecoder.ENCODED_LENGTH + AdminCommandDecoder.actionEncodingOffset()) ==
            (byte)AdminAction.SNAPSHOT.value();
    }

    private static void deleteOld(final Path directory) throws IOException
    {
        final List<Path> files = newestFirst(directory);
        for (int i = KEEP; i < files.size(); i++)
        {
            Files.deleteIfExists(files.get(i));
        }
    }
}
