package io.pushline.replay;

import java.nio.file.Path;

import io.pushline.engine.Engine;
import io.pushline.engine.SnapshotFiles;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.chain.JournalNode;
import io.pushline.journal.Journal;
import io.pushline.journal.JournalHandler;
import io.pushline.journal.JournalReader;
import io.pushline.protocol.Envelope;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.SnapshotBeginDecoder;
import org.agrona.DirectBuffer;

/**
 * {@code state}: rebuilds the engine state as it stood after a command sequence, or after the last command at or
 * before an engine time: the newest valid snapshot file at or before that point, then the input journal up to it,
 * through a fresh engine (one thread, no journal, no output). The books come from the engine's own snapshot writer
 * ({@link BookView}); the state hash from {@link Engine#stateHash()}.
 */
public final class StateRebuilder
{
    /**
     * The rebuilt state.
     *
     * @param sequence    last command applied (0: none).
     * @param timestampNs its engine time.
     * @param stateHash   the engine's state hash.
     * @param snapshot    snapshot file the rebuild started from, or null.
     * @param replayed    commands replayed from the journal.
     * @param books       the books and instrument states.
     */
    public record State(long sequence, long timestampNs, long stateHash, Path snapshot, long replayed, BookView books)
    {
    }

    private final Path journalDirectory;
    private final Engine.Context engineContext;
    private final Path snapshotDirectory;
    private final Progress.Mode progressMode;

    /**
     * @param journalDirectory  holding the input journal.
     * @param engineContext     configuration (not concluded), e.g. the recorded one.
     * @param snapshotDirectory snapshot files to start from, or null to replay from the journal's start.
     * @param progressMode      when to show progress.
     */
    public StateRebuilder(
        final Path journalDirectory,
        final Engine.Context engineContext,
        final Path snapshotDirectory,
        final Progress.Mode progressMode)
    {
        this.journalDirectory = journalDirectory;
        this.engineContext = engineContext;
        this.snapshotDirectory = snapshotDirectory;
        this.progressMode = progressMode;
    }

    /**
     * @param sequence last command to apply.
     * @return the state after it.
     * @throws ReplayException when the journal does not reach it or cannot be started at it.
     */
    public State atSequence(final long sequence)
    {
        return rebuild(sequence, Long.MAX_VALUE);
    }

    /**
     * @param timeNs engine time (epoch ns): every command stamped at or before it is applied.
     * @return the state after the last such command.
     */
    public State atTime(final long timeNs)
    {
        return rebuild(Long.MAX_VALUE, timeNs);
    }

    private State rebuild(final long toSequence, final long toTimeNs)
    {
        final long firstInput = Journals.firstSequence(journalDirectory, Journals.INPUT);
        final long lastInput = Journals.lastSequence(journalDirectory, Journals.INPUT);
        if (firstInput == Journal.NULL_SEQUENCE)
        {
            throw new ReplayException("the input journal in " + journalDirectory + " is empty");
        }
        if (toSequence != Long.MAX_VALUE && toSequence > lastInput)
        {
            throw new ReplayException("the input journal in " + journalDirectory + " ends at sequence " + lastInput +
                ", before " + toSequence);
        }
        Path snapshotFile = null;
        DirectBuffer snapshot = null;
        for (final Path file : SnapshotFiles.newestFirst(snapshotDirectory))
        {
            final DirectBuffer candidate = SnapshotFiles.read(file);
            if (candidate != null && fits(candidate, firstInput, toSequence, toTimeNs))
            {
                snapshotFile = file;
                snapshot = candidate;
                break;
            }
        }
        if (snapshot == null && firstInput != 1)
        {
            throw new ReplayException("the input journal in " + journalDirectory + " starts at sequence " +
                firstInput + " and no valid snapshot in " + snapshotDirectory + " lies between " + (firstInput - 1) +
                " and the requested point: the state before the journal is unknown");
        }
        final long startSequence = snapshot == null ? 0 : SnapshotFiles.sequenceOf(snapshot);
        final long total = toSequence == Long.MAX_VALUE ? lastInput - startSequence : toSequence - startSequence;
        try (JournalReader inputs = Journals.open(journalDirectory, Journals.INPUT, true, true);
            Engine engine = Engine.launch(engineContext
                .layout(ChainLayout.ONE_THREAD)
                .journalDirectory(null)
                .snapshotDirectory(null)
                .snapshotIntervalCommands(0)
                .snapshotIntervalNs(0)
                .snapshotReplica(false)
                .snapshot(snapshot)
                .outputSink((buffer, offset, length) -> { })))
        {
            inputs.seek(startSequence + 1);
            final Applier applier = new Applier(engine, toSequence, toTimeNs, startSequence);
            final Progress progress = Progress.create(progressMode, "state", total);
            while (!applier.done && inputs.poll(applier, 1024) > 0)
            {
                Progress.update(progress, applier.replayed);
            }
            Progress.finish(progress);
            final long reachable = toSequence == Long.MAX_VALUE ? lastInput : toSequence;
            if (toTimeNs == Long.MAX_VALUE && applier.lastSequence < reachable)
            {
                // the journal said it holds more: a segment is missing or unreadable in the middle
                throw new ReplayException("the input journal in " + journalDirectory + " stops after command " +
                    applier.lastSequence + " although it holds commands up to " + lastInput +
                    " (a segment is missing or unreadable): no state for command " + reachable);
            }
            final long hash = engine.stateHash();
            final BookView books = new BookView();
            engine.takeSnapshot(books);
            return new State(applier.lastSequence, applier.lastTimestampNs != 0 ? applier.lastTimestampNs :
                books.timestampNs(), hash, snapshotFile, applier.replayed, books);
        }
    }

    private static boolean fits(
        final DirectBuffer snapshot, final long firstInput, final long toSequence, final long toTimeNs)
    {
        final SnapshotBeginDecoder begin =
            new SnapshotBeginDecoder().wrapAndApplyHeader(snapshot, 0, new MessageHeaderDecoder());
        return begin.sequence() >= firstInput - 1 && begin.sequence() <= toSequence && begin.timestampNs() <= toTimeNs;
    }

    /** Offers input records up to the target; stops at the first beyond it. */
    private static final class Applier implements JournalHandler
    {
        private final Engine engine;
        private final long toSequence;
        private final long toTimeNs;
        private long expected;
        private long lastSequence;
        private long lastTimestampNs;
        private long replayed;
        private boolean done;

        Applier(final Engine engine, final long toSequence, final long toTimeNs, final long startSequence)
        {
            this.engine = engine;
            this.toSequence = toSequence;
            this.toTimeNs = toTimeNs;
            this.expected = startSequence + 1;
            this.lastSequence = startSequence;
        }

        public void onRecord(
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final int type,
            final long sequence,
            final long timestampNs)
        {
            if (done || type != JournalNode.INPUT_RECORD)
            {
                return;
            }
            final long time = length >= Envelope.HEADER_LENGTH + Envelope.ENVELOPE_LENGTH ?
                Envelope.timestampNs(buffer, offset) : timestampNs;
            if (sequence > toSequence || time > toTimeNs)
            {
                done = true;
                return;
            }
            if (sequence != expected)
            {
                throw new ReplayException("the input journal has a gap: command " + expected + " is missing (next is " +
                    sequence + ")");
            }
            engine.offerStamped(buffer, offset, length);
            expected++;
            replayed++;
            lastSequence = sequence;
            lastTimestampNs = time;
            done = sequence == toSequence;
        }
    }
}
