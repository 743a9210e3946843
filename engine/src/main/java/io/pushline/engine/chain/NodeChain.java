package io.pushline.engine.chain;

import io.pushline.engine.match.InstrumentRules;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.match.Matcher;
import io.pushline.engine.match.SelfTradePrevention;
import io.pushline.engine.match.StateHash;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * The node chain on a Disruptor ring, laid out on threads as configured. Owns the ring, the nodes and their
 * counters; the engine in front of it stamps and publishes inputs.
 */
public final class NodeChain implements AutoCloseable
{
    /**
     * Everything the chain needs, already validated by the engine's context.
     *
     * @param instruments          every instrument, in file order.
     * @param layout               thread layout.
     * @param shardCount           match shards (1 unless SHARDED).
     * @param ringSize             ring slots, a power of two.
     * @param waitStrategy         how threads wait.
     * @param maxOrdersPerInstrument resting orders each instrument may hold.
     * @param reportStreamCapacity report slots per shard stream, a power of two.
     * @param selfTradePrevention  self-trade mode.
     * @param clientOrderIdCapacity initial capacity of the client order id table.
     * @param outputSink           where encoded reports go.
     * @param countersFactory      makes the counters.
     * @param threadFactory        makes the consumer threads.
     * @param matcherFactory       makes each shard's matcher.
     * @param journal              journals the inputs, or null.
     */
    public record Settings(
        List<InstrumentDefinition> instruments,
        ChainLayout layout,
        int shardCount,
        int ringSize,
        WaitStrategyType waitStrategy,
        int maxOrdersPerInstrument,
        int reportStreamCapacity,
        SelfTradePrevention selfTradePrevention,
        int clientOrderIdCapacity,
        OutputSink outputSink,
        NodeCounters.Factory countersFactory,
        ThreadFactory threadFactory,
        MatcherFactory matcherFactory,
        JournalNode journal)
    {
    }

    private final Settings settings;
    private final Disruptor<CommandEvent> disruptor;
    private final RingBuffer<CommandEvent> ringBuffer;
    private final Matcher[] matchers;
    private final ReportStream[] streams;
    private final MatchNode[] matchNodes;
    private final ValidateNode validateNode;
    private final RespondNode respondNode;
    private final NodeCounters chainCounters;
    private final InstrumentRules rules;
    private final SnapshotWriter snapshotWriter = new SnapshotWriter();
    private final RunState runState = new RunState();
    private InlineRunner inline;
    private boolean started;

    /**
     * Build the chain; {@link #start()} starts it, after an optional {@link #loadSnapshot}.
     *
     * @param settings what to build.
     */
    public NodeChain(final Settings settings)
    {
        this.settings = settings;
        final int shards = settings.layout() == ChainLayout.SHARDED ? settings.shardCount() : 1;
        final NodeCounters.Factory factory = settings.countersFactory();
        disruptor = new Disruptor<>(CommandEvent::new, settings.ringSize(), settings.threadFactory(),
            ProducerType.SINGLE, settings.waitStrategy().newWaitStrategy());
        matchers = new Matcher[shards];
        streams = new ReportStream[shards];
        matchNodes = new MatchNode[shards];
        for (int k = 0; k < shards; k++)
        {
            matchers[k] = settings.matcherFactory().newMatcher(
                settings.instruments(), k, shards, settings.maxOrdersPerInstrument(), settings.selfTradePrevention());
            streams[k] = new ReportStream(settings.reportStreamCapacity());
            matchNodes[k] = new MatchNode(k, shards, matchers[k], streams[k],
                new NodeCounters(shards == 1 ? "match" : "match-" + k, factory));
        }
        respondNode = new RespondNode(streams, settings.outputSink(), new NodeCounters("respond", factory));
        chainCounters = new NodeCounters("chain", factory);
        rules = new InstrumentRules(settings.instruments());
        final NodeCounters validateCounters = new NodeCounters("validate", factory);
        if (settings.layout() == ChainLayout.ONE_THREAD || settings.layout() == ChainLayout.INVOKER)
        {
            validateNode = new ValidateNode(rules, new ShardGates.SameThread(matchers[0]), validateCounters,
                settings.clientOrderIdCapacity());
            streams[0].fullHandler(respondNode::drain);
            final RingBuffer<CommandEvent> ring = disruptor.getRingBuffer();
            final ChainHandlers.OneThread handler = new ChainHandlers.OneThread(
                settings.journal(), ring::getCursor, validateNode, matchNodes[0], respondNode, chainCounters);
            if (settings.layout() == ChainLayout.INVOKER)
            {
                inline = new InlineRunner(ring, handler, runState);
            }
            else
            {
                disruptor.handleEventsWith(handler);
            }
        }
        else
        {
            final ShardGates.AcrossThreads gate = new ShardGates.AcrossThreads(
                disruptor, matchers, settings.waitStrategy().newIdleStrategy(), runState);
            validateNode = new ValidateNode(rules, gate, validateCounters, settings.clientOrderIdCapacity());
            wireStages(gate);
        }
        disruptor.setDefaultExceptionHandler(new FailFast(runState));
        ringBuffer = disruptor.getRingBuffer();
    }

    /**
     * A node that throws has a bug or a broken invariant: record it, stop the chain, and let every waiter see why.
     */
    private static final class FailFast implements ExceptionHandler<CommandEvent>
    {
        private final RunState runState;

        FailFast(final RunState runState)
        {
            this.runState = runState;
        }

        public void handleEventException(final Throwable ex, final long sequence, final CommandEvent event)
        {
            runState.fail(new IllegalStateException("node failed at ring sequence " + sequence + " on " +
                event.command() + ": " + ex, ex));
            throw new IllegalStateException("node failed at ring sequence " + sequence, ex);
        }

        public void handleOnStartException(final Throwable ex)
        {
            runState.fail(ex);
        }

        public void handleOnShutdownException(final Throwable ex)
        {
            runState.fail(ex);
        }
    }

    /**
     * Start the consumer threads.
     */
    public void start()
    {
        started = true;
        disruptor.start();
    }

    /**
     * Rebuild the state a snapshot holds; only before {@link #start()}.
     *
     * @param buffer holding the snapshot messages back to back.
     * @param length of the snapshot.
     * @return the sequence and time of the last command the snapshot includes.
     * @throws IllegalStateException naming the offset when the snapshot is corrupt.
     */
    public SnapshotPosition loadSnapshot(final DirectBuffer buffer, final int length)
    {
        if (started)
        {
            throw new IllegalStateException("a snapshot can only be loaded before the chain starts");
        }
        final SnapshotLoader.Position position =
            new SnapshotLoader().load(buffer, length, rules, validateNode, matchers);
        respondNode.reportSequence(position.reportSequence());
        return new SnapshotPosition(position.sequence(), position.timestampNs(), position.orderCount());
    }

    /**
     * Write the state as snapshot messages; waits until idle first. Call from the producer's thread so nothing is
     * offered meanwhile.
     *
     * @param sink        receives the messages.
     * @param sequence    of the last command offered.
     * @param timestampNs of the last command offered.
     * @return number of resting orders written.
     */
    public long writeSnapshot(final OutputSink sink, final long sequence, final long timestampNs)
    {
        awaitIdle();
        return snapshotWriter.write(sink, rules, matchers, sequence, timestampNs, respondNode.reportSequence());
    }

    /**
     * Where a snapshot leaves the engine.
     *
     * @param sequence    of the last command it includes.
     * @param timestampNs engine time of that command.
     * @param orderCount  resting orders it restored.
     */
    public record SnapshotPosition(long sequence, long timestampNs, long orderCount)
    {
    }

    private void wireStages(final ShardGates.AcrossThreads gate)
    {
        final ChainHandlers.Validate validate = new ChainHandlers.Validate(validateNode);
        final ChainHandlers.Match[] shards = new ChainHandlers.Match[matchNodes.length];
        for (int k = 0; k < shards.length; k++)
        {
            shards[k] = new ChainHandlers.Match(matchNodes[k]);
            final IdleStrategy idle = settings.waitStrategy().newIdleStrategy();
            streams[k].fullHandler(() ->
            {
                runState.checkRunning();
                idle.idle();
            });
        }
        final ChainHandlers.Respond respond = new ChainHandlers.Respond(
            respondNode, settings.waitStrategy().newIdleStrategy(), runState);
        disruptor.handleEventsWith(validate);
        disruptor.after(validate).handleEventsWith(shards);
        if (settings.journal() != null)
        {
            final ChainHandlers.Journal journal = new ChainHandlers.Journal(settings.journal());
            disruptor.handleEventsWith(journal);
            disruptor.after(validate, journal).handleEventsWith(respond);
        }
        else
        {
            disruptor.after(validate).handleEventsWith(respond);
        }
        gate.bind(validate, shards);
    }

    /**
     * @return the ring; the engine is its only producer.
     */
    public RingBuffer<CommandEvent> ringBuffer()
    {
        return ringBuffer;
    }

    /**
     * @return whether the ring has room for one more command now; throws if a node has failed or the chain closed.
     */
    public boolean hasCapacity()
    {
        runState.checkRunning();
        if (inline != null && !ringBuffer.hasAvailableCapacity(1))
        {
            // the offering thread is the consumer: make room by running the chain
            inline.run();
        }
        return ringBuffer.hasAvailableCapacity(1);
    }

    /**
     * INVOKER layout: run every node over everything published so far, on this (the offering) thread. Other
     * layouts: nothing (their threads run the chain).
     */
    public void runInline()
    {
        if (inline != null)
        {
            inline.run();
        }
    }

    /**
     * Wait until the ring has room for one more event; fails if the chain has failed or closed.
     */
    public void awaitCapacity()
    {
        if (inline != null && !ringBuffer.hasAvailableCapacity(1))
        {
            inline.run();
        }
        while (!ringBuffer.hasAvailableCapacity(1))
        {
            runState.checkRunning();
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * @return what made a node fail, or null.
     */
    public Throwable failure()
    {
        return runState.failure();
    }

    /**
     * Wait until every published event has been through every node.
     */
    public void awaitIdle()
    {
        final long target = ringBuffer.getCursor();
        while (ringBuffer.getMinimumGatingSequence() < target)
        {
            runState.checkRunning();
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * The engine's state hash: instrument hashes folded in ascending instrument index, whatever the sharding.
     * Call only when idle.
     *
     * @return the hash.
     */
    public long stateHash()
    {
        long hash = StateHash.EMPTY;
        for (int i = 0; i < settings.instruments().size(); i++)
        {
            hash = StateHash.mix(hash, matchers[i % matchers.length].instrumentStateHash(i));
        }
        return hash;
    }

    /**
     * @return orders resting over all shards; call only when idle.
     */
    public int restingOrderCount()
    {
        int count = 0;
        for (final Matcher matcher : matchers)
        {
            count += matcher.restingOrderCount();
        }
        return count;
    }

    /**
     * @return reports sent so far; call only when idle.
     */
    public long reportSequence()
    {
        return respondNode.reportSequence();
    }

    /**
     * @return counters of the validate node.
     */
    public NodeCounters validateCounters()
    {
        return validateNode.counters();
    }

    /**
     * @param shard index.
     * @return counters of one match shard.
     */
    public NodeCounters matchCounters(final int shard)
    {
        return matchNodes[shard].counters();
    }

    /**
     * @return counters of the respond node.
     */
    public NodeCounters respondCounters()
    {
        return respondNode.counters();
    }

    /**
     * @return counters of the whole chain (batches and time of the one-thread layout).
     */
    public NodeCounters chainCounters()
    {
        return chainCounters;
    }

    /**
     * @return number of match shards.
     */
    public int shardCount()
    {
        return matchers.length;
    }

    /**
     * Process what was published, then stop the threads.
     */
    public void close()
    {
        if (!started)
        {
            return;
        }
        if (runState.failure() != null)
        {
            // a failed chain will never drain: stop its threads and keep the first error for the caller
            disruptor.halt();
            return;
        }
        if (inline != null)
        {
            try
            {
                inline.run();
            }
            finally
            {
                runState.stop();
            }
            return;
        }
        try
        {
            disruptor.shutdown(10, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            runState.stop();
            disruptor.halt();
            throw new IllegalStateException("node chain did not drain within 10 s; halted", ex);
        }
        finally
        {
            runState.stop();
        }
    }
}
