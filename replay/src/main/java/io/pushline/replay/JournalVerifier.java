package io.pushline.replay;

import java.nio.file.Path;
import java.util.List;

import com.lmax.disruptor.RingBuffer;
import io.pushline.engine.Engine;
import io.pushline.engine.SnapshotFiles;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.chain.CommandEvent;
import io.pushline.engine.chain.JournalNode;
import io.pushline.journal.Journal;
import io.pushline.journal.JournalCorruptException;
import io.pushline.journal.JournalHandler;
import io.pushline.journal.JournalReader;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.SnapshotBeginDecoder;
import org.agrona.DirectBuffer;

/**
 * {@code verify}: re-runs a recorded input journal through a fresh engine (one thread, no journal) with the recorded
 * configuration, keeping every command's recorded time and sequence, and compares each report with the recorded output
 * journal as they stream (see {@link ReportQueue} and {@link ReportComparator}). The result is "identical" or the
 * first divergence: a report that differs, one the output journal lacks, or one the output journal has beyond the
 * re-run.
 * <p>
 * A journal whose start was cut (it does not begin at sequence 1) is verified from the oldest snapshot file the
 * journal continues, and the output journal from the report after that snapshot's report sequence.
 */
public final class JournalVerifier
{
    private static final int REPORT_QUEUE_BYTES = 16 * 1024 * 1024;
    private static final int REPORT_DRAIN_LIMIT = 4096;

    /**
     * What a verify run found.
     *
     * @param commands          input commands replayed.
     * @param reports           reports compared equal.
     * @param startSequence     last command held before the replay (0, or the snapshot's sequence).
     * @param snapshot          snapshot file the run started from, or null.
     * @param outcome           EQUAL when identical.
     * @param expectedSequence  report sequence of the recorded report at the divergence (0 if none).
     * @param expected          the recorded report at the divergence, or null.
     * @param actual            the re-run's report at the divergence, or null.
     * @param elapsedNs         wall time of the run.
     */
    public record Result(
        long commands,
        long reports,
        long startSequence,
        Path snapshot,
        ReportComparator.Outcome outcome,
        long expectedSequence,
        byte[] expected,
        byte[] actual,
        long elapsedNs)
    {
        /**
         * @return true when the re-run reproduced the output journal exactly.
         */
        public boolean identical()
        {
            return outcome == ReportComparator.Outcome.EQUAL;
        }
    }

    private final Path journalDirectory;
    private final Engine.Context engineContext;
    private final Path snapshotDirectory;
    private final boolean verifyChecksums;
    private final Progress.Mode progressMode;
    private int reportQueueBytes = REPORT_QUEUE_BYTES;

    /**
     * @param journalDirectory  holding the input and output journals.
     * @param engineContext     configuration of the re-run (not concluded), e.g. from the recorded configuration.
     * @param snapshotDirectory where to find a snapshot when the input journal does not start at 1, or null.
     * @param verifyChecksums   check every record's CRC32C.
     * @param progressMode      when to show progress.
     */
    public JournalVerifier(
        final Path journalDirectory,
        final Engine.Context engineContext,
        final Path snapshotDirectory,
        final boolean verifyChecksums,
        final Progress.Mode progressMode)
    {
        this.journalDirectory = journalDirectory;
        this.engineContext = engineContext;
        this.snapshotDirectory = snapshotDirectory;
        this.verifyChecksums = verifyChecksums;
        this.progressMode = progressMode;
    }

    /**
     * For tests: a smaller queue of reports between the engine and the comparing thread (a power of two).
     *
     * @param bytes of the queue.
     * @return this.
     */
    JournalVerifier reportQueueBytes(final int bytes)
    {
        this.reportQueueBytes = bytes;
        return this;
    }

    /**
     * Run the verification.
     *
     * @return what was found.
     * @throws ReplayException when a journal is missing, corrupt, has a gap, or cannot be verified from its start.
     */
    public Result run()
    {
        final long firstInput = Journals.firstSequence(journalDirectory, Journals.INPUT);
        if (firstInput == Journal.NULL_SEQUENCE)
        {
            throw new ReplayException("the input journal in " + journalDirectory + " is empty");
        }
        final Path snapshotFile = firstInput == 1 ? null : snapshotFor(firstInput);
        final DirectBuffer snapshot = snapshotFile == null ? null : SnapshotFiles.read(snapshotFile);
        final long startSequence = snapshot == null ? 0 : SnapshotFiles.sequenceOf(snapshot);
        final long startReport = snapshot == null ? 0 : reportSequenceOf(snapshot);
        final long total = !Progress.enabled(progressMode) ? 0 :
            Journals.lastSequence(journalDirectory, Journals.INPUT) - startSequence;
        final long startNs = System.nanoTime();
        try (JournalReader inputs = Journals.open(journalDirectory, Journals.INPUT, verifyChecksums, true);
            JournalReader outputs = Journals.open(journalDirectory, Journals.OUTPUT, verifyChecksums, true))
        {
            outputs.seek(startReport + 1);
            inputs.seek(startSequence + 1);
            final ReportComparator comparator = new ReportComparator(outputs);
            final ReportQueue queue = new ReportQueue(reportQueueBytes);
            final Feeder feeder = new Feeder(comparator, queue, startSequence + 1);
            try (Engine engine = Engine.launch(engineContext
                .layout(ChainLayout.ONE_THREAD)
                .journalDirectory(null)
                .snapshotDirectory(null)
                .snapshotIntervalCommands(0)
                .snapshotIntervalNs(0)
                .snapshotReplica(false)
                .snapshot(snapshot)
                .outputSink(queue)))
            {
                feeder.engine = engine;
                feeder.ring = engine.chain().ringBuffer();
                final Progress progress = Progress.create(progressMode, "verify", total);
                try
                {
                    while (!comparator.stopped() && inputs.poll(feeder, 1024) > 0)
                    {
                        feeder.drain();
                        Progress.update(progress, feeder.commands);
                    }
                    feeder.drainUntilIdle();
                }
                catch (final JournalCorruptException ex)
                {
                    throw new ReplayException("corrupt input journal: " + ex.getMessage(), ex);
                }
                finally
                {
                    // a run that stopped early must not leave the engine's thread waiting for the queue at close
                    queue.discard();
                }
                Progress.finish(progress);
            }
            if (comparator.outcome() == ReportComparator.Outcome.FAILED)
            {
                throw corruptOutput(comparator.failure());
            }
            if (comparator.outcome() == ReportComparator.Outcome.EQUAL && comparator.pollExtraReport())
            {
                return result(feeder, comparator, startSequence, snapshotFile, ReportComparator.Outcome.DIFFERENT,
                    startNs);
            }
            return result(feeder, comparator, startSequence, snapshotFile, comparator.outcome(), startNs);
        }
    }

    private static Result result(
        final Feeder feeder,
        final ReportComparator comparator,
        final long startSequence,
        final Path snapshotFile,
        final ReportComparator.Outcome outcome,
        final long startNs)
    {
        final long elapsedNs = System.nanoTime() - startNs;
        final boolean equal = outcome == ReportComparator.Outcome.EQUAL;
        return new Result(feeder.commands, comparator.compared(), startSequence, snapshotFile, outcome,
            equal || outcome == ReportComparator.Outcome.MISSING_IN_JOURNAL ? 0 : comparator.expectedSequence(),
            equal ? null : copy(comparator.expectedCopy(), comparator.expectedCopyLength()),
            equal ? null : copy(comparator.actualCopy(), comparator.actualCopyLength()), elapsedNs);
    }

    private static byte[] copy(final DirectBuffer buffer, final int length)
    {
        if (length == 0)
        {
            return null;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private static ReplayException corruptOutput(final RuntimeException cause)
    {
        return new ReplayException("corrupt output journal: " + cause.getMessage(), cause);
    }

    /** The oldest valid snapshot the input journal continues (its sequence + 1 is in the journal). */
    private Path snapshotFor(final long firstInput)
    {
        final List<Path> files = SnapshotFiles.newestFirst(snapshotDirectory);
        Path oldest = null;
        for (final Path file : files)
        {
            final DirectBuffer snapshot = SnapshotFiles.read(file);
            if (snapshot != null && SnapshotFiles.sequenceOf(snapshot) >= firstInput - 1)
            {
                oldest = file;
            }
        }
        if (oldest == null)
        {
            throw new ReplayException("the input journal in " + journalDirectory + " starts at sequence " +
                firstInput + ", not 1, and no valid snapshot in " + snapshotDirectory + " is at or after sequence " +
                (firstInput - 1) + ": the state before the journal is unknown, so it cannot be verified");
        }
        return oldest;
    }

    private static long reportSequenceOf(final DirectBuffer snapshot)
    {
        return new SnapshotBeginDecoder().wrapAndApplyHeader(snapshot, 0, new MessageHeaderDecoder()).reportSequence();
    }

    /**
     * Offers each input record, as stamped, to the engine, and compares the reports that are ready. It never waits
     * inside the engine for ring space (the engine's thread may be waiting for it to read reports): it reads reports
     * until there is space.
     */
    private static final class Feeder implements JournalHandler
    {
        private final ReportComparator comparator;
        private final ReportQueue queue;
        private Engine engine;
        private RingBuffer<CommandEvent> ring;
        private long expected;
        private long commands;

        Feeder(final ReportComparator comparator, final ReportQueue queue, final long expected)
        {
            this.comparator = comparator;
            this.queue = queue;
            this.expected = expected;
        }

        public void onRecord(
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final int type,
            final long sequence,
            final long timestampNs)
        {
            if (type != JournalNode.INPUT_RECORD || comparator.stopped())
            {
                return;
            }
            if (sequence != expected)
            {
                throw new ReplayException("the input journal has a gap: command " + expected + " is missing (next is " +
                    sequence + ")");
            }
            while (!ring.hasAvailableCapacity(1))
            {
                if (comparator.stopped())
                {
                    // the run has its answer: let the engine drop its reports so its ring frees and nothing spins
                    queue.discard();
                    return;
                }
                if (drain() == 0)
                {
                    checkEngine();
                    Thread.yield();
                }
            }
            engine.offerStamped(buffer, offset, length);
            expected++;
            commands++;
        }

        int drain()
        {
            if (comparator.stopped())
            {
                // nothing reads the queue any more: the engine must not wait for space in it
                queue.discard();
                return 0;
            }
            return queue.ring().read(comparator, REPORT_DRAIN_LIMIT);
        }

        /** Compare reports until the engine has answered every command offered and the queue is empty. */
        void drainUntilIdle()
        {
            while (!comparator.stopped())
            {
                // the engine's consumer sequence passes a command only after all its reports are in the queue
                final boolean idle = ring.getMinimumGatingSequence() == ring.getCursor();
                if (drain() == 0)
                {
                    if (idle)
                    {
                        return;
                    }
                    checkEngine();
                    Thread.yield();
                }
            }
        }

        private void checkEngine()
        {
            if (engine.failure() != null)
            {
                throw new IllegalStateException("the re-run engine failed", engine.failure());
            }
        }
    }
}
