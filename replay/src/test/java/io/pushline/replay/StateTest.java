package io.pushline.replay;

import java.nio.file.Path;
import java.util.List;

import io.pushline.engine.RecordedConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateTest
{
    private static final List<Long> POINTS = List.of(3_000L, 12_345L, 17_777L, 20_000L);

    @TempDir
    static Path temp;

    private static RecordedRun run;

    @BeforeAll
    static void record()
    {
        run = RecordedRun.record(temp.resolve("journal"), RecordedRun.settings(20_000, 5, 10_000, 5_000),
            POINTS::contains);
    }

    @Test
    void shouldEqualLiveStateHashWhenRebuiltFromSnapshotAndJournal()
    {
        for (final long sequence : POINTS)
        {
            final StateRebuilder.State state = rebuilder(true).atSequence(sequence);
            assertEquals(run.liveHashes.get(sequence), state.stateHash(), "at " + sequence);
            assertEquals(sequence, state.sequence());
            if (sequence > 10_000)
            {
                assertNotNull(state.snapshot(), "a snapshot before " + sequence + " is used");
                assertTrue(state.replayed() < 5_000, "only the journal after the snapshot: " + state.replayed());
            }
        }
    }

    @Test
    void shouldEqualLiveStateHashWhenRebuiltFromJournalAlone()
    {
        for (final long sequence : POINTS)
        {
            final StateRebuilder.State state = rebuilder(false).atSequence(sequence);
            assertNull(state.snapshot());
            assertEquals(sequence, state.replayed());
            assertEquals(run.liveHashes.get(sequence), state.stateHash(), "at " + sequence);
        }
    }

    @Test
    void shouldStopAtLastCommandAtOrBeforeTimeWhenAskedForATime()
    {
        final RecordedRun.Entry entry = RecordedRun.read(run.directory, Journals.INPUT).get(12_344);
        assertEquals(12_345, entry.sequence());
        final StateRebuilder.State state = rebuilder(true).atTime(entry.timestampNs());
        assertEquals(12_345, state.sequence());
        assertEquals(run.liveHashes.get(12_345L), state.stateHash());
    }

    @Test
    void shouldPrintBooksHashAndSessionOrdersWhenRunFromCommandLine()
    {
        final RecordedRun.Run state = RecordedRun.replay("state", run.directory.toString(), "--sequence", "17777",
            "--session", "2", "--depth", "3");
        assertEquals(0, state.status(), state.out() + state.err());
        assertTrue(state.out().contains("state hash " + run.liveHashes.get(17_777L) + " "), state.out());
        assertTrue(state.out().contains("snapshot-00000000000000015000.sbe, 2777 commands replayed"), state.out());
        assertTrue(state.out().contains("session 2: "), state.out());
        assertTrue(state.out().lines().anyMatch(l -> l.matches("instrument \\d+ .*reference \\d+ .*")), state.out());

        final RecordedRun.Run beyond = RecordedRun.replay("state", run.directory.toString(), "--sequence", "20001");
        assertEquals(1, beyond.status());
        assertTrue(beyond.err().contains("ends at sequence 20000, before 20001"), beyond.err());
    }

    private static StateRebuilder rebuilder(final boolean snapshots)
    {
        return new StateRebuilder(run.directory, RecordedConfiguration.load(run.directory),
            snapshots ? run.directory.resolve("snapshots") : null, Progress.Mode.NEVER);
    }
}
