package io.pushline.engine.chain;

import com.lmax.disruptor.dsl.Disruptor;
import io.pushline.engine.match.Matcher;
import org.agrona.concurrent.IdleStrategy;

/**
 * The two ways validation reaches the shards.
 */
final class ShardGates
{
    private ShardGates()
    {
    }

    /**
     * Validate and match on one thread: the shard has always processed everything before the current command.
     */
    static final class SameThread implements ShardGate
    {
        private final Matcher matcher;

        SameThread(final Matcher matcher)
        {
            this.matcher = matcher;
        }

        public void awaitShard(final int shard, final long ringSequence)
        {
        }

        public Matcher matcher(final int shard)
        {
            return matcher;
        }

        public int shardCount()
        {
            return 1;
        }
    }

    /**
     * Shards on their own threads: publish validate's progress so the shard can reach the sequence, then wait for it.
     * Once there, the shard is idle waiting for validate, so reading its state is safe.
     */
    static final class AcrossThreads implements ShardGate
    {
        private final Disruptor<CommandEvent> disruptor;
        private final Matcher[] matchers;
        private final IdleStrategy idleStrategy;
        private final RunState runState;
        private ChainHandlers.Validate validate;
        private ChainHandlers.Match[] shards;

        AcrossThreads(
            final Disruptor<CommandEvent> disruptor,
            final Matcher[] matchers,
            final IdleStrategy idleStrategy,
            final RunState runState)
        {
            this.disruptor = disruptor;
            this.matchers = matchers;
            this.idleStrategy = idleStrategy;
            this.runState = runState;
        }

        /** The handlers exist only after the nodes that use this gate, so they are bound afterwards. */
        void bind(final ChainHandlers.Validate validate, final ChainHandlers.Match[] shards)
        {
            this.validate = validate;
            this.shards = shards;
        }

        public void awaitShard(final int shard, final long ringSequence)
        {
            validate.publishProgress(ringSequence);
            while (disruptor.getSequenceValueFor(shards[shard]) < ringSequence)
            {
                runState.checkRunning();
                idleStrategy.idle();
            }
            idleStrategy.reset();
        }

        public Matcher matcher(final int shard)
        {
            return matchers[shard];
        }

        public int shardCount()
        {
            return matchers.length;
        }
    }
}
