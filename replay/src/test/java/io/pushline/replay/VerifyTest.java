package io.pushline.replay;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.pushline.journal.JournalReader;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.ExecutionReportEncoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyTest
{
    private static final int COMMANDS = 20_000;

    @TempDir
    static Path temp;

    private static RecordedRun run;
    private static List<RecordedRun.Entry> outputs;

    @BeforeAll
    static void record()
    {
        run = RecordedRun.record(temp.resolve("journal"), RecordedRun.settings(COMMANDS, 11, 10_000, 5_000),
            s -> false);
        outputs = RecordedRun.read(run.directory, Journals.OUTPUT);
    }

    @Test
    void shouldSayIdenticalWhenJournalsAreUntouched()
    {
        final RecordedRun.Run verify = RecordedRun.replay("verify", run.directory.toString());
        assertEquals(0, verify.status(), verify.out() + verify.err());
        assertTrue(verify.out().startsWith("identical: " + COMMANDS + " records (" + COMMANDS + " commands re-run, " +
            outputs.size() + " reports compared)"), verify.out());
    }

    @Test
    void shouldNameFirstDivergentReportWhenARecordIsChangedButValid(@TempDir final Path dir)
    {
        final int index = firstExecutionReportFrom(outputs.size() / 2);
        final List<RecordedRun.Entry> altered = new ArrayList<>(outputs);
        final RecordedRun.Entry original = altered.get(index);
        final byte[] payload = original.payload().clone();
        final UnsafeBuffer buffer = new UnsafeBuffer(payload);
        final int leavesAt = MessageHeaderEncoder.ENCODED_LENGTH + ExecutionReportEncoder.leavesQtyEncodingOffset();
        buffer.putLong(leavesAt, buffer.getLong(leavesAt) + 1);
        altered.set(index,
            new RecordedRun.Entry(original.sequence(), original.timestampNs(), original.type(), payload));
        copyInputs(dir);
        RecordedRun.write(dir, Journals.OUTPUT, altered);

        final RecordedRun.Run verify = RecordedRun.replay("verify", dir.toString());
        assertEquals(1, verify.status(), verify.out() + verify.err());
        final long command = new ExecutionReportDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder())
            .sequence();
        assertTrue(verify.out().startsWith("DIVERGENCE at report " + original.sequence() + " (command " + command +
            "), after " + index + " identical reports"), verify.out());
        assertTrue(verify.out().lines().anyMatch(l -> l.startsWith("* leavesQty ")), verify.out());
        assertEquals(1, verify.out().lines().filter(l -> l.startsWith("*")).count(), "only leavesQty differs");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldStopWithoutWaitingForeverWhenTheQueueOfReportsFillsAfterADivergence(@TempDir final Path dir)
    {
        // diverge at the very first report, then keep the engine producing into a 4 KB queue nobody reads
        final int index = firstExecutionReportFrom(0);
        final List<RecordedRun.Entry> altered = new ArrayList<>(outputs);
        final RecordedRun.Entry original = altered.get(index);
        final byte[] payload = original.payload().clone();
        final UnsafeBuffer buffer = new UnsafeBuffer(payload);
        final int leavesAt = MessageHeaderEncoder.ENCODED_LENGTH + ExecutionReportEncoder.leavesQtyEncodingOffset();
        buffer.putLong(leavesAt, buffer.getLong(leavesAt) + 1);
        altered.set(index,
            new RecordedRun.Entry(original.sequence(), original.timestampNs(), original.type(), payload));
        copyInputs(dir);
        RecordedRun.write(dir, Journals.OUTPUT, altered);

        final JournalVerifier.Result result = new JournalVerifier(dir, new io.pushline.engine.Engine.Context()
            .instruments(io.pushline.config.InstrumentsFile.load(dir.resolve("instruments.csv")))
            .maxOrdersPerInstrument(1 << 12), null, true, Progress.Mode.NEVER)
            .reportQueueBytes(4096)
            .run();

        assertFalse(result.identical());
        assertEquals(original.sequence(), result.expectedSequence());
    }

    @Test
    void shouldNameFileOffsetAndSequenceWhenAByteIsCorrupted(@TempDir final Path dir) throws IOException
    {
        RecordedRun.copyTree(run.directory, dir);
        final long sequence = outputs.get(outputs.size() / 3).sequence();
        final long position = positionOf(dir, sequence);
        final Path segment;
        try (Stream<Path> files = Files.list(dir))
        {
            segment = files.filter(p -> p.getFileName().toString().startsWith("output-") &&
                p.getFileName().toString().endsWith(".seg")).sorted().findFirst().orElseThrow();
        }
        assertTrue(position < Files.size(segment), "the record is in the first segment");
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw"))
        {
            final long at = position + 32 + 40;
            file.seek(at);
            final int b = file.read();
            file.seek(at);
            file.write(b ^ 0x10);
        }

        final RecordedRun.Run verify = RecordedRun.replay("verify", dir.toString());
        assertEquals(1, verify.status(), verify.out() + verify.err());
        assertTrue(verify.err().contains("corrupt output journal: damaged record: BAD_CHECKSUM in " + segment +
            " at offset " + position + " "), verify.err());
        assertTrue(verify.err().contains("after sequence " + (sequence - 1)), verify.err());
        assertFalse(verify.err().contains("\tat "), "no stack trace: " + verify.err());
    }

    @Test
    void shouldReportMissingReportsWhenOutputJournalIsShorter(@TempDir final Path dir)
    {
        copyInputs(dir);
        RecordedRun.write(dir, Journals.OUTPUT, outputs.subList(0, outputs.size() - 10));
        final RecordedRun.Run verify = RecordedRun.replay("verify", dir.toString());
        assertEquals(1, verify.status(), verify.out() + verify.err());
        assertTrue(verify.out().startsWith("DIVERGENCE: the output journal ends after " + (outputs.size() - 10) +
            " identical reports"), verify.out());
    }

    @Test
    void shouldReportExtraReportWhenOutputJournalIsLonger(@TempDir final Path dir)
    {
        copyInputs(dir);
        final List<RecordedRun.Entry> longer = new ArrayList<>(outputs);
        final RecordedRun.Entry last = outputs.get(outputs.size() - 1);
        longer.add(new RecordedRun.Entry(last.sequence() + 1, 0, last.type(), last.payload()));
        RecordedRun.write(dir, Journals.OUTPUT, longer);
        final RecordedRun.Run verify = RecordedRun.replay("verify", dir.toString());
        assertEquals(1, verify.status(), verify.out() + verify.err());
        assertTrue(verify.out().startsWith("DIVERGENCE: the output journal holds report " + (last.sequence() + 1) +
            " beyond the re-run's " + outputs.size() + " reports"), verify.out());
    }

    @Test
    void shouldVerifyFromSnapshotWhenInputJournalStartsAfterOne(@TempDir final Path dir)
    {
        RecordedRun.copyConfiguration(run.directory, dir);
        RecordedRun.copyTree(run.directory.resolve("snapshots"), dir.resolve("snapshots"));
        final List<RecordedRun.Entry> inputs = RecordedRun.read(run.directory, Journals.INPUT);
        RecordedRun.write(dir, Journals.INPUT, inputs.subList(10_000, inputs.size()));
        RecordedRun.write(dir, Journals.OUTPUT, outputs);

        final RecordedRun.Run verify = RecordedRun.replay("verify", dir.toString());
        assertEquals(0, verify.status(), verify.out() + verify.err());
        assertTrue(verify.out().startsWith("started from snapshot " + dir.resolve("snapshots") +
            "/snapshot-00000000000000010000.sbe (after command 10000)\nidentical: " + (COMMANDS - 10_000) +
            " records"), verify.out());

        final RecordedRun.Run noSnapshot = RecordedRun.replay("verify", dir.toString(), "--snapshots",
            dir.resolve("none").toString());
        assertEquals(1, noSnapshot.status(), noSnapshot.out() + noSnapshot.err());
        assertTrue(noSnapshot.err().contains("starts at sequence 10001, not 1, and no valid snapshot"),
            noSnapshot.err());
    }

    private static int firstExecutionReportFrom(final int start)
    {
        for (int i = start; i < outputs.size(); i++)
        {
            final DirectBuffer b = outputs.get(i).buffer();
            if (b.getShort(2, java.nio.ByteOrder.LITTLE_ENDIAN) == ExecutionReportDecoder.TEMPLATE_ID)
            {
                return i;
            }
        }
        throw new AssertionError("no execution report");
    }

    private static void copyInputs(final Path dir)
    {
        RecordedRun.copyConfiguration(run.directory, dir);
        RecordedRun.write(dir, Journals.INPUT, RecordedRun.read(run.directory, Journals.INPUT));
    }

    private static long positionOf(final Path dir, final long sequence)
    {
        try (JournalReader reader = Journals.open(dir, Journals.OUTPUT, true, true))
        {
            while (reader.poll((buffer, offset, length, type, s, t) -> { }, 1) > 0)
            {
                if (reader.lastSequence() == sequence)
                {
                    return reader.recordPosition();
                }
            }
        }
        throw new AssertionError("no record " + sequence);
    }
}
