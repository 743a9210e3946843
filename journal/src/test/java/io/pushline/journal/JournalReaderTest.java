package io.pushline.journal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.pushline.journal.JournalTests.appendRange;
import static io.pushline.journal.JournalTests.assertRecord;
import static io.pushline.journal.JournalTests.context;
import static io.pushline.journal.JournalTests.range;
import static io.pushline.journal.JournalTests.readAll;
import static io.pushline.journal.JournalTests.sequences;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalReaderTest
{
    private static final int PAYLOAD = 64;
    private static final int SLOT = RecordDescriptor.alignedLength(PAYLOAD);
    private static final int SEGMENT = 64 * 1024;
    private static final int INDEX_INTERVAL = 4096;
    private static final int COUNT = 20_000;

    @TempDir
    Path dir;

    @Test
    void shouldSeekThroughSparseIndexWhenStartingAtSequence()
    {
        try (Journal journal = Journal.open(context(dir).segmentLength(SEGMENT).indexIntervalLength(INDEX_INTERVAL)))
        {
            appendRange(journal.appender(), 1, COUNT, PAYLOAD);
            final int maxWalk = INDEX_INTERVAL / SLOT + 2;
            for (final long target : new long[]{ 1, 2, 12_345, 19_999, COUNT, 683, 5_000 })
            {
                try (JournalReader reader = journal.newReader())
                {
                    reader.seek(target);
                    final JournalTests.Collector collector = new JournalTests.Collector();
                    assertEquals(1, reader.poll(collector, 1));
                    assertRecord(collector.records.get(0), target, PAYLOAD);
                    assertTrue(reader.recordsScanned() <= maxWalk,
                        "seek to " + target + " read " + reader.recordsScanned() + " records, at most " + maxWalk);
                }
            }
        }
        try (Journal journal = Journal.open(context(dir).segmentLength(SEGMENT).indexIntervalLength(INDEX_INTERVAL)))
        {
            try (JournalReader reader = journal.newReader())
            {
                reader.seek(15_000);
                final JournalTests.Collector collector = new JournalTests.Collector();
                reader.poll(collector, 1);
                assertEquals(15_000, collector.records.get(0).sequence());
                assertTrue(reader.recordsScanned() <= INDEX_INTERVAL / SLOT + 2, "index rebuilt by the open scan");
            }
        }
    }

    @Test
    void shouldSeekWithinOneSegmentWhenStandaloneReaderHasNoIndexYet()
    {
        try (Journal journal = Journal.open(context(dir).segmentLength(SEGMENT)))
        {
            appendRange(journal.appender(), 1, COUNT, PAYLOAD);
        }
        final JournalReader.Context ctx = new JournalReader.Context()
            .directory(dir)
            .indexIntervalLength(INDEX_INTERVAL);
        try (JournalReader reader = JournalReader.open(ctx))
        {
            reader.seek(17_777);
            final JournalTests.Collector collector = new JournalTests.Collector();
            assertEquals(1, reader.poll(collector, 1));
            assertRecord(collector.records.get(0), 17_777, PAYLOAD);
            final long firstWalk = reader.recordsScanned();
            assertTrue(firstWalk <= SEGMENT / SLOT, "walked at most one segment: " + firstWalk);

            readAll(reader);
            final long afterReadingAll = reader.recordsScanned();
            reader.seek(18_500);
            assertEquals(1, reader.poll(collector, 1));
            assertEquals(18_500, collector.records.get(1).sequence());
            assertTrue(reader.recordsScanned() - afterReadingAll <= INDEX_INTERVAL / SLOT + 2,
                "the reader indexed what it read");
        }
    }

    @Test
    void shouldSkipLaterRecordsBelowTargetWhenSeekingBeyondTail()
    {
        try (Journal journal = Journal.open(context(dir)))
        {
            final JournalAppender appender = journal.appender();
            appendRange(appender, 1, 10, 20);
            try (JournalReader reader = journal.newReader())
            {
                reader.seek(15);
                final JournalTests.Collector collector = new JournalTests.Collector();
                assertEquals(0, reader.poll(collector, 100));
                appendRange(appender, 11, 20, 20);
                assertEquals(6, reader.poll(collector, 100));
                assertArrayEquals(range(15, 20), sequences(collector.records));
                reader.seek(3);
                assertEquals(18, reader.poll(collector, 100));
                assertEquals(3, collector.records.get(6).sequence());
            }
        }
    }

    @Test
    void shouldFollowAppenderAcrossSegmentsWhenReadingOnAnotherThread() throws InterruptedException
    {
        final int count = 30_000;
        try (Journal journal = Journal.open(context(dir)))
        {
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final JournalTests.Collector collector = new JournalTests.Collector();
            final Thread tailer = new Thread(() ->
            {
                try (JournalReader reader = journal.newReader())
                {
                    final long deadline = System.nanoTime() + 20_000_000_000L;
                    while (collector.size() < count && System.nanoTime() < deadline)
                    {
                        if (reader.poll(collector, 64) == 0)
                        {
                            Thread.yield();
                        }
                    }
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            });
            tailer.start();
            final JournalAppender appender = journal.appender();
            for (long sequence = 1; sequence <= count; sequence += 100)
            {
                appendRange(appender, sequence, sequence + 99, -1);
                appender.commitBatch();
                Thread.yield();
            }
            tailer.join(30_000);
            assertNull(failure.get());
            final List<JournalTests.Rec> records = collector.records;
            assertEquals(count, records.size());
            for (int i = 0; i < count; i++)
            {
                assertRecord(records.get(i), i + 1, -1);
            }
        }
    }
}
