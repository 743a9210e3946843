package io.pushline.journal;

import java.util.Arrays;

/**
 * Sparse map of sequence to record position: one entry for the first record of every segment and then one every
 * {@code indexIntervalLength} bytes, so a seek walks at most about that many bytes. Entries are added in journal
 * order. Thread-safe: the appender adds while readers look up (the lock is taken once per entry, not per record).
 */
final class SparseIndex
{
    private static final int INITIAL_CAPACITY = 256;

    private long[] sequences = new long[INITIAL_CAPACITY];
    private long[] positions = new long[INITIAL_CAPACITY];
    private int first;
    private int count;

    /**
     * Add an entry if it lies after the last one; otherwise ignore it.
     */
    synchronized void add(final long sequence, final long position)
    {
        if (count > first && (positions[count - 1] >= position || sequences[count - 1] >= sequence))
        {
            return;
        }
        if (count == sequences.length)
        {
            compactOrGrow();
        }
        sequences[count] = sequence;
        positions[count] = position;
        count++;
    }

    /**
     * @return position of the last indexed record whose sequence is at most {@code sequence}, or -1 if none.
     */
    synchronized long floorPosition(final long sequence)
    {
        int low = first;
        int high = count - 1;
        long found = -1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            if (sequences[mid] <= sequence)
            {
                found = positions[mid];
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return found;
    }

    /**
     * Drop entries before a position (their segments were deleted).
     */
    synchronized void removeBefore(final long position)
    {
        while (first < count && positions[first] < position)
        {
            first++;
        }
    }

    /**
     * Drop entries at or after a position (the journal was cut there).
     */
    synchronized void removeFrom(final long position)
    {
        while (count > first && positions[count - 1] >= position)
        {
            count--;
        }
    }

    synchronized int size()
    {
        return count - first;
    }

    private void compactOrGrow()
    {
        final int live = count - first;
        final int capacity = live * 2 > sequences.length ? sequences.length * 2 : sequences.length;
        final long[] newSequences = new long[capacity];
        final long[] newPositions = new long[capacity];
        System.arraycopy(sequences, first, newSequences, 0, live);
        System.arraycopy(positions, first, newPositions, 0, live);
        sequences = newSequences;
        positions = newPositions;
        first = 0;
        count = live;
    }

    public synchronized String toString()
    {
        return "SparseIndex{entries=" + (count - first) + ", first=" +
            (count > first ? Arrays.toString(new long[]{ sequences[first], positions[first] }) : "none") + "}";
    }
}
