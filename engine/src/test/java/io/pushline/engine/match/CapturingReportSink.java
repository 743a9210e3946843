package io.pushline.engine.match;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ReportSink} for tests: keeps the committed reports of the current command in reusable slots, and checks
 * that a matcher claims and commits in turn.
 */
public final class CapturingReportSink implements ReportSink
{
    private final List<Report> slots = new ArrayList<>();
    private int size;
    private boolean claimed;

    public Report claim()
    {
        if (claimed)
        {
            throw new IllegalStateException("claim() twice without commit()");
        }
        claimed = true;
        if (size == slots.size())
        {
            slots.add(new Report());
        }
        return slots.get(size).reset();
    }

    public void commit()
    {
        if (!claimed)
        {
            throw new IllegalStateException("commit() without claim()");
        }
        claimed = false;
        size++;
    }

    /**
     * Forget the reports so far; the slots are reused.
     */
    public void clear()
    {
        if (claimed)
        {
            throw new IllegalStateException("a claimed report was never committed");
        }
        size = 0;
    }

    /**
     * @return number of committed reports since the last {@link #clear()}.
     */
    public int size()
    {
        return size;
    }

    /**
     * @param i index of a committed report.
     * @return the report; valid until the next {@link #clear()}.
     */
    public Report get(final int i)
    {
        if (i >= size)
        {
            throw new IndexOutOfBoundsException(i);
        }
        return slots.get(i);
    }

    /**
     * @return whether a report was claimed and not yet committed.
     */
    public boolean hasPendingClaim()
    {
        return claimed;
    }

    /**
     * @return copies of the committed reports since the last {@link #clear()}.
     */
    public List<Report> copies()
    {
        final List<Report> copies = new ArrayList<>(size);
        for (int i = 0; i < size; i++)
        {
            copies.add(new Report().copyFrom(slots.get(i)));
        }
        return copies;
    }

    /**
     * @param other another sink.
     * @return whether both hold equal reports in the same order.
     */
    public boolean sameReportsAs(final CapturingReportSink other)
    {
        if (size != other.size)
        {
            return false;
        }
        for (int i = 0; i < size; i++)
        {
            if (!slots.get(i).equals(other.slots.get(i)))
            {
                return false;
            }
        }
        return true;
    }
}
