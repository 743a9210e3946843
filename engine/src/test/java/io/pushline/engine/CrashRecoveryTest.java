package io.pushline.engine;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.pushline.journal.Journal;
import io.pushline.journal.JournalReader;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine runs in a child JVM that is killed with SIGKILL at random points and restarted on the same journal.
 * Every reply the driver received must be exactly the reply a fresh engine gives when it re-processes the whole
 * journal (so every acknowledged order is there, with its state); no reply arrives twice and no trade happens twice;
 * and the child's final state hash equals the re-processed one.
 */
class CrashRecoveryTest
{
    private static final int REPORT_SEQUENCE_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + 24;

    @Test
    void shouldLoseNothingAcknowledgedWhenKilledThreeTimes(@TempDir final Path dir) throws Exception
    {
        run(dir, 3, 12_000, 2_000, true);
    }

    @Test
    @Tag("slow")
    void shouldLoseNothingAcknowledgedWhenKilledFiftyTimes(@TempDir final Path dir) throws Exception
    {
        run(dir, 50, 100_000, 7_000, false);
    }

    private void run(
        final Path dir, final int kills, final int commands, final long snapshotInterval, final boolean replica)
        throws Exception
    {
        final long seed = Long.getLong("pushline.test.seed", System.nanoTime());
        System.out.println("CrashRecoveryTest seed=" + seed + " kills=" + kills);
        final SplittableRandom random = new SplittableRandom(seed);
        final EncodedStream stream = EncodedStream.generate(seed, TestInstruments.of(10), 8, commands);
        final Long2ObjectHashMap<byte[]> received = new Long2ObjectHashMap<>();
        long childHash = 0;
        for (int run = 0; run <= kills; run++)
        {
            final Child child = new Child(dir, snapshotInterval, replica, received);
            final int from = (int)child.recoveredSequence;
            final boolean last = run == kills;
            final int to = last ? commands : Math.min(commands, from + 1 + random.nextInt(commands / kills));
            child.send(stream, from, to);
            if (last)
            {
                childHash = child.finish();
            }
            else
            {
                Thread.sleep(random.nextInt(30));
                child.kill();
            }
        }
        verifyAgainstJournal(dir, received, childHash, commands, seed);
    }

    private static void verifyAgainstJournal(
        final Path dir, final Long2ObjectHashMap<byte[]> received, final long childHash, final int commands,
        final long seed)
    {
        final CapturedOutput reference = new CapturedOutput();
        final long referenceHash;
        final long[] journaled = { 0 };
        try (Engine engine = Engine.launch(new Engine.Context()
            .instruments(TestInstruments.of(10)).maxOrdersPerInstrument(1 << 12).outputSink(reference));
            Journal journal = Journal.open(new Journal.Context().directory(dir).filePrefix("input"));
            JournalReader reader = journal.newReader())
        {
            while (reader.poll((buffer, offset, length, type, sequence, timestampNs) ->
            {
                engine.offerStamped(buffer, offset, length);
                journaled[0]++;
            }, 4096) > 0)
            {
                assertTrue(journaled[0] > 0);
            }
            referenceHash = engine.stateHash();
        }
        assertEquals(commands, journaled[0], "seed=" + seed + ": every command journaled exactly once");
        assertEquals(referenceHash, childHash, "seed=" + seed + ": state after the crashes");
        final Long2LongHashMap fillsPerExecId = new Long2LongHashMap(0);
        for (int i = 0; i < reference.count(); i++)
        {
            final int offset = reference.offset(i);
            final long reportSequence = reference.buffer().getLong(offset + REPORT_SEQUENCE_OFFSET,
                ByteOrder.LITTLE_ENDIAN);
            final byte[] bytes = received.get(reportSequence);
            if (bytes != null)
            {
                final byte[] expected = new byte[bytes.length];
                reference.buffer().getBytes(offset, expected);
                assertArrayEquals(expected, bytes, "seed=" + seed + ": reply " + reportSequence + " differs");
            }
            if (reference.templateId(i) == ExecutionReportDecoder.TEMPLATE_ID &&
                reference.execution(i).execType() == ExecType.TRADE)
            {
                final long execId = reference.execution(i).execId();
                fillsPerExecId.put(execId, fillsPerExecId.get(execId) + 1);
            }
        }
        fillsPerExecId.forEachLong((execId, reports) ->
            assertEquals(2, reports, "seed=" + seed + ": trade " + execId + " reported " + reports + " times"));
        assertTrue(received.size() > 0, "seed=" + seed);
        received.forEach((reportSequence, bytes) ->
            assertTrue(reportSequence >= 1 && reportSequence <= reference.count(),
            "seed=" + seed + ": received reply " + reportSequence + " that the journal does not produce"));
    }

    /** One engine process on the journal directory. */
    private static final class Child
    {
        private final Process process;
        private final DataOutputStream in;
        private final Thread reader;
        private final long recoveredSequence;
        private volatile long hash;
        private volatile boolean killed;
        private volatile Throwable readerError;
        private volatile int replies;

        Child(final Path dir, final long snapshotInterval, final boolean replica,
            final Long2ObjectHashMap<byte[]> received)
            throws IOException
        {
            process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                CrashChildMain.class.getName(), dir.toString(), Long.toString(snapshotInterval),
                Boolean.toString(replica)))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
            in = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
            final DataInputStream out = new DataInputStream(process.getInputStream());
            final int kind = out.readByte();
            assertEquals('S', kind, "child did not start");
            recoveredSequence = out.readLong();
            reader = new Thread(() -> readReplies(out, received), "crash-test-reader");
            reader.start();
        }

        void send(final EncodedStream stream, final int from, final int to) throws IOException
        {
            final List<byte[]> frames = new ArrayList<>();
            stream.forEach(from, to, (buffer, offset, length) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                frames.add(bytes);
            });
            for (final byte[] frame : frames)
            {
                in.writeInt(frame.length);
                in.write(frame);
            }
            in.flush();
        }

        void kill() throws InterruptedException
        {
            killed = true;
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            reader.join(30_000);
            checkReader();
            System.out.println("CrashRecoveryTest: killed after " + replies + " replies, recovered from sequence " +
                recoveredSequence);
        }

        private void checkReader()
        {
            if (readerError != null)
            {
                throw new AssertionError("reply reader failed", readerError);
            }
        }

        long finish() throws Exception
        {
            in.close();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child did not finish");
            reader.join(30_000);
            checkReader();
            assertNotNull(hash);
            return hash;
        }

        private void readReplies(final DataInputStream out, final Long2ObjectHashMap<byte[]> received)
        {
            try
            {
                while (true)
                {
                    final int kind = out.readByte();
                    if (kind == 'H')
                    {
                        hash = out.readLong();
                        return;
                    }
                    final byte[] bytes = new byte[out.readInt()];
                    out.readFully(bytes);
                    final long reportSequence = new UnsafeBuffer(bytes).getLong(REPORT_SEQUENCE_OFFSET,
                        ByteOrder.LITTLE_ENDIAN);
                    synchronized (received)
                    {
                        if (received.put(reportSequence, bytes) != null)
                        {
                            throw new AssertionError("reply " + reportSequence + " received twice");
                        }
                    }
                    replies++;
                }
            }
            catch (final EOFException ex)
            {
                // killed: a partly written reply is not a reply
            }
            catch (final IOException ex)
            {
                if (!killed)
                {
                    readerError = ex;
                }
            }
            catch (final Throwable ex)
            {
                readerError = ex;
            }
        }
    }
}
