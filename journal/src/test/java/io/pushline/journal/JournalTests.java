package io.pushline.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Helpers shared by the journal tests: deterministic payloads, a collecting handler, and file surgery.
 */
final class JournalTests
{
    static final int SMALL_SEGMENT = RecordDescriptor.MIN_SEGMENT_LENGTH;

    private JournalTests()
    {
    }

    /**
     * One record as read back.
     */
    record Rec(int type, long sequence, long timestampNs, byte[] payload)
    {
    }

    /**
     * Collects every record it is handed.
     */
    static final class Collector implements JournalHandler
    {
        final List<Rec> records = new ArrayList<>();

        public void onRecord(
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final int type,
            final long sequence,
            final long timestampNs)
        {
            final byte[] payload = new byte[length];
            buffer.getBytes(offset, payload);
            records.add(new Rec(type, sequence, timestampNs, payload));
        }

        int size()
        {
            return records.size();
        }
    }

    static Journal.Context context(final Path dir)
    {
        return new Journal.Context()
            .directory(dir)
            .segmentLength(SMALL_SEGMENT)
            .syncPolicy(SyncPolicy.NONE)
            .indexIntervalLength(1024);
    }

    /**
     * Payload of a record: never a zero byte, so any cut or zeroing changes it. Length depends on the sequence
     * unless {@code fixedLength} is not negative.
     */
    static byte[] payload(final long sequence, final int fixedLength)
    {
        final int length = fixedLength >= 0 ? fixedLength : (int)((sequence * 37) % 301);
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(1 + ((sequence * 31 + i * 7) & 0x7F));
        }
        return bytes;
    }

    static int type(final long sequence)
    {
        return (int)(sequence % 7) - 3;
    }

    static long timestamp(final long sequence)
    {
        return 1_700_000_000_000_000_000L + sequence * 1_000;
    }

    /**
     * Append records with sequences {@code from..to} inclusive.
     */
    static void appendRange(final JournalAppender appender, final long from, final long to, final int fixedLength)
    {
        for (long sequence = from; sequence <= to; sequence++)
        {
            final byte[] payload = payload(sequence, fixedLength);
            appender.append(new UnsafeBuffer(payload), 0, payload.length, type(sequence), sequence,
                timestamp(sequence));
        }
    }

    static void assertRecord(final Rec rec, final long sequence, final int fixedLength)
    {
        assertEquals(sequence, rec.sequence());
        assertEquals(type(sequence), rec.type(), "type of " + sequence);
        assertEquals(timestamp(sequence), rec.timestampNs(), "timestamp of " + sequence);
        assertArrayEquals(payload(sequence, fixedLength), rec.payload(), "payload of " + sequence);
    }

    /**
     * Every record readable through a reader, until it has nothing more.
     */
    static List<Rec> readAll(final JournalReader reader)
    {
        final Collector collector = new Collector();
        while (reader.poll(collector, 1000) > 0)
        {
            // keep polling
        }
        return collector.records;
    }

    static List<Rec> readAll(final Journal journal)
    {
        try (JournalReader reader = journal.newReader())
        {
            return readAll(reader);
        }
    }

    static List<Rec> readAllStandalone(final Path dir)
    {
        try (JournalReader reader = JournalReader.open(new JournalReader.Context().directory(dir)))
        {
            return readAll(reader);
        }
    }

    static Path segmentFile(final Path dir, final long start)
    {
        return dir.resolve(RecordDescriptor.segmentFileName(JournalConfiguration.FILE_PREFIX_DEFAULT, start));
    }

    static List<Path> segmentFiles(final Path dir) throws IOException
    {
        try (var stream = Files.list(dir))
        {
            return stream.filter(p -> p.getFileName().toString().endsWith(RecordDescriptor.SEGMENT_SUFFIX))
                .sorted().toList();
        }
    }

    static void flipBit(final Path file, final long offset, final int bit) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offset);
            final int value = raf.read();
            raf.seek(offset);
            raf.write(value ^ (1 << bit));
        }
    }

    static void zero(final Path file, final long from, final int length) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(from);
            raf.write(new byte[length]);
        }
    }

    static void truncate(final Path file, final long length) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(length);
        }
    }

    static byte[] bytes(final Path file) throws IOException
    {
        return Files.readAllBytes(file);
    }

    static void restore(final Path file, final byte[] content) throws IOException
    {
        Files.write(file, content);
    }

    static long[] sequences(final List<Rec> records)
    {
        return records.stream().mapToLong(Rec::sequence).toArray();
    }

    static long[] range(final long from, final long to)
    {
        final long[] values = new long[(int)(to - from + 1)];
        Arrays.setAll(values, i -> from + i);
        return values;
    }
}
