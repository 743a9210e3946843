package io.pushline.engine.chain;

import io.pushline.journal.JournalAppender;

/**
 * First node when the engine journals: appends every input, as stamped on entry, to the input journal, and at the end
 * of each batch commits it under the journal's sync policy. Replies wait for that commit (see {@link GatedOutput} and
 * the stage order of the threaded layouts), so no reply ever leaves before its command's record is durable.
 */
public final class JournalNode
{
    /** Record type of an input command in the input journal. */
    public static final int INPUT_RECORD = 1;
    /** Record type of a report in the output journal. */
    public static final int OUTPUT_RECORD = 2;

    private final JournalAppender inputs;
    private final long recoveredThrough;
    /** Durable sequence as last published by the chain's thread, for readers on other threads (the replica). */
    private volatile long durable;

    /**
     * @param inputs           appender of the input journal.
     * @param recoveredThrough last sequence already in the journal: commands replayed at recovery are not appended
     *                         again.
     */
    public JournalNode(final JournalAppender inputs, final long recoveredThrough)
    {
        this.inputs = inputs;
        this.recoveredThrough = recoveredThrough;
        this.durable = recoveredThrough;
    }

    void onEvent(final CommandEvent event)
    {
        if (event.sequence > recoveredThrough)
        {
            inputs.append(event.input, 0, event.inputLength, INPUT_RECORD, event.sequence, event.timestampNs);
        }
    }

    /**
     * Commit the batch under the sync policy (PERIODIC: only once the interval has passed).
     *
     * @param idle true when no further command is waiting: then every record is made durable now, so a quiet stream
     *             never leaves a reply held.
     */
    void endOfBatch(final boolean idle)
    {
        inputs.commitBatch();
        if (idle && inputs.durableSequence() < inputs.lastSequence())
        {
            inputs.sync();
        }
        publishDurable();
    }

    /**
     * Make every appended record durable now (held replies no longer fit).
     */
    void syncNow()
    {
        inputs.commitBatch();
        if (inputs.durableSequence() < inputs.lastSequence())
        {
            inputs.sync();
        }
        publishDurable();
    }

    private void publishDurable()
    {
        durable = Math.max(inputs.durableSequence(), recoveredThrough);
    }

    /**
     * @return last input sequence whose record meets the sync policy, as of the last batch; any thread may ask.
     */
    public long durableSequence()
    {
        return durable;
    }
}
