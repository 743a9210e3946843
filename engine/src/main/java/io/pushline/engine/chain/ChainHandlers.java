package io.pushline.engine.chain;

import java.util.function.LongSupplier;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import org.agrona.concurrent.IdleStrategy;

/**
 * The Disruptor handlers that run the nodes: one for the whole chain on one thread, or one per node.
 */
final class ChainHandlers
{
    private ChainHandlers()
    {
    }

    /**
     * Every node on one thread, event by event. A full report stream is pushed downstream at once
     * ("more to follow"), so no wait is ever needed.
     */
    static final class OneThread implements EventHandler<CommandEvent>
    {
        private final JournalNode journal;
        private final LongSupplier cursor;
        private final ValidateNode validate;
        private final MatchNode match;
        private final RespondNode respond;
        private final NodeCounters chainCounters;

        OneThread(final JournalNode journal, final LongSupplier cursor, final ValidateNode validate,
            final MatchNode match, final RespondNode respond, final NodeCounters chainCounters)
        {
            this.journal = journal;
            this.cursor = cursor;
            this.validate = validate;
            this.match = match;
            this.respond = respond;
            this.chainCounters = chainCounters;
        }

        public void onBatchStart(final long batchSize, final long queueDepth)
        {
            // per-node time would cost a clock read per node per event: on one thread only the chain is timed
            chainCounters.batchStart(System.nanoTime());
        }

        public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
        {
            if (journal != null)
            {
                journal.onEvent(event);
            }
            validate.onEvent(event, sequence);
            respond.begin(event);
            match.onEvent(event);
            if (!respond.drain())
            {
                throw new IllegalStateException("one-thread chain left a command incomplete at " + sequence);
            }
            chainCounters.event();
            if (endOfBatch)
            {
                if (journal != null)
                {
                    // commit the batch's inputs; replies leave only once durable (see GatedOutput)
                    journal.endOfBatch(cursor.getAsLong() == sequence);
                }
                respond.endOfBatch();
                chainCounters.batchEnd(System.nanoTime());
                validate.counters().publishUntimed();
                match.counters().publishUntimed();
                respond.counters().publishUntimed();
            }
        }
    }

    /**
     * The validate stage. Publishes its progress mid-batch when it must wait for a shard, so the shard can catch up.
     */
    static final class Validate implements EventHandler<CommandEvent>
    {
        private final ValidateNode node;
        private Sequence sequenceCallback;

        Validate(final ValidateNode node)
        {
            this.node = node;
        }

        public void setSequenceCallback(final Sequence sequenceCallback)
        {
            this.sequenceCallback = sequenceCallback;
        }

        void publishProgress(final long sequence)
        {
            if (sequenceCallback.get() < sequence)
            {
                sequenceCallback.set(sequence);
            }
        }

        public void onBatchStart(final long batchSize, final long queueDepth)
        {
            node.counters().batchStart(System.nanoTime());
        }

        public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
        {
            node.onEvent(event, sequence);
            if (endOfBatch)
            {
                node.counters().batchEnd(System.nanoTime());
            }
        }
    }

    /**
     * The journal stage of the threaded layouts, beside validate: respond runs after it, and the Disruptor publishes
     * this stage's progress only after the batch's commit, so no reply leaves before its command is durable.
     */
    static final class Journal implements EventHandler<CommandEvent>
    {
        private final JournalNode node;

        Journal(final JournalNode node)
        {
            this.node = node;
        }

        public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
        {
            node.onEvent(event);
            if (endOfBatch)
            {
                // respond runs after this stage's batch, so its records must be durable now: PERIODIC syncs every
                // batch here, like PER_BATCH (a stronger guarantee, never a weaker one)
                node.syncNow();
            }
        }
    }

    /**
     * One match shard stage.
     */
    static final class Match implements EventHandler<CommandEvent>
    {
        private final MatchNode node;

        Match(final MatchNode node)
        {
            this.node = node;
        }

        public void onBatchStart(final long batchSize, final long queueDepth)
        {
            node.counters().batchStart(System.nanoTime());
        }

        public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
        {
            node.onEvent(event);
            if (endOfBatch)
            {
                node.counters().batchEnd(System.nanoTime());
            }
        }
    }

    /**
     * The respond stage: gated on validate only, it pulls each command's reports from the shard streams as they are
     * written, so a shard never waits for a whole command to fit.
     */
    static final class Respond implements EventHandler<CommandEvent>
    {
        private final RespondNode node;
        private final IdleStrategy idleStrategy;
        private final RunState runState;

        Respond(final RespondNode node, final IdleStrategy idleStrategy, final RunState runState)
        {
            this.node = node;
            this.idleStrategy = idleStrategy;
            this.runState = runState;
        }

        public void onBatchStart(final long batchSize, final long queueDepth)
        {
            node.counters().batchStart(System.nanoTime());
        }

        public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
        {
            node.begin(event);
            while (!node.drain())
            {
                runState.checkRunning();
                idleStrategy.idle();
            }
            idleStrategy.reset();
            if (endOfBatch)
            {
                node.endOfBatch();
                node.counters().batchEnd(System.nanoTime());
            }
        }
    }
}
