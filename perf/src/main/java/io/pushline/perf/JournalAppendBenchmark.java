package io.pushline.perf;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.pushline.journal.Journal;
import io.pushline.journal.JournalAppender;
import io.pushline.journal.RecordDescriptor;
import io.pushline.journal.SyncPolicy;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Journal append with sync policy NONE ({@link JournalAppender#append}: header, payload copy, CRC32C, release store
 * of the length) of records of {@code recordLength} bytes on disk (the 32-byte header included), next to its limit: a
 * plain sequential write of the same number of bytes into a {@link MappedByteBuffer}. Both write into fresh 64 MB
 * files in {@code java.io.tmpdir}, map the next file when one is full, and keep the newest four (the journal through
 * its retention), so both pay the same page faults and file creation. Throughput is records per second
 * (MB/s = records/s x record length); the {@code *Latency} methods sample the time of single appends.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
@State(Scope.Thread)
public class JournalAppendBenchmark
{
    private static final int SEGMENT_LENGTH = 64 * 1024 * 1024;
    private static final int FILES_KEPT = 4;

    /** Bytes per record on disk, header included (payload = this - 32). */
    @Param({ "64", "256" })
    int recordLength;

    private int payloadLength;

    private Path directory;
    private Journal journal;
    private JournalAppender appender;
    private UnsafeBuffer payload;
    private ByteBuffer payloadBytes;
    private long sequence;

    private MappedByteBuffer mapped;
    private int mappedOffset;
    private long mappedFiles;

    /**
     * Open the journal and map the first baseline file.
     *
     * @throws IOException if the temporary directory cannot be made.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        payloadLength = recordLength - RecordDescriptor.HEADER_LENGTH;
        if (RecordDescriptor.alignedLength(payloadLength) != recordLength)
        {
            throw new IllegalArgumentException("recordLength must be a multiple of " + RecordDescriptor.ALIGNMENT);
        }
        directory = Files.createTempDirectory("journal-bench");
        journal = Journal.open(new Journal.Context()
            .directory(directory.resolve("journal"))
            .segmentLength(SEGMENT_LENGTH)
            .syncPolicy(SyncPolicy.NONE)
            .retentionMaxTotalLength((long)FILES_KEPT * SEGMENT_LENGTH));
        appender = journal.appender();
        payloadBytes = ByteBuffer.allocateDirect(recordLength);
        for (int i = 0; i < recordLength; i++)
        {
            payloadBytes.put(i, (byte)(i * 31 + 7));
        }
        payload = new UnsafeBuffer(payloadBytes);
        Files.createDirectories(directory.resolve("mapped"));
        mapNextFile();
    }

    /**
     * Close and delete everything.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        journal.close();
        IoUtil.unmap(mapped);
        IoUtil.delete(directory.toFile(), true);
    }

    /**
     * One record appended to the journal.
     *
     * @return its position.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long journalAppend()
    {
        return append();
    }

    /**
     * The same number of bytes written sequentially into a mapped file: the limit.
     *
     * @return the write offset.
     * @throws IOException if the next file cannot be mapped.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int mappedBufferWrite() throws IOException
    {
        return write();
    }

    /**
     * Latency of one journal append.
     *
     * @return its position.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long journalAppendLatency()
    {
        return append();
    }

    /**
     * Latency of one plain write of the same bytes into a mapped file.
     *
     * @return the write offset.
     * @throws IOException if the next file cannot be mapped.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int mappedBufferWriteLatency() throws IOException
    {
        return write();
    }

    private long append()
    {
        final long next = ++sequence;
        return appender.append(payload, 0, payloadLength, 1, next, next);
    }

    private int write() throws IOException
    {
        if (mappedOffset + recordLength > SEGMENT_LENGTH)
        {
            mapNextFile();
        }
        mapped.put(mappedOffset, payloadBytes, 0, recordLength);
        mappedOffset += recordLength;
        return mappedOffset;
    }

    private void mapNextFile() throws IOException
    {
        if (mapped != null)
        {
            IoUtil.unmap(mapped);
        }
        if (mappedFiles >= FILES_KEPT)
        {
            Files.deleteIfExists(mappedFile(mappedFiles - FILES_KEPT));
        }
        try (RandomAccessFile file = new RandomAccessFile(mappedFile(mappedFiles++).toFile(), "rw"))
        {
            file.setLength(SEGMENT_LENGTH);
            mapped = file.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, SEGMENT_LENGTH);
        }
        mappedOffset = 0;
    }

    private Path mappedFile(final long index)
    {
        return directory.resolve("mapped").resolve(index + ".dat");
    }
}
