package io.pushline.engine;

import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.chain.GatedOutput;
import io.pushline.engine.chain.JournalNode;
import io.pushline.journal.Journal;
import io.pushline.journal.JournalReader;
import io.pushline.journal.RecoveryReport;
import io.pushline.journal.SyncPolicy;

/**
 * The engine's journals in its journal directory: {@code input-*.seg} holds every command as stamped on entry (the
 * source of truth for recovery and replay); {@code output-*.seg} every report (for replay verification). Opening them
 * recovers a torn tail; a corrupt record in the middle refuses the start unless repair is asked for.
 */
final class EngineJournals implements AutoCloseable
{
    private static final int HELD_REPLY_BYTES = 1 << 20;

    private final Journal inputs;
    private final Journal outputs;
    private final JournalNode node;
    private final GatedOutput output;

    private EngineJournals(final Engine.Context context)
    {
        inputs = Journal.open(new Journal.Context()
            .directory(context.journalDirectory())
            .filePrefix("input")
            .syncPolicy(context.syncPolicy())
            .repair(context.journalRepair()));
        // replies wait for the input journal only; the output journal is forced before every snapshot (replay after
        // a snapshot regenerates the reports after it), so it needs no force of its own per batch
        Journal opened = null;
        try
        {
            RecordedConfiguration.write(context, Math.max(0, inputs.appender().lastSequence()) + 1);
            opened = Journal.open(new Journal.Context()
                .directory(context.journalDirectory())
                .filePrefix("output")
                .syncPolicy(SyncPolicy.NONE)
                .repair(true));
        }
        catch (final RuntimeException ex)
        {
            inputs.close();
            throw ex;
        }
        outputs = opened;
        node = new JournalNode(inputs.appender(), inputs.appender().lastSequence());
        output = new GatedOutput(context.outputSink(), outputs.appender(),
            // one-thread chains (ONE_THREAD, INVOKER) have no journal stage in front of respond: replies are held
            // until the batch's inputs are durable
            context.layout() == ChainLayout.ONE_THREAD || context.layout() == ChainLayout.INVOKER, HELD_REPLY_BYTES);
        output.journal(node);
    }

    static EngineJournals open(final Engine.Context context)
    {
        return new EngineJournals(context);
    }

    JournalNode node()
    {
        return node;
    }

    GatedOutput output()
    {
        return output;
    }

    Journal inputs()
    {
        return inputs;
    }

    RecoveryReport inputRecovery()
    {
        return inputs.recoveryReport();
    }

    long lastInputSequence()
    {
        return inputs.appender().lastSequence();
    }

    void syncOutputs()
    {
        outputs.appender().sync();
    }

    /**
     * Feed the engine every journaled command after a sequence, as it was stamped, with no reply to any client.
     *
     * @param engine        to feed; its chain is running.
     * @param afterSequence last sequence the engine already holds (from a snapshot), or 0.
     * @return commands replayed.
     */
    long replay(final Engine engine, final long afterSequence)
    {
        output.recovering(true);
        long replayed = 0;
        try (JournalReader reader = inputs.newReader())
        {
            reader.seek(afterSequence + 1);
            final long[] count = { 0 };
            final long[] expected = { afterSequence + 1 };
            while (reader.poll((buffer, offset, length, type, sequence, timestampNs) ->
            {
                if (type == JournalNode.INPUT_RECORD)
                {
                    if (sequence != expected[0])
                    {
                        throw new IllegalStateException("input journal " + inputs.context().directory() +
                            " has no command " + expected[0] + " (next is " + sequence + "): records between the" +
                            " snapshot and the journal are missing; restore them or start from an older snapshot");
                    }
                    engine.offerStamped(buffer, offset, length);
                    expected[0]++;
                    count[0]++;
                }
            }, 1024) > 0)
            {
                replayed = count[0];
            }
            replayed = count[0];
            engine.awaitIdle();
        }
        finally
        {
            output.recovering(false);
        }
        return replayed;
    }

    public void close()
    {
        inputs.close();
        outputs.close();
    }
}
