package io.pushline.replay;

import io.pushline.journal.JournalHandler;
import io.pushline.journal.JournalReader;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

/**
 * Compares every report of the re-run engine in {@code verify} (read from the {@link ReportQueue}), byte for byte,
 * with the next record of the recorded output journal as both stream (nothing is allocated per report). At the first
 * difference it keeps copies of both messages and stops comparing. Runs on the thread that feeds the engine.
 */
final class ReportComparator implements MessageHandler, JournalHandler
{
    /** Why comparing stopped. */
    enum Outcome
    {
        /** Still equal. */
        EQUAL,
        /** The re-run's report differs from the recorded one. */
        DIFFERENT,
        /** The re-run produced a report the output journal does not have. */
        MISSING_IN_JOURNAL,
        /** Reading the output journal failed (corrupt record). */
        FAILED
    }

    private final JournalReader expectedReports;
    private final ExpandableArrayBuffer expectedCopy = new ExpandableArrayBuffer(256);
    private final ExpandableArrayBuffer actualCopy = new ExpandableArrayBuffer(256);
    private DirectBuffer expectedBuffer;
    private int expectedOffset;
    private int expectedLength;
    private long expectedSequence;
    private int expectedCopyLength;
    private int actualCopyLength;
    private long compared;
    private Outcome outcome = Outcome.EQUAL;
    private RuntimeException failure;

    ReportComparator(final JournalReader expectedReports)
    {
        this.expectedReports = expectedReports;
    }

    public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        if (outcome != Outcome.EQUAL)
        {
            return;
        }
        try
        {
            if (expectedReports.poll(this, 1) == 0)
            {
                keep(null, 0, 0, buffer, offset, length);
                outcome = Outcome.MISSING_IN_JOURNAL;
                return;
            }
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
            outcome = Outcome.FAILED;
            return;
        }
        if (expectedLength != length || !equal(expectedBuffer, expectedOffset, buffer, offset, length))
        {
            keep(expectedBuffer, expectedOffset, expectedLength, buffer, offset, length);
            outcome = Outcome.DIFFERENT;
            return;
        }
        compared++;
    }

    /** The next recorded report (called by the output journal reader). */
    public void onRecord(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int type,
        final long sequence,
        final long timestampNs)
    {
        expectedBuffer = buffer;
        expectedOffset = offset;
        expectedLength = length;
        expectedSequence = sequence;
    }

    /**
     * Read the next recorded report on the caller's thread (after the re-run is idle): is there one the re-run lacks?
     *
     * @return true if the output journal holds another report; it is then kept as the expected message.
     */
    boolean pollExtraReport()
    {
        if (expectedReports.poll(this, 1) == 0)
        {
            return false;
        }
        keep(expectedBuffer, expectedOffset, expectedLength, null, 0, 0);
        return true;
    }

    private void keep(
        final DirectBuffer expected,
        final int expectedAt,
        final int expectedBytes,
        final DirectBuffer actual,
        final int actualAt,
        final int actualBytes)
    {
        expectedCopyLength = expected == null ? 0 : expectedBytes;
        if (expected != null)
        {
            expectedCopy.putBytes(0, expected, expectedAt, expectedBytes);
        }
        actualCopyLength = actual == null ? 0 : actualBytes;
        if (actual != null)
        {
            actualCopy.putBytes(0, actual, actualAt, actualBytes);
        }
    }

    private static boolean equal(
        final DirectBuffer a, final int aOffset, final DirectBuffer b, final int bOffset, final int length)
    {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            if (a.getLong(aOffset + i) != b.getLong(bOffset + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (a.getByte(aOffset + i) != b.getByte(bOffset + i))
            {
                return false;
            }
        }
        return true;
    }

    boolean stopped()
    {
        return outcome != Outcome.EQUAL;
    }

    Outcome outcome()
    {
        return outcome;
    }

    RuntimeException failure()
    {
        return failure;
    }

    long compared()
    {
        return compared;
    }

    long expectedSequence()
    {
        return expectedSequence;
    }

    DirectBuffer expectedCopy()
    {
        return expectedCopy;
    }

    int expectedCopyLength()
    {
        return expectedCopyLength;
    }

    DirectBuffer actualCopy()
    {
        return actualCopy;
    }

    int actualCopyLength()
    {
        return actualCopyLength;
    }
}
