package io.pushline.journal;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz test of the record reader and of recovery: arbitrary bytes written as segment files (4 KB each, the last one
 * possibly short) may only ever give records with a valid CRC and increasing sequences, or a
 * {@link JournalCorruptException}; never any other exception. Recovery must then agree with the reader, a repair must
 * always open, the appender must resume, and a second open must be clean.
 * <p>
 * In a plain {@code mvn test} Jazzer runs {@link #fuzzSegment(byte[])} only on the empty input and on the regression
 * inputs in {@code src/test/resources/io/pushline/journal/JournalFuzzTestInputs/fuzzSegment/}. To fuzz for real:
 * <pre>
 *   cd /work/main &amp;&amp; JAZZER_FUZZ=1 flock /tmp/pushline-mvn.lock \
 *       mvn -B -o -pl journal test -Dtest=JournalFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Djazzer.max_duration=60s
 * </pre>
 */
class JournalFuzzTest
{
    private static final String INPUTS = "JournalFuzzTestInputs/fuzzSegment";
    private static final int SEGMENT = RecordDescriptor.MIN_SEGMENT_LENGTH;
    private static final int MAX_SEGMENTS = 3;
    private static Path root;
    private static int runs;

    @FuzzTest
    void fuzzSegment(final byte[] data) throws IOException
    {
        final Path dir = freshDirectory();
        final boolean allFull = writeSegments(dir, data);
        final long[] raw = readRaw(dir);

        Journal journal;
        try
        {
            journal = Journal.open(context(dir, false));
        }
        catch (final JournalCorruptException ex)
        {
            assertTrue(ex.getMessage().contains(ex.file().toString()), ex.getMessage());
            assertTrue(ex.report() != null && ex.report().bytesCut() >= 0);
            journal = Journal.open(context(dir, true));
            final RecoveryReport report = journal.recoveryReport();
            assertTrue(report.repaired() || report.reason() == RecoveryReport.Reason.SHORT_FILE, report::toString);
        }

        final long[] recovered;
        try (Journal opened = journal)
        {
            recovered = JournalTests.sequences(JournalTests.readAll(opened));
            assertEquals(opened.recoveryReport().recordsRecovered(), recovered.length);
            assertIncreasing(recovered);
            if (allFull)
            {
                assertArrayEquals(raw, recovered, "the reader and recovery stop at the same record");
            }
            else
            {
                assertArrayEquals(raw, Arrays.copyOf(recovered, Math.min(raw.length, recovered.length)));
            }
            final long next = recovered.length == 0 ? 1 : recovered[recovered.length - 1] + 1;
            if (next != Long.MIN_VALUE)
            {
                opened.appender().append(new UnsafeBuffer(new byte[]{ 1, 2, 3 }), 0, 3, 9, next, 0);
            }
        }

        try (Journal reopened = Journal.open(context(dir, false)))
        {
            assertTrue(reopened.recoveryReport().isClean(), reopened.recoveryReport()::toString);
            final long[] again = JournalTests.sequences(JournalTests.readAll(reopened));
            assertArrayEquals(recovered, Arrays.copyOf(again, recovered.length));
        }
        IoUtil.delete(dir.toFile(), false);
    }

    @Test
    void shouldTreatEverySeedAsNamedWhenRegressionInputsAreChecked() throws IOException, URISyntaxException
    {
        final URL url = JournalFuzzTest.class.getResource(INPUTS);
        assertTrue(null != url, "regression inputs missing: " + INPUTS);
        final List<Path> seeds;
        try (Stream<Path> files = Files.list(Paths.get(url.toURI())))
        {
            seeds = files.sorted().collect(Collectors.toList());
        }
        assertFalse(seeds.isEmpty());
        for (final Path seed : seeds)
        {
            final byte[] bytes = Files.readAllBytes(seed);
            final String name = seed.getFileName().toString();
            final Path dir = freshDirectory();
            writeSegments(dir, bytes);
            if (name.startsWith("valid-"))
            {
                try (Journal journal = Journal.open(context(dir, false)))
                {
                    assertTrue(journal.recoveryReport().isClean(), name + ": " + journal.recoveryReport());
                    assertTrue(journal.recoveryReport().recordsRecovered() > 0, name);
                }
            }
            else if (name.startsWith("middle-"))
            {
                try
                {
                    Journal.open(context(dir, false)).close();
                    throw new AssertionError(name + " opened without repair");
                }
                catch (final JournalCorruptException expected)
                {
                    assertTrue(expected.report().middleCorruption(), name);
                }
            }
            IoUtil.delete(dir.toFile(), false);
            fuzzSegment(bytes);
        }
    }

    @AfterAll
    static void deleteRoot()
    {
        if (root != null)
        {
            IoUtil.delete(root.toFile(), true);
        }
    }

    private static Journal.Context context(final Path dir, final boolean repair)
    {
        return new Journal.Context()
            .directory(dir)
            .segmentLength(SEGMENT)
            .syncPolicy(SyncPolicy.NONE)
            .indexIntervalLength(256)
            .repair(repair);
    }

    private static Path freshDirectory() throws IOException
    {
        if (root == null)
        {
            root = Files.createTempDirectory("journal-fuzz");
        }
        return Files.createDirectories(root.resolve("run-" + runs++));
    }

    /**
     * @return true when every segment file has the full segment length.
     */
    private static boolean writeSegments(final Path dir, final byte[] data) throws IOException
    {
        final int length = Math.min(data.length, MAX_SEGMENTS * SEGMENT);
        boolean allFull = true;
        for (int start = 0; start < length || start == 0 && length == 0; start += SEGMENT)
        {
            final int end = Math.min(length, start + SEGMENT);
            allFull &= end - start == SEGMENT;
            Files.write(JournalTests.segmentFile(dir, start), Arrays.copyOfRange(data, start, end));
            if (length == 0)
            {
                break;
            }
        }
        return allFull;
    }

    /**
     * What a reader that does not recover sees: complete records until it waits or reports damage.
     */
    private static long[] readRaw(final Path dir)
    {
        final List<Long> sequences = new ArrayList<>();
        final JournalReader.Context ctx = new JournalReader.Context().directory(dir).segmentLength(SEGMENT);
        try (JournalReader reader = JournalReader.open(ctx))
        {
            final JournalHandler handler = (buffer, offset, length, type, sequence, timestampNs) ->
            {
                assertTrue(length >= 0 && offset + length <= buffer.capacity());
                sequences.add(sequence);
            };
            while (reader.poll(handler, 64) > 0)
            {
                assertTrue(sequences.size() <= MAX_SEGMENTS * SEGMENT / RecordDescriptor.HEADER_LENGTH);
            }
        }
        catch (final JournalCorruptException ex)
        {
            assertTrue(ex.getMessage().contains(ex.file().toString()), ex.getMessage());
        }
        final long[] result = sequences.stream().mapToLong(Long::longValue).toArray();
        assertIncreasing(result);
        return result;
    }

    private static void assertIncreasing(final long[] sequences)
    {
        for (int i = 1; i < sequences.length; i++)
        {
            assertTrue(sequences[i] > sequences[i - 1], "sequence " + sequences[i] + " after " + sequences[i - 1]);
        }
    }
}
