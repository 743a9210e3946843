package io.pushline.engine;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.chain.OutputSink;
import io.pushline.engine.match.Command;
import io.pushline.journal.Journal;
import io.pushline.journal.JournalReader;
import io.pushline.journal.SyncPolicy;
import io.pushline.protocol.Envelope;
import io.pushline.sbe.AdminAction;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine with a journal comes back, after a restart, with the state it had; from the newest valid snapshot plus
 * the journal after it as from the whole journal; and no reply ever leaves before its command is durable.
 */
class JournalRecoveryTest
{
    private static final int COMMANDS = 40_000;
    private static final int MORE = 10_000;
    private final List<InstrumentDefinition> instruments = TestInstruments.of(10);

    @ParameterizedTest
    @EnumSource(value = ChainLayout.class, names = {"ONE_THREAD", "INVOKER", "SHARDED"})
    void shouldComeBackWithSameStateAndContinueIdenticallyWhenRestarted(
        final ChainLayout layout, @TempDir final Path dir)
    {
        final long seed = Long.getLong("pushline.test.seed", System.nanoTime());
        System.out.println("JournalRecoveryTest seed=" + seed);
        final EncodedStream stream = EncodedStream.generate(seed, instruments, 8, COMMANDS + MORE);

        final CapturedOutput continuous = new CapturedOutput();
        final long continuousHash;
        final int outputAtRestart;
        try (Engine engine = launch(layout, null, continuous))
        {
            stream.offer(engine, stream.position(0), COMMANDS);
            engine.awaitIdle();
            outputAtRestart = continuous.length();
            stream.offer(engine, stream.position(COMMANDS), MORE);
            continuousHash = engine.stateHash();
        }

        final long hashAtRestart;
        try (Engine engine = launch(layout, dir, new CapturedOutput()))
        {
            stream.offer(engine, stream.position(0), COMMANDS);
            hashAtRestart = engine.stateHash();
        }
        final CapturedOutput afterRestart = new CapturedOutput();
        try (Engine engine = launch(layout, dir, afterRestart))
        {
            assertEquals(COMMANDS, engine.replayedAtStart(), "seed=" + seed);
            assertTrue(engine.journalRecovery().isClean(), "a clean shutdown leaves nothing to cut");
            assertEquals(hashAtRestart, engine.stateHash(), "seed=" + seed + " state after recovery");
            assertEquals(0, afterRestart.count(), "replayed commands are not answered again");
            stream.offer(engine, stream.position(COMMANDS), MORE);
            assertEquals(continuousHash, engine.stateHash(), "seed=" + seed);
        }
        for (int i = 0; i < afterRestart.length(); i++)
        {
            final int at = i;
            assertEquals(continuous.buffer().getByte(outputAtRestart + i), afterRestart.buffer().getByte(i),
                () -> "seed=" + seed + " reports after the restart differ at byte " + at);
        }
        assertEquals(continuous.length() - outputAtRestart, afterRestart.length());
    }

    @Test
    void shouldRecoverFromSnapshotPlusTailAsFromWholeJournalAndSkipCorruptSnapshot(@TempDir final Path dir)
        throws IOException
    {
        final EncodedStream stream = EncodedStream.generate(11, instruments, 8, COMMANDS);
        try (Engine engine = Engine.launch(context(ChainLayout.ONE_THREAD, dir, new CapturedOutput())
            .snapshotIntervalCommands(15_000)))
        {
            stream.offerAll(engine);
            engine.awaitIdle();
        }
        final List<Path> snapshots = SnapshotFiles.newestFirst(dir.resolve("snapshots"));
        assertEquals(2, snapshots.size(), "snapshots at 15,000 and 30,000");

        final long fromSnapshot = recover(dir, COMMANDS - 30_000, 0);

        final byte[] newest = Files.readAllBytes(snapshots.get(0));
        newest[newest.length / 2] ^= 0x40;
        Files.write(snapshots.get(0), newest);
        final long fromOlderSnapshot = recover(dir, COMMANDS - 15_000, 1);

        for (final Path snapshot : snapshots)
        {
            Files.delete(snapshot);
        }
        final long fromWholeJournal = recover(dir, COMMANDS, 0);

        assertEquals(fromWholeJournal, fromSnapshot);
        assertEquals(fromWholeJournal, fromOlderSnapshot);
    }

    @ParameterizedTest
    @EnumSource(ChainLayout.class)
    void shouldWriteSnapshotWhenAdminAsksAndWhenIntervalPasses(final ChainLayout layout, @TempDir final Path dir)
    {
        final EncodedStream stream = EncodedStream.generate(3, instruments, 8, 5_000);
        final SbeCommands sbe = new SbeCommands();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128);
        final long[] now = { 1_000 };
        final Path snapshots = dir.resolve("snapshots");
        try (Engine engine = Engine.launch(context(layout, dir, new CapturedOutput())
            .clock(() -> now[0]++)
            .snapshotIntervalNs(1_000_000)))
        {
            // offer() stamps with the test's clock: 2,000 commands take 2,000 ns, well inside the interval
            stream.forEach(0, 2_000, (b, offset, length) -> engine.offer(b, offset, length));
            assertEquals(0, SnapshotFiles.newestFirst(snapshots).size());
            final Command snapshot = new Command().reset();
            snapshot.type = Command.ADMIN;
            snapshot.adminAction = AdminAction.SNAPSHOT;
            engine.offer(buffer, 0, sbe.encode(snapshot, buffer, 0));
            assertEquals(1, SnapshotFiles.newestFirst(snapshots).size(), "written on SNAPSHOT");

            now[0] += 2_000_000;
            stream.forEach(2_000, 2_001, (b, offset, length) -> engine.offer(b, offset, length));
            assertEquals(2, SnapshotFiles.newestFirst(snapshots).size(), "written when the interval passed");
            stream.forEach(2_001, 5_000, (b, offset, length) -> engine.offer(b, offset, length));
            engine.awaitIdle();
        }
        try (Engine engine = launch(layout, dir, new CapturedOutput()))
        {
            assertEquals(2_999, engine.replayedAtStart(), "recovered from the snapshot taken after command 2,002");
        }
    }

    @Test
    void shouldRefuseSnapshotNewerThanJournalAndFallBackWhenEverySnapshotIsCorrupt(@TempDir final Path dir)
        throws IOException
    {
        final EncodedStream stream = EncodedStream.generate(23, instruments, 8, 1_000);
        final Path longer = dir.resolve("longer");
        final Path shorter = dir.resolve("shorter");
        try (Engine engine = launch(ChainLayout.ONE_THREAD, longer, new CapturedOutput()))
        {
            stream.offerAll(engine);
            engine.writeSnapshotFile();
        }
        final long shorterHash;
        try (Engine engine = launch(ChainLayout.ONE_THREAD, shorter, new CapturedOutput()))
        {
            stream.offer(engine, stream.position(0), 900);
            engine.writeSnapshotFile();
            shorterHash = engine.stateHash();
        }
        // a snapshot at 1,000 beside a journal that ends at 900 (as after a lost tail): it must not be used
        final Path newer = SnapshotFiles.newestFirst(longer.resolve("snapshots")).get(0);
        Files.copy(newer, shorter.resolve("snapshots").resolve(newer.getFileName()));
        try (Engine engine = launch(ChainLayout.ONE_THREAD, shorter, new CapturedOutput()))
        {
            assertEquals(1, engine.snapshotsRejected());
            assertEquals(900, engine.lastSequence());
            assertEquals(shorterHash, engine.stateHash());
        }
        for (final Path snapshot : SnapshotFiles.newestFirst(shorter.resolve("snapshots")))
        {
            Files.write(snapshot, new byte[]{ 1, 2, 3 });
        }
        try (Engine engine = launch(ChainLayout.SHARDED, shorter, new CapturedOutput()))
        {
            assertEquals(2, engine.snapshotsRejected(), "every snapshot corrupt: the whole journal is replayed");
            assertEquals(900, engine.replayedAtStart());
            assertEquals(shorterHash, engine.stateHash());
        }
    }

    @Test
    void shouldForceJournalEarlyWhenHeldRepliesOverflowAndStillReplyInOrder(@TempDir final Path dir)
    {
        final Engine[] engine = new Engine[1];
        final long[] lastReportSequence = { 0 };
        final long[] replies = { 0 };
        final OutputSink checking = (buffer, offset, length) ->
        {
            final long commandSequence = Envelope.sequence(buffer, offset);
            assertTrue(engine[0].durableSequence() >= commandSequence, "reply before durable");
            final long reportSequence = buffer.getLong(offset + 8 + 24, ByteOrder.LITTLE_ENDIAN);
            assertEquals(lastReportSequence[0] + 1, reportSequence, "replies leave in order, none lost");
            lastReportSequence[0] = reportSequence;
            replies[0]++;
        };
        engine[0] = Engine.launch(context(ChainLayout.ONE_THREAD, dir, checking).syncPolicy(SyncPolicy.PER_BATCH));
        try
        {
            final SbeCommands sbe = new SbeCommands();
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128);
            for (int i = 1; i <= 10_000; i++)
            {
                engine[0].offer(buffer, 0, sbe.encode(
                    TestCommands.limit(1, i, 1 + i % 3, Side.BUY, TimeInForce.GTC, 990_000, 1), buffer, 0));
            }
            engine[0].awaitIdle();
            final Command massCancel = new Command().reset();
            massCancel.type = Command.MASS_CANCEL;
            massCancel.sessionId = 1;
            massCancel.gatewayId = 1;
            massCancel.instrumentIndex = Command.ALL_INSTRUMENTS;
            // 10,000 CANCELED reports in one command: ~1.3 MB, more than the 1 MB of held replies
            engine[0].offer(buffer, 0, sbe.encode(massCancel, buffer, 0));
            engine[0].awaitIdle();
        }
        finally
        {
            engine[0].close();
        }
        assertEquals(10_000 + 10_000 + 1, replies[0], "NEW for each order, CANCELED for each, MassCancelReport");
    }

    @Test
    void shouldReleaseJournalWhenStartFails(@TempDir final Path dir)
    {
        final UnsafeBuffer corrupt = new UnsafeBuffer(new byte[16]);
        assertThrows(IllegalStateException.class,
            () -> Engine.launch(context(ChainLayout.ONE_THREAD, dir, new CapturedOutput()).snapshot(corrupt)));
        try (Engine engine = launch(ChainLayout.ONE_THREAD, dir, new CapturedOutput()))
        {
            assertEquals(0, engine.lastSequence(), "the journal could be opened again");
        }
    }

    @Test
    void shouldTakeSnapshotsOnReplicaWhileEngineGoesOn(@TempDir final Path dir) throws InterruptedException
    {
        final EncodedStream stream = EncodedStream.generate(17, instruments, 8, COMMANDS);
        final long hash;
        try (Engine engine = Engine.launch(context(ChainLayout.ONE_THREAD, dir, new CapturedOutput())
            .snapshotIntervalCommands(10_000)
            .snapshotReplica(true)))
        {
            stream.offerAll(engine);
            hash = engine.stateHash();
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (engine.snapshotReplicaSequence() < COMMANDS && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            assertEquals(COMMANDS, engine.snapshotReplicaSequence(), "the replica follows the journal");
        }
        final List<Path> snapshots = SnapshotFiles.newestFirst(dir.resolve("snapshots"));
        assertEquals(3, snapshots.size(), "snapshots at 20,000, 30,000 and 40,000 (the newest 3 are kept)");
        try (Engine engine = launch(ChainLayout.ONE_THREAD, dir, new CapturedOutput()))
        {
            assertEquals(0, engine.replayedAtStart(), "the replica's snapshot at 40,000 is the engine's state");
            assertEquals(hash, engine.stateHash());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "ONE_THREAD, PER_BATCH", "ONE_THREAD, PERIODIC", "INVOKER, PER_BATCH", "INVOKER, PERIODIC",
        "STAGED, PER_BATCH", "STAGED, PERIODIC"})
    void shouldReplyOnlyAfterCommandIsDurableAndJournalEveryReport(
        final ChainLayout layout, final SyncPolicy policy, @TempDir final Path dir)
    {
        final EncodedStream stream = EncodedStream.generate(5, instruments, 8, 20_000);
        final Engine[] engine = new Engine[1];
        final long[] replies = { 0 };
        final OutputSink checking = (buffer, offset, length) ->
        {
            final long commandSequence = Envelope.sequence(buffer, offset);
            assertTrue(engine[0].durableSequence() >= commandSequence,
                "reply to " + commandSequence + " before durable " + engine[0].durableSequence());
            replies[0]++;
        };
        engine[0] = Engine.launch(context(layout, dir, checking).syncPolicy(policy));
        try
        {
            stream.offerAll(engine[0]);
            engine[0].awaitIdle();
        }
        finally
        {
            engine[0].close();
        }
        assertTrue(replies[0] > 20_000);
        assertEquals(replies[0], countRecords(dir, "output"), "every report is in the output journal");
        assertEquals(20_000, countRecords(dir, "input"), "every command is in the input journal");
    }

    private long recover(final Path dir, final long expectedReplayed, final int expectedRejected)
    {
        try (Engine engine = launch(ChainLayout.ONE_THREAD, dir, new CapturedOutput()))
        {
            assertEquals(expectedReplayed, engine.replayedAtStart());
            assertEquals(expectedRejected, engine.snapshotsRejected());
            return engine.stateHash();
        }
    }

    private static long countRecords(final Path dir, final String prefix)
    {
        try (Journal journal = Journal.open(new Journal.Context().directory(dir).filePrefix(prefix));
            JournalReader reader = journal.newReader())
        {
            final long[] count = { 0 };
            while (reader.poll((DirectBuffer buffer, int offset, int length, int type, long sequence, long time) ->
                count[0]++, 4096) > 0)
            {
                assertTrue(count[0] >= 0);
            }
            return count[0];
        }
    }

    private Engine launch(final ChainLayout layout, final Path dir, final OutputSink sink)
    {
        return Engine.launch(context(layout, dir, sink));
    }

    private Engine.Context context(final ChainLayout layout, final Path dir, final OutputSink sink)
    {
        return new Engine.Context()
            .instruments(instruments)
            .layout(layout)
            .shards(2)
            .ringSize(1024)
            .maxOrdersPerInstrument(1 << 14)
            .journalDirectory(dir)
            .syncPolicy(SyncPolicy.NONE)
            .outputSink(sink);
    }
}
