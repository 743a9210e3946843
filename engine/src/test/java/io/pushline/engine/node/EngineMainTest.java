package io.pushline.engine.node;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.pushline.engine.SbeCommands;
import io.pushline.engine.TestCommands;
import io.pushline.engine.match.Command;
import io.pushline.journal.JournalReader;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The engine process as an operator runs it: a child JVM started from a config file, stopped with SIGTERM.
 */
class EngineMainTest
{
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path tempDir;

    @Test
    void shouldExitWithKeyNamedWhenConfigValueIsBad() throws IOException
    {
        final Path config = Files.writeString(tempDir.resolve("bad.properties"),
            "pushline.engine.instrumentsFile=" + REPOSITORY.resolve("config/instruments.csv") + "\n" +
            "pushline.aeron.idleStrategy=SOMETIMES\n");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int status = EngineMain.run(new String[]{ config.toString() },
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, status);
        final String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("pushline.aeron.idleStrategy"), message);
    }

    @Test
    void shouldAnswerJournalAndStopCleanlyWhenSigtermArrives() throws Exception
    {
        final Path aeronDir = tempDir.resolve("aeron");
        final Path journal = tempDir.resolve("journal");
        final Path config = Files.writeString(tempDir.resolve("engine.properties"),
            "pushline.engine.instrumentsFile=" + REPOSITORY.resolve("config/instruments.csv") + "\n" +
            "pushline.engine.journalDirectory=" + journal + "\n" +
            "pushline.engine.clockTickInterval=0\n" +
            "pushline.aeron.dir=" + aeronDir + "\n");
        final int orders = 50;

        final List<String> firstOutput = new CopyOnWriteArrayList<>();
        final Process first = start(config, firstOutput);
        try (Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir.toString())))
        {
            assertEquals(orders, sendOrdersAndCountAcks(aeron, orders));
        }
        stopWithSigterm(first, firstOutput);
        assertEquals(orders, journalRecords(journal));

        final List<String> secondOutput = new CopyOnWriteArrayList<>();
        final Process second = start(config, secondOutput);
        assertTrue(secondOutput.stream().anyMatch(l -> l.contains("replayed " + orders + " commands")),
            secondOutput.toString());
        stopWithSigterm(second, secondOutput);
    }

    /** The JVM ends a process stopped by SIGTERM with 143 (128 + 15) after its shutdown hooks ran. */
    private static void stopWithSigterm(final Process process, final List<String> output) throws InterruptedException
    {
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "engine did not stop after SIGTERM");
        assertEquals(143, process.exitValue(), output.toString());
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (!output.contains("engine: stopped") && System.nanoTime() < deadline)
        {
            Thread.yield();
        }
        assertTrue(output.contains("engine: stopping (answering what was taken, syncing the journal)"),
            output.toString());
        assertTrue(output.contains("engine: stopped"), output.toString());
    }

    /** Output goes to a file: a pipe's last lines can be lost to a reader when the process exits. */
    private Process start(final Path config, final List<String> lines) throws IOException, InterruptedException
    {
        final Path log = Files.createTempFile(tempDir, "engine", ".log");
        final Process process = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
            "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), EngineMain.class.getName(), config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        final Thread follower = new Thread(() -> follow(log, process, lines), "engine-log-follower");
        follower.setDaemon(true);
        follower.start();
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (!lines.contains("engine: ready"))
        {
            if (!process.isAlive() || System.nanoTime() > deadline)
            {
                follower.join(1000);
                fail("engine did not start: " + lines);
            }
            Thread.sleep(10);
        }
        return process;
    }

    private static void follow(final Path log, final Process process, final List<String> lines)
    {
        try
        {
            boolean exited = false;
            while (true)
            {
                final String text = Files.readString(log, StandardCharsets.UTF_8);
                final String[] all = text.substring(0, text.lastIndexOf('\n') + 1).split("\n");
                for (int i = lines.size(); i < all.length && !all[i].isEmpty(); i++)
                {
                    lines.add(all[i]);
                }
                if (exited)
                {
                    return;
                }
                exited = !process.isAlive();
                Thread.sleep(10);
            }
        }
        catch (final IOException | InterruptedException ex)
        {
            lines.add("(log follower stopped: " + ex + ")");
        }
    }

    private static int sendOrdersAndCountAcks(final Aeron aeron, final int orders)
    {
        final Publication ingress = aeron.addPublication("aeron:ipc", 1001);
        final Subscription egress = aeron.addSubscription("aeron:ipc", 1002);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final SbeCommands sbe = new SbeCommands();
        final AtomicInteger acks = new AtomicInteger();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final FragmentAssembler assembler = new FragmentAssembler((b, offset, length, h) ->
        {
            header.wrap(b, offset);
            if (header.templateId() == ExecutionReportDecoder.TEMPLATE_ID)
            {
                acks.incrementAndGet();
            }
        });
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (!ingress.isConnected() || !egress.isConnected())
        {
            assertTrue(System.nanoTime() < deadline, "engine streams not connected");
            Thread.yield();
        }
        for (int i = 1; i <= orders; i++)
        {
            // instrument 1 of config/instruments.csv: tick 100, reference 1,850,000
            final Command order = TestCommands.limit(1, i, 1, Side.BUY, TimeInForce.DAY, 1_800_000, 10);
            final int length = sbe.encode(order, buffer, 0);
            while (ingress.offer(buffer, 0, length) < 0)
            {
                assertTrue(System.nanoTime() < deadline, "could not publish");
                Thread.yield();
            }
        }
        while (acks.get() < orders && System.nanoTime() < deadline)
        {
            egress.poll(assembler, 10);
        }
        return acks.get();
    }

    private static long journalRecords(final Path journal)
    {
        try (JournalReader reader = JournalReader.open(new JournalReader.Context().directory(journal)
            .filePrefix("input")))
        {
            long count = 0;
            int read;
            while ((read = reader.poll((buffer, offset, length, type, sequence, timestampNs) -> { }, 1000)) > 0)
            {
                count += read;
            }
            return count;
        }
    }
}
