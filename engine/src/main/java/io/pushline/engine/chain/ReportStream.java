package io.pushline.engine.chain;

import com.lmax.disruptor.Sequence;
import io.pushline.engine.match.Report;
import io.pushline.engine.match.ReportSink;

/**
 * A bounded single-producer single-consumer stream of pre-allocated reports from one match shard to the respond
 * node. When it is full the producer calls its {@link FullHandler}: on one thread that pushes what is there
 * downstream at once ("more to follow"); across threads it waits for the consumer. A command with more reports than
 * the stream holds therefore still yields them all, in order, with no allocation.
 */
public final class ReportStream implements ReportSink
{
    /**
     * What a producer does when the stream is full.
     */
    @FunctionalInterface
    public interface FullHandler
    {
        /**
         * Make room: consume from the stream, or wait for its consumer. Called repeatedly until there is room.
         */
        void onFull();
    }

    private final Report[] slots;
    private final int mask;
    private final Sequence published = new Sequence(0);
    private final Sequence consumed = new Sequence(0);
    private FullHandler fullHandler;
    private long producerPosition;
    private long consumerLimitCache;
    private long consumerPosition;
    private long publishedCache;

    /**
     * @param capacity power of two number of report slots.
     */
    public ReportStream(final int capacity)
    {
        if (capacity < 2 || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("report stream capacity must be a power of two >= 2: " + capacity);
        }
        slots = new Report[capacity];
        for (int i = 0; i < capacity; i++)
        {
            slots[i] = new Report();
        }
        mask = capacity - 1;
    }

    /**
     * @param fullHandler what the producer does when the stream is full.
     */
    public void fullHandler(final FullHandler fullHandler)
    {
        this.fullHandler = fullHandler;
    }

    /**
     * {@inheritDoc}
     */
    public Report claim()
    {
        if (producerPosition - consumerLimitCache >= slots.length)
        {
            consumerLimitCache = consumed.get();
            while (producerPosition - consumerLimitCache >= slots.length)
            {
                fullHandler.onFull();
                consumerLimitCache = consumed.get();
            }
        }
        return slots[(int)producerPosition & mask].reset();
    }

    /**
     * {@inheritDoc}
     */
    public void commit()
    {
        published.set(++producerPosition);
    }

    /**
     * Mark the end of the reports of advancing time (expiries) for the current command.
     */
    public void endOfTime()
    {
        claim().kind = Report.END_OF_TIME;
        commit();
    }

    /**
     * Mark the end of the current command's reports.
     */
    public void endOfCommand()
    {
        claim().kind = Report.END_OF_COMMAND;
        commit();
    }

    /**
     * @return the next report for the consumer, or null if none is published yet. Stays valid until {@link #pop()}.
     */
    public Report peek()
    {
        if (consumerPosition >= publishedCache)
        {
            publishedCache = published.get();
            if (consumerPosition >= publishedCache)
            {
                return null;
            }
        }
        return slots[(int)consumerPosition & mask];
    }

    /**
     * Release the report returned by {@link #peek()}.
     */
    public void pop()
    {
        consumed.set(++consumerPosition);
    }
}
