package io.pushline.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishTest
{
    private static final String CHANNEL = "aeron:ipc";
    private static final int STREAM_ID = 1001;

    private MediaDriver driver;
    private Aeron aeron;

    @BeforeEach
    void launch()
    {
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
    }

    @AfterEach
    void close()
    {
        CloseHelper.closeAll(aeron, driver);
    }

    @Test
    void shouldDeliverEveryRecordInOrderWhenPublishedAsFastAsPossible(@TempDir final Path dir) throws Exception
    {
        final RecordedRun run = RecordedRun.record(dir, RecordedRun.settings(20_000, 3, 10_000, 0), s -> false);
        final List<RecordedRun.Entry> inputs = RecordedRun.read(run.directory, Journals.INPUT);
        final Received received = publishAndReceive(run, 0, inputs.size());
        assertEquals(inputs.size(), received.messages.size());
        for (int i = 0; i < inputs.size(); i++)
        {
            assertArrayEquals(inputs.get(i).payload(), received.messages.get(i), "message " + i);
        }
        assertEquals(inputs.size(), received.result.published());
    }

    @Test
    void shouldTakeTheRecordedSpanWhenPublishedAtRecordedPace(@TempDir final Path dir) throws Exception
    {
        // about 0.6 s of engine time over 300 commands
        final RecordedRun run = RecordedRun.record(dir, RecordedRun.settings(300, 9, 500, 0), s -> false);
        final List<RecordedRun.Entry> inputs = RecordedRun.read(run.directory, Journals.INPUT);
        final long spanNs = inputs.get(inputs.size() - 1).timestampNs() - inputs.get(0).timestampNs();
        // tolerance read from the journal: half its span, plus 1 ms of scheduling per record
        final long toleranceNs = spanNs / 2 + inputs.size() * TimeUnit.MILLISECONDS.toNanos(1);

        final Received received = publishAndReceive(run, 1.0, inputs.size());
        assertEquals(inputs.size(), received.messages.size());
        assertEquals(spanNs, received.result.recordedSpanNs());
        assertTrue(received.elapsedNs >= spanNs - toleranceNs && received.elapsedNs <= spanNs + toleranceNs,
            "elapsed " + received.elapsedNs + " ns for a recorded span of " + spanNs + " ns, tolerance " +
            toleranceNs + " ns");
        // the pacer never runs ahead of the recording
        assertTrue(received.result.elapsedNs() >= spanNs, "publisher elapsed " + received.result.elapsedNs());
    }

    @Test
    void shouldFailNamingNoSubscriberWhenNobodyListens(@TempDir final Path dir)
    {
        final RecordedRun run = RecordedRun.record(dir, RecordedRun.settings(10, 1, 1_000, 0), s -> false);
        final RecordedRun.Run publish = RecordedRun.replay("publish", run.directory.toString(), "--max",
            "--aeron-dir", driver.aeronDirectoryName(), "--stream-id", "4242", "--timeout-ms", "200");
        assertEquals(1, publish.status(), publish.out() + publish.err());
        assertTrue(publish.err().contains("no subscriber connected to aeron:ipc stream 4242 within 200 ms"),
            publish.err());
    }

    private record Received(List<byte[]> messages, JournalPublisher.Result result, long elapsedNs)
    {
    }

    private Received publishAndReceive(final RecordedRun run, final double speed, final int expected)
        throws Exception
    {
        final List<byte[]> messages = new ArrayList<>();
        try (Subscription subscription = aeron.addSubscription(CHANNEL, STREAM_ID))
        {
            final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                messages.add(bytes);
            });
            final long startNs = System.nanoTime();
            final CompletableFuture<JournalPublisher.Result> result = CompletableFuture.supplyAsync(() ->
                new JournalPublisher(run.directory, speed, 1, Long.MAX_VALUE, TimeUnit.SECONDS.toNanos(10),
                    new BackoffIdleStrategy(), Progress.Mode.NEVER).run(aeron, CHANNEL, STREAM_ID));
            final BackoffIdleStrategy idle = new BackoffIdleStrategy();
            final long deadline = startNs + TimeUnit.SECONDS.toNanos(60);
            while (messages.size() < expected && System.nanoTime() < deadline && !result.isCompletedExceptionally())
            {
                idle.idle(subscription.poll(assembler, 256));
            }
            final long elapsedNs = System.nanoTime() - startNs;
            return new Received(messages, result.get(30, TimeUnit.SECONDS), elapsedNs);
        }
    }
}
