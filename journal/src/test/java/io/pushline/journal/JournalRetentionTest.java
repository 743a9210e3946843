package io.pushline.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.pushline.journal.JournalTests.SMALL_SEGMENT;
import static io.pushline.journal.JournalTests.appendRange;
import static io.pushline.journal.JournalTests.context;
import static io.pushline.journal.JournalTests.readAll;
import static io.pushline.journal.JournalTests.segmentFile;
import static io.pushline.journal.JournalTests.segmentFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalRetentionTest
{
    private static final int PAYLOAD = 100;
    private static final int PER_SEGMENT = JournalTests.SMALL_SEGMENT / RecordDescriptor.alignedLength(PAYLOAD);
    private static final long HOUR_MS = TimeUnit.HOURS.toMillis(1);

    @TempDir
    Path dir;

    @Test
    void shouldKeepNewestSegmentsWithinTotalLengthWhenRolling() throws IOException
    {
        try (Journal journal = Journal.open(context(dir).retentionMaxTotalLength(3L * SMALL_SEGMENT)))
        {
            final JournalAppender appender = journal.appender();
            appendRange(appender, 1, 40L * PER_SEGMENT + 3, PAYLOAD);
            final List<Path> files = segmentFiles(dir);
            assertEquals(3, files.size(), files.toString());
            assertEquals(segmentFile(dir, 40L * SMALL_SEGMENT), files.get(2), "the active segment is kept");

            final List<JournalTests.Rec> records = readAll(journal);
            assertEquals(2L * PER_SEGMENT + 3, records.size());
            assertEquals(38L * PER_SEGMENT + 1, records.get(0).sequence());
            try (JournalReader reader = journal.newReader())
            {
                reader.seek(5);
                final JournalTests.Collector collector = new JournalTests.Collector();
                reader.poll(collector, 1);
                assertEquals(38L * PER_SEGMENT + 1, collector.records.get(0).sequence(), "oldest left");
            }
        }
        try (Journal journal = Journal.open(context(dir)))
        {
            assertTrue(journal.recoveryReport().isClean(), journal.recoveryReport().toString());
            assertEquals(2L * PER_SEGMENT + 3, journal.recoveryReport().recordsRecovered());
        }
    }

    @Test
    void shouldDeleteOnlyClosedSegmentsOlderThanMaxAge() throws IOException
    {
        final CachedEpochClock epochClock = new CachedEpochClock();
        final CachedNanoClock nanoClock = new CachedNanoClock();
        final long now = System.currentTimeMillis(); // files written below get the real time
        epochClock.update(now);
        try (Journal journal = Journal.open(context(dir)
            .retentionMaxAgeNs(TimeUnit.HOURS.toNanos(1))
            .retentionCheckIntervalNs(TimeUnit.SECONDS.toNanos(1))
            .epochClock(epochClock)
            .nanoClock(nanoClock)))
        {
            final JournalAppender appender = journal.appender();
            appendRange(appender, 1, 5L * PER_SEGMENT + 1, PAYLOAD);
            final List<Path> files = segmentFiles(dir);
            assertEquals(6, files.size());
            for (int i = 0; i < files.size(); i++)
            {
                final long ageMs = i < 2 || i == 5 ? 2 * HOUR_MS : HOUR_MS / 2;
                Files.setLastModifiedTime(files.get(i), FileTime.fromMillis(now - ageMs));
            }

            assertEquals(2, appender.doWork(), "segments 0 and 1 are old; 5 is old but active");
            assertEquals(files.subList(2, 6), segmentFiles(dir));
            assertEquals(0, appender.doWork(), "not checked again within the interval");

            epochClock.update(now + HOUR_MS);
            assertEquals(3, journal.applyRetention(), "now 2, 3 and 4 are old");
            assertEquals(List.of(files.get(5)), segmentFiles(dir));
            assertEquals(1, readAll(journal).size());
        }
    }
}
