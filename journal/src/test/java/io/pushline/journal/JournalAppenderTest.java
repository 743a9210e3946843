package io.pushline.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.pushline.journal.JournalTests.SMALL_SEGMENT;
import static io.pushline.journal.JournalTests.appendRange;
import static io.pushline.journal.JournalTests.assertRecord;
import static io.pushline.journal.JournalTests.context;
import static io.pushline.journal.JournalTests.readAll;
import static io.pushline.journal.JournalTests.readAllStandalone;
import static io.pushline.journal.JournalTests.segmentFile;
import static io.pushline.journal.JournalTests.segmentFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalAppenderTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadEveryRecordBackWhenRecordsSpanManySegmentRolls() throws IOException
    {
        final int count = 5_000;
        try (Journal journal = Journal.open(context(dir)))
        {
            assertTrue(journal.recoveryReport().isClean());
            appendRange(journal.appender(), 1, count, -1);
            assertEquals(count, journal.appender().lastSequence());

            final List<JournalTests.Rec> records = readAll(journal);
            assertEquals(count, records.size());
            for (int i = 0; i < count; i++)
            {
                assertRecord(records.get(i), i + 1, -1);
            }
        }
        final int segments = segmentFiles(dir).size();
        assertTrue(segments > 50, "segments rolled: " + segments);

        final List<JournalTests.Rec> standalone = readAllStandalone(dir);
        assertEquals(count, standalone.size());
        assertRecord(standalone.get(count - 1), count, -1);

        try (Journal journal = Journal.open(context(dir)))
        {
            final RecoveryReport report = journal.recoveryReport();
            assertTrue(report.isClean(), report.toString());
            assertEquals(count, report.recordsRecovered());
            assertEquals(count, journal.appender().lastSequence());
            appendRange(journal.appender(), count + 1, count + 10, -1);
            final List<JournalTests.Rec> records = readAll(journal);
            assertEquals(count + 10, records.size());
            assertRecord(records.get(count + 9), count + 10, -1);
        }
    }

    @Test
    void shouldNameSegmentFilesByStartPositionWhenRolling() throws IOException
    {
        try (Journal journal = Journal.open(context(dir)))
        {
            appendRange(journal.appender(), 1, 200, 100);
        }
        final List<Path> files = segmentFiles(dir);
        assertEquals("journal-00000000000000000000.seg", files.get(0).getFileName().toString());
        assertEquals("journal-00000000000000004096.seg", files.get(1).getFileName().toString());
        for (final Path file : files)
        {
            assertEquals(SMALL_SEGMENT, Files.size(file));
        }
        assertEquals(4096, RecordDescriptor.parseStartPosition("journal", files.get(1).getFileName().toString()));
        assertEquals(-1, RecordDescriptor.parseStartPosition("journal", "journal-12.seg"));
    }

    @Test
    void shouldWritePayloadInPlaceWhenClaimedAndCommitted()
    {
        try (Journal journal = Journal.open(context(dir)))
        {
            final JournalAppender appender = journal.appender();
            final long position = appender.claim(16, 42, 7, 123);
            assertEquals(0, position);
            appender.buffer().putLong(appender.payloadOffset(), 0x1122334455667788L);
            appender.buffer().putLong(appender.payloadOffset() + 8, -1L);

            try (JournalReader reader = journal.newReader())
            {
                final JournalTests.Collector collector = new JournalTests.Collector();
                assertEquals(0, reader.poll(collector, 10), "not visible before commit");
                appender.commit();
                assertEquals(1, reader.poll(collector, 10));
                final JournalTests.Rec rec = collector.records.get(0);
                assertEquals(42, rec.type());
                assertEquals(7, rec.sequence());
                assertEquals(123, rec.timestampNs());
                assertEquals(0x1122334455667788L, new UnsafeBuffer(rec.payload()).getLong(0));
            }
            assertEquals(RecordDescriptor.alignedLength(16), appender.position());
        }
    }

    @Test
    void shouldLeaveNoTraceWhenClaimIsAborted()
    {
        try (Journal journal = Journal.open(context(dir)))
        {
            final JournalAppender appender = journal.appender();
            appendRange(appender, 1, 3, 40);
            final long before = appender.position();
            appender.claim(200, 1, 4, 4);
            appender.buffer().setMemory(appender.payloadOffset(), 200, (byte)0x55);
            appender.abort();
            assertEquals(before, appender.position());
            appendRange(appender, 4, 5, 40);
            assertEquals(5, readAll(journal).size());
        }
        try (Journal journal = Journal.open(context(dir)))
        {
            assertTrue(journal.recoveryReport().isClean(), journal.recoveryReport().toString());
        }
    }

    @Test
    void shouldRejectOutOfRangeArgumentsWhenClaiming()
    {
        try (Journal journal = Journal.open(context(dir)))
        {
            final JournalAppender appender = journal.appender();
            appendRange(appender, 10, 10, 8);
            assertThrows(IllegalArgumentException.class, () -> appender.claim(8, 0, 10, 0), "equal sequence");
            assertThrows(IllegalArgumentException.class, () -> appender.claim(8, 0, 9, 0), "lower sequence");
            assertThrows(IllegalArgumentException.class,
                () -> appender.claim(appender.maxPayloadLength() + 1, 0, 11, 0));
            assertThrows(IllegalArgumentException.class, () -> appender.claim(-1, 0, 11, 0));
            appender.claim(appender.maxPayloadLength(), 0, 11, 0);
            assertThrows(IllegalStateException.class, () -> appender.claim(8, 0, 12, 0), "claim already open");
            appender.commit();
            assertThrows(IllegalStateException.class, appender::commit);
            assertEquals(2, readAll(journal).size());
        }
    }

    @Test
    void shouldTrackDurablePositionPerPolicyWhenBatchesAreCommitted()
    {
        try (Journal journal = Journal.open(context(dir.resolve("none")).syncPolicy(SyncPolicy.NONE)))
        {
            final JournalAppender appender = journal.appender();
            appendRange(appender, 1, 3, 10);
            assertEquals(appender.position(), appender.durablePosition(), "NONE: durable on commit");
            assertEquals(3, appender.durableSequence());
        }
        try (Journal journal = Journal.open(context(dir.resolve("batch")).syncPolicy(SyncPolicy.PER_BATCH)))
        {
            final JournalAppender appender = journal.appender();
            appendRange(appender, 1, 3, 10);
            assertEquals(0, appender.durablePosition(), "PER_BATCH: not durable before the batch ends");
            assertEquals(Journal.NULL_SEQUENCE, appender.durableSequence());
            assertEquals(appender.position(), appender.commitBatch());
            assertEquals(3, appender.durableSequence());
            appendRange(appender, 4, 300, 10);
            assertTrue(appender.durableSequence() < 300 && appender.durableSequence() >= 3);
            appender.commitBatch();
            assertEquals(300, appender.durableSequence());
        }
        final CachedNanoClock clock = new CachedNanoClock();
        try (Journal journal = Journal.open(context(dir.resolve("periodic"))
            .syncPolicy(SyncPolicy.PERIODIC).syncIntervalNs(1_000_000).nanoClock(clock)))
        {
            final JournalAppender appender = journal.appender();
            appendRange(appender, 1, 3, 10);
            assertEquals(0, appender.commitBatch(), "PERIODIC: interval not passed");
            assertEquals(0, appender.doWork());
            clock.advance(1_000_000);
            assertEquals(1, appender.doWork());
            assertEquals(appender.position(), appender.durablePosition());
            assertEquals(3, appender.durableSequence());
            appendRange(appender, 4, 4, 10);
            assertEquals(3, appender.durableSequence());
            clock.advance(1_000_000);
            appender.commitBatch();
            assertEquals(4, appender.durableSequence());
        }
    }

    @Test
    void shouldFailNamingFileWhenDiskSpaceIsShortAndKeepEarlierRecords() throws IOException
    {
        try (Journal journal = Journal.open(context(dir)))
        {
            appendRange(journal.appender(), 1, 20, 100);
        }
        try (Journal journal = Journal.open(context(dir).minFreeSpaceLength(Long.MAX_VALUE / 4)))
        {
            final JournalAppender appender = journal.appender();
            final long before = appender.position();
            JournalException failure = null;
            for (long sequence = 21; failure == null; sequence++)
            {
                try
                {
                    appendRange(appender, sequence, sequence, 100);
                }
                catch (final JournalException ex)
                {
                    failure = ex;
                }
            }
            assertTrue(failure.getMessage().contains("disk full") &&
                failure.getMessage().contains(segmentFile(dir, SMALL_SEGMENT).toString()), failure.getMessage());
            assertTrue(appender.position() >= before);
            assertFalse(Files.exists(segmentFile(dir, SMALL_SEGMENT)));
            assertEquals(appender.lastSequence(), readAll(journal).size());
        }
        try (Journal journal = Journal.open(context(dir)))
        {
            assertTrue(journal.recoveryReport().isClean(), journal.recoveryReport().toString());
        }
    }

    @Test
    void shouldFailNamingFileWhenSegmentCannotBeCreated() throws IOException
    {
        try (Journal journal = Journal.open(context(dir)))
        {
            final Path obstacle = Files.createDirectories(
                dir.resolve(segmentFile(dir, 0).getFileName() + RecordDescriptor.TEMPORARY_SUFFIX));
            Files.write(obstacle.resolve("not-empty"), new byte[1]);
            final JournalException ex = assertThrows(JournalException.class,
                () -> appendRange(journal.appender(), 1, 1, 10));
            assertTrue(ex.getMessage().contains(segmentFile(dir, 0).toString()), ex.getMessage());
            assertEquals(0, journal.appender().position());
        }
    }

    @Test
    void shouldRefuseSecondWriterWhenJournalIsOpen()
    {
        try (Journal journal = Journal.open(context(dir)))
        {
            final JournalException ex = assertThrows(JournalException.class, () -> Journal.open(context(dir)));
            assertTrue(ex.getMessage().contains("already open"), ex.getMessage());
            appendRange(journal.appender(), 1, 1, 1);
        }
        try (Journal journal = Journal.open(context(dir)))
        {
            assertEquals(1, journal.appender().lastSequence());
        }
    }

    @Test
    void shouldNamePropertyWhenContextValueIsOutOfRange()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new Journal.Context().directory(dir).segmentLength(5000).conclude());
        assertTrue(ex.getMessage().startsWith(JournalConfiguration.SEGMENT_LENGTH_PROP_NAME), ex.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> new Journal.Context().directory(dir).segmentLength(1 << 31 >>> 1 << 1).conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new Journal.Context().directory(dir).filePrefix("a/b").conclude());
        assertThrows(IllegalArgumentException.class,
            () -> new Journal.Context().directory(dir).syncIntervalNs(0).conclude());
        final Journal.Context ctx = new Journal.Context().directory(dir).conclude();
        assertEquals(JournalConfiguration.SEGMENT_LENGTH_DEFAULT, ctx.segmentLength());
        assertEquals(JournalConfiguration.SYNC_POLICY_DEFAULT, ctx.syncPolicy());
        assertThrows(IllegalStateException.class, ctx::conclude);
    }

    @Test
    void shouldRefuseJournalWrittenWithAnotherSegmentLength()
    {
        try (Journal journal = Journal.open(context(dir)))
        {
            appendRange(journal.appender(), 1, 1, 1);
        }
        final JournalException ex = assertThrows(JournalException.class,
            () -> Journal.open(context(dir).segmentLength(SMALL_SEGMENT * 2)));
        assertTrue(ex.getMessage().contains("another segment length"), ex.getMessage());
    }
}
