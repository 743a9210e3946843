package io.pushline.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.pushline.journal.JournalTests.SMALL_SEGMENT;
import static io.pushline.journal.JournalTests.appendRange;
import static io.pushline.journal.JournalTests.assertRecord;
import static io.pushline.journal.JournalTests.bytes;
import static io.pushline.journal.JournalTests.context;
import static io.pushline.journal.JournalTests.flipBit;
import static io.pushline.journal.JournalTests.range;
import static io.pushline.journal.JournalTests.readAll;
import static io.pushline.journal.JournalTests.restore;
import static io.pushline.journal.JournalTests.segmentFile;
import static io.pushline.journal.JournalTests.segmentFiles;
import static io.pushline.journal.JournalTests.sequences;
import static io.pushline.journal.JournalTests.truncate;
import static io.pushline.journal.JournalTests.zero;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalRecoveryTest
{
    private static final int RECORDS = 20;
    private static final int PAYLOAD = 100;
    private static final int FRAME = RecordDescriptor.HEADER_LENGTH + PAYLOAD;
    private static final int SLOT = RecordDescriptor.alignedLength(PAYLOAD);
    private static final int LAST = (RECORDS - 1) * SLOT;
    private static final Set<RecoveryReport.Reason> DAMAGE = EnumSet.of(RecoveryReport.Reason.BAD_CHECKSUM,
        RecoveryReport.Reason.BAD_LENGTH, RecoveryReport.Reason.BAD_HEADER, RecoveryReport.Reason.BAD_SEQUENCE,
        RecoveryReport.Reason.BAD_PADDING);

    @TempDir
    Path dir;

    @Test
    void shouldCutTornLastRecordWhenZeroedFromEveryByteOffset() throws IOException
    {
        final Path file = writeOneSegment();
        final byte[] original = bytes(file);
        for (int cut = 0; cut < FRAME; cut++)
        {
            restore(file, original);
            zero(file, LAST + cut, SLOT - cut);
            assertReaderStopsBeforeLastRecord();
            try (Journal journal = Journal.open(context(dir)))
            {
                final RecoveryReport report = journal.recoveryReport();
                if (cut == 0)
                {
                    assertTrue(report.isClean(), report.toString());
                }
                else
                {
                    assertTrue(DAMAGE.contains(report.reason()), cut + ": " + report);
                    assertEquals(LAST, report.offset(), report.toString());
                    assertEquals(file, report.file());
                    assertEquals(RECORDS - 1, report.lastValidSequence());
                    assertTrue(report.bytesCut() > 0 && report.bytesCut() <= cut, cut + ": " + report);
                    assertFalse(report.middleCorruption());
                }
                assertResumesAfterRecord(journal, RECORDS - 1);
            }
            assertReopensCleanWithNewLastRecord();
        }
    }

    @Test
    void shouldCutTornLastRecordWhenFileIsTruncatedAtEveryByteOffset() throws IOException
    {
        final Path file = writeOneSegment();
        final byte[] original = bytes(file);
        for (int cut = 0; cut < FRAME; cut++)
        {
            restore(file, original);
            truncate(file, LAST + cut);
            try (Journal journal = Journal.open(context(dir)))
            {
                final RecoveryReport report = journal.recoveryReport();
                assertEquals(cut == 0 ? RecoveryReport.Reason.SHORT_FILE : RecoveryReport.Reason.BAD_CHECKSUM,
                    report.reason(), cut + ": " + report);
                assertEquals(SMALL_SEGMENT, Files.size(file));
                assertResumesAfterRecord(journal, RECORDS - 1);
            }
            assertReopensCleanWithNewLastRecord();
        }
    }

    @Test
    void shouldCutLastRecordWhenAnyBitOfItIsFlipped() throws IOException
    {
        final Path file = writeOneSegment();
        final byte[] original = bytes(file);
        for (int bit = 0; bit < FRAME * 8; bit++)
        {
            restore(file, original);
            flipBit(file, LAST + bit / 8, bit % 8);
            assertReaderStopsBeforeLastRecord();
            try (Journal journal = Journal.open(context(dir)))
            {
                final RecoveryReport report = journal.recoveryReport();
                assertTrue(DAMAGE.contains(report.reason()), bit + ": " + report);
                assertEquals(LAST, report.position(), bit + ": " + report);
                assertFalse(report.middleCorruption(), bit + ": " + report);
                assertResumesAfterRecord(journal, RECORDS - 1);
            }
        }
    }

    @Test
    void shouldCutRecordWhoseLengthWasNeverWritten() throws IOException
    {
        final Path file = writeOneSegment();
        zero(file, LAST, 4);
        try (Journal journal = Journal.open(context(dir)))
        {
            final RecoveryReport report = journal.recoveryReport();
            assertEquals(RecoveryReport.Reason.INCOMPLETE_RECORD, report.reason(), report.toString());
            assertEquals(FRAME, report.bytesCut(), "from the length word to the last byte written");
            assertEquals(Journal.NULL_SEQUENCE, report.recordSequence());
            assertResumesAfterRecord(journal, RECORDS - 1);
        }
        assertReopensCleanWithNewLastRecord();
    }

    @Test
    void shouldOpenCleanWhenTailIsZeroFilled() throws IOException
    {
        final Path file = writeOneSegment();
        zero(file, LAST - 2 * SLOT, SMALL_SEGMENT - (LAST - 2 * SLOT));
        try (Journal journal = Journal.open(context(dir)))
        {
            assertTrue(journal.recoveryReport().isClean(), journal.recoveryReport().toString());
            assertResumesAfterRecord(journal, RECORDS - 3);
        }
    }

    @Test
    void shouldRefuseAndThenRepairWhenMiddleRecordHasFlippedBit() throws IOException
    {
        final int[] bits = { 0, 2, 7, 30, 31, 4 * 8 + 3, 8 * 8, 8 * 8 + 63, 16 * 8 + 5, 24 * 8 + 1, 28 * 8, 29 * 8,
            31 * 8 + 7, 32 * 8, 32 * 8 + 400, (FRAME - 1) * 8 + 6 };
        final Path file = writeOneSegment();
        final byte[] original = bytes(file);
        final int middle = 9 * SLOT;
        for (final int bit : bits)
        {
            restore(file, original);
            flipBit(file, middle + bit / 8, bit % 8);
            final byte[] damaged = bytes(file);
            final JournalCorruptException ex = assertThrows(JournalCorruptException.class,
                () -> Journal.open(context(dir)), "bit " + bit);
            final String message = ex.getMessage();
            assertTrue(message.contains(file.toString()) && message.contains("offset " + middle) &&
                message.contains("after sequence 9") && message.contains("with sequence 11"), message);
            assertEquals(file, ex.file());
            assertEquals(middle, ex.offset());
            assertEquals(9, ex.sequence());
            assertTrue(DAMAGE.contains(ex.reason()), message);
            assertTrue(ex.report().bytesCut() >= (RECORDS - 10) * FRAME, ex.report().toString());
            assertArrayEquals(damaged, bytes(file), "refusing must not change the file");

            try (Journal journal = Journal.open(context(dir).repair(true)))
            {
                final RecoveryReport report = journal.recoveryReport();
                assertTrue(report.middleCorruption() && report.repaired(), report.toString());
                assertEquals(middle, report.offset());
                assertEquals(9, report.lastValidSequence());
                assertEquals(11, report.nextValidSequence());
                assertEquals(ex.report().bytesCut(), report.bytesCut());
                assertTrue(report.toString().contains("repaired"), report.toString());
                assertResumesAfterRecord(journal, 9);
            }
            try (Journal journal = Journal.open(context(dir)))
            {
                assertTrue(journal.recoveryReport().isClean(), journal.recoveryReport().toString());
            }
        }
    }

    @Test
    void shouldRefuseWhenZeroedHoleIsFollowedByValidRecords() throws IOException
    {
        final Path file = writeOneSegment();
        zero(file, 5 * SLOT, SLOT);
        final JournalCorruptException ex = assertThrows(JournalCorruptException.class,
            () -> Journal.open(context(dir)));
        assertEquals(RecoveryReport.Reason.INCOMPLETE_RECORD, ex.reason());
        assertEquals(5 * SLOT, ex.offset());
        try (Journal journal = Journal.open(context(dir).repair(true)))
        {
            assertResumesAfterRecord(journal, 5);
        }
    }

    @Test
    void shouldRefuseCorruptionInEarlierSegmentAndDeleteLaterSegmentsWhenRepaired() throws IOException
    {
        try (Journal journal = Journal.open(context(dir)))
        {
            appendRange(journal.appender(), 1, 200, PAYLOAD);
        }
        final List<Path> files = segmentFiles(dir);
        final int perSegment = SMALL_SEGMENT / SLOT;
        flipBit(files.get(2), 4L * SLOT + 50, 3);
        final JournalCorruptException ex = assertThrows(JournalCorruptException.class,
            () -> Journal.open(context(dir)));
        assertEquals(files.get(2), ex.file());
        assertEquals(4 * SLOT, ex.offset());
        assertEquals(2L * SMALL_SEGMENT + 4 * SLOT, ex.position());
        assertEquals(2L * perSegment + 4, ex.sequence());
        assertEquals(files.size() - 3, ex.report().segmentsDeleted());

        try (Journal journal = Journal.open(context(dir).repair(true)))
        {
            final RecoveryReport report = journal.recoveryReport();
            assertEquals(files.size() - 3, report.segmentsDeleted(), report.toString());
            assertEquals(3, segmentFiles(dir).size());
            assertResumesAfterRecord(journal, 2L * perSegment + 4);
        }
    }

    @Test
    void shouldRefuseMissingMiddleSegmentUnlessRepaired() throws IOException
    {
        try (Journal journal = Journal.open(context(dir)))
        {
            appendRange(journal.appender(), 1, 200, PAYLOAD);
        }
        final List<Path> files = segmentFiles(dir);
        Files.delete(files.get(3));
        final JournalCorruptException ex = assertThrows(JournalCorruptException.class,
            () -> Journal.open(context(dir)));
        assertEquals(RecoveryReport.Reason.MISSING_SEGMENT, ex.reason());
        assertEquals(files.get(3), ex.file());
        try (Journal journal = Journal.open(context(dir).repair(true)))
        {
            assertEquals(3L * SMALL_SEGMENT, journal.appender().position());
            assertEquals(3L * (SMALL_SEGMENT / SLOT), journal.appender().lastSequence());
            assertEquals(3, segmentFiles(dir).size());
        }
    }

    @Test
    void shouldRefuseShortMiddleSegmentUnlessRepaired() throws IOException
    {
        try (Journal journal = Journal.open(context(dir)))
        {
            appendRange(journal.appender(), 1, 200, PAYLOAD);
        }
        final List<Path> files = segmentFiles(dir);
        truncate(files.get(1), 1000);
        final JournalCorruptException ex = assertThrows(JournalCorruptException.class,
            () -> Journal.open(context(dir)));
        assertEquals(RecoveryReport.Reason.SHORT_FILE, ex.reason());
        assertTrue(ex.getMessage().contains(files.get(1).toString()), ex.getMessage());
        try (Journal journal = Journal.open(context(dir).repair(true)))
        {
            assertTrue(journal.recoveryReport().repaired(), journal.recoveryReport().toString());
            assertEquals(SMALL_SEGMENT + 1000 / SLOT * SLOT, journal.appender().position());
        }
    }

    @Test
    void shouldDeleteLeftoverTemporarySegmentAndEmptyLaterSegment() throws IOException
    {
        final Path file = writeOneSegment();
        final Path temporary = dir.resolve(segmentFile(dir, SMALL_SEGMENT).getFileName() + ".tmp");
        Files.write(temporary, new byte[100]);
        Files.write(segmentFile(dir, SMALL_SEGMENT), new byte[SMALL_SEGMENT]);
        try (Journal journal = Journal.open(context(dir)))
        {
            final RecoveryReport report = journal.recoveryReport();
            assertEquals(1, report.temporaryFilesDeleted());
            assertEquals(1, report.segmentsDeleted());
            assertTrue(report.isClean(), report.toString());
            assertFalse(Files.exists(temporary));
            assertEquals(List.of(file), segmentFiles(dir));
            assertResumesAfterRecord(journal, RECORDS);
        }
    }

    @Test
    void shouldThrowCorruptionWhenReaderMeetsDamagedRecord() throws IOException
    {
        final Path file = writeOneSegment();
        flipBit(file, 3L * SLOT + 40, 0);
        try (JournalReader reader = JournalReader.open(new JournalReader.Context().directory(dir)))
        {
            final JournalTests.Collector collector = new JournalTests.Collector();
            final JournalCorruptException ex = assertThrows(JournalCorruptException.class,
                () -> reader.poll(collector, 100));
            assertEquals(3, collector.size());
            assertEquals(RecoveryReport.Reason.BAD_CHECKSUM, ex.reason());
            assertEquals(3 * SLOT, ex.offset());
            assertEquals(3, ex.sequence());
            assertNull(ex.report());
        }
    }

    private Path writeOneSegment()
    {
        try (Journal journal = Journal.open(context(dir)))
        {
            appendRange(journal.appender(), 1, RECORDS, PAYLOAD);
            assertEquals(RECORDS * SLOT, journal.appender().position());
        }
        return segmentFile(dir, 0);
    }

    /**
     * Before recovery a reader delivers the complete records and then either waits or reports damage, never more.
     */
    private void assertReaderStopsBeforeLastRecord()
    {
        final JournalTests.Collector collector = new JournalTests.Collector();
        try (JournalReader reader = JournalReader.open(new JournalReader.Context().directory(dir)))
        {
            while (reader.poll(collector, 100) > 0)
            {
                // keep polling
            }
        }
        catch (final JournalCorruptException ex)
        {
            assertEquals(LAST, ex.offset(), ex.getMessage());
        }
        assertArrayEquals(range(1, RECORDS - 1), sequences(collector.records));
    }

    private static void assertResumesAfterRecord(final Journal journal, final long lastSequence)
    {
        final JournalAppender appender = journal.appender();
        assertEquals(lastSequence, appender.lastSequence());
        assertEquals(lastSequence, journal.recoveryReport().recordsRecovered());
        final List<JournalTests.Rec> records = readAll(journal);
        assertArrayEquals(range(1, lastSequence), sequences(records));
        for (final JournalTests.Rec rec : records)
        {
            assertRecord(rec, rec.sequence(), PAYLOAD);
        }
        final long perSegment = SMALL_SEGMENT / SLOT;
        final long expected = lastSequence / perSegment * SMALL_SEGMENT + lastSequence % perSegment * SLOT;
        assertEquals(expected, appender.position());
    }

    private void assertReopensCleanWithNewLastRecord()
    {
        try (Journal journal = Journal.open(context(dir)))
        {
            appendRange(journal.appender(), RECORDS, RECORDS, 50);
        }
        try (Journal journal = Journal.open(context(dir)))
        {
            assertTrue(journal.recoveryReport().isClean(), journal.recoveryReport().toString());
            final List<JournalTests.Rec> records = readAll(journal);
            assertArrayEquals(range(1, RECORDS), sequences(records));
            assertRecord(records.get(RECORDS - 1), RECORDS, 50);
        }
    }
}
