package io.pushline.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadFactory;

import com.lmax.disruptor.RingBuffer;
import io.pushline.config.ConfigException;
import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.chain.CommandEvent;
import io.pushline.engine.chain.MatcherFactory;
import io.pushline.engine.chain.NodeChain;
import io.pushline.engine.chain.NodeCounters;
import io.pushline.engine.chain.OutputSink;
import io.pushline.engine.chain.WaitStrategyType;
import io.pushline.engine.match.SelfTradePrevention;
import io.pushline.journal.RecoveryReport;
import io.pushline.journal.SyncPolicy;
import io.pushline.protocol.Envelope;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The order-processing engine in-process: a sequencer that stamps each inbound SBE command with the engine time and
 * sequence, and the node chain (validate, match, respond) that answers it with SBE reports. The Aeron engine
 * process, the journal and replay wrap this.
 * <p>
 * {@link #offer} is for one thread only (the ring has a single producer).
 */
public final class Engine implements AutoCloseable
{
    /** {@link #tryOffer} result: the ring is full; offer the command again later. */
    public static final long BACK_PRESSURED = -1;

    private static final int STAMPABLE_LENGTH = Envelope.HEADER_LENGTH + Envelope.ENVELOPE_LENGTH;

    private final Context context;
    private final EngineJournals journals;
    private final NodeChain chain;
    private final SnapshotReplica replica;
    private final SnapshotSchedule snapshotSchedule;
    private final RingBuffer<CommandEvent> ringBuffer;
    private final EpochNanoClock clock;
    private long lastSequence;
    private long lastTimestampNs;
    private long refusedInputs;
    private long replayed;
    private int snapshotsRejected;
    private boolean replaying;
    private Thread producer;

    private Engine(final Context context)
    {
        this.context = context;
        this.clock = context.clock();
        this.snapshotSchedule = new SnapshotSchedule(context.snapshotIntervalCommands(), context.snapshotIntervalNs());
        this.journals = context.journalDirectory() == null ? null : EngineJournals.open(context);
        NodeChain started = null;
        try
        {
            final EngineRestore.Restored restored = EngineRestore.restore(context, journals, this::newChain);
            started = restored.chain();
            lastSequence = restored.sequence();
            lastTimestampNs = restored.timestampNs();
            snapshotsRejected = restored.snapshotsRejected();
            started.start();
            this.chain = started;
            this.ringBuffer = chain.ringBuffer();
            if (journals != null)
            {
                replaying = true;
                replayed = journals.replay(this, lastSequence);
                replaying = false;
            }
            replica = journals != null && context.snapshotReplica() ?
                new SnapshotReplica(context, journals, restored.snapshot()) : null;
        }
        catch (final RuntimeException ex)
        {
            // release what was opened, so the same journal can be opened again in this process
            if (started != null)
            {
                started.close();
            }
            if (journals != null)
            {
                journals.close();
            }
            throw ex;
        }
    }

    private NodeChain newChain()
    {
        final Context c = context;
        return new NodeChain(new NodeChain.Settings(
            c.instruments(), c.layout(), c.shards(), c.ringSize(), c.waitStrategy(), c.maxOrdersPerInstrument(),
            c.reportStreamCapacity(), c.selfTradePrevention(), c.clientOrderIdCapacity(),
            journals == null ? c.outputSink() : journals.output(), c.countersFactory(), c.threadFactory(),
            c.matcherFactory(), journals == null ? null : journals.node()));
    }

    /**
     * Start an engine.
     *
     * @param context configuration; concluded here.
     * @return the running engine.
     */
    public static Engine launch(final Context context)
    {
        context.conclude();
        return new Engine(context);
    }

    /**
     * Sequence an inbound command: copy it into the ring, stamp engine time and sequence into its envelope, publish.
     * Waits for ring space when the chain is behind (back pressure); throws if the chain has failed.
     *
     * @param buffer holding one SBE message with its header.
     * @param offset of the message.
     * @param length of the message.
     * @return the sequence given to the command, or 0 if it was refused because it is longer than any command.
     *         A message too short to carry an envelope still takes a sequence and is reported malformed.
     */
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final long sequence = sequence(buffer, offset, length);
        chain.runInline();
        return sequence;
    }

    private long sequence(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!fits(length))
        {
            return 0;
        }
        final long sequence = lastSequence + 1;
        final long timestampNs = Math.max(lastTimestampNs, clock.nanoTime());
        publish(buffer, offset, length, sequence, timestampNs, length >= STAMPABLE_LENGTH);
        snapshotIfDue(SnapshotFiles.isSnapshotCommand(buffer, offset, length));
        return sequence;
    }

    /**
     * Like {@link #offer}, but never waits: when the ring is full (the chain is behind, or its output is back
     * pressured) the command is not taken and {@link #BACK_PRESSURED} is returned, so that an ingress adapter can
     * leave it in its transport and try again later. With the INVOKER layout the command is only sequenced: the
     * chain answers it at the next {@link #runChain()} (or {@link #offer}), or here when the ring is full.
     *
     * @param buffer holding one SBE message with its header.
     * @param offset of the message.
     * @param length of the message.
     * @return the sequence given to the command, 0 if refused as too long, or {@link #BACK_PRESSURED}.
     */
    public long tryOffer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!chain.hasCapacity())
        {
            return BACK_PRESSURED;
        }
        return sequence(buffer, offset, length);
    }

    /**
     * INVOKER layout: answer everything sequenced so far, on this thread (the offering thread). Other layouts:
     * nothing to do, their threads answer.
     */
    public void runChain()
    {
        chain.runInline();
    }

    /**
     * Publish a command that was stamped before (replay, recovery): its time and sequence are kept.
     *
     * @param buffer holding one stamped SBE message with its header.
     * @param offset of the message.
     * @param length of the message.
     * @return the command's sequence, or 0 if refused.
     */
    public long offerStamped(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!fits(length))
        {
            return 0;
        }
        if (length < STAMPABLE_LENGTH)
        {
            // too short to carry an envelope: the chain reports it as malformed; it takes the next sequence
            publish(buffer, offset, length, lastSequence + 1, lastTimestampNs, false);
            chain.runInline();
            return lastSequence;
        }
        final long sequence = Envelope.sequence(buffer, offset);
        publish(buffer, offset, length, Math.max(sequence, lastSequence), Envelope.timestampNs(buffer, offset), false);
        snapshotIfDue(SnapshotFiles.isSnapshotCommand(buffer, offset, length));
        chain.runInline();
        return sequence;
    }

    /** With a replica, the replica takes the snapshots and this engine never stops for one. Not while replaying. */
    private void snapshotIfDue(final boolean asked)
    {
        if (!replaying && replica == null && context.snapshotDirectory() != null &&
            snapshotSchedule.due(asked, lastTimestampNs))
        {
            writeSnapshotFile();
        }
    }

    private boolean fits(final int length)
    {
        if (length < 0 || length > CommandEvent.MAX_INPUT_LENGTH)
        {
            refusedInputs++;
            return false;
        }
        return true;
    }

    private void publish(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long sequence,
        final long timestampNs,
        final boolean stamp)
    {
        producer = Thread.currentThread();
        chain.awaitCapacity();
        lastSequence = sequence;
        lastTimestampNs = timestampNs;
        final long ringSequence = ringBuffer.next();
        try
        {
            final CommandEvent event = ringBuffer.get(ringSequence);
            final UnsafeBuffer input = event.input();
            input.putBytes(0, buffer, offset, length);
            event.entered(length, sequence, timestampNs);
            if (stamp)
            {
                Envelope.stamp(input, 0, timestampNs, sequence);
            }
        }
        finally
        {
            ringBuffer.publish(ringSequence);
        }
    }

    /**
     * Write the engine state as SBE snapshot messages (see the schema); an engine launched with this snapshot in its
     * context continues exactly where this one is now. Waits until idle; call from the thread that offers.
     *
     * @param sink receives the snapshot messages.
     * @return number of resting orders written.
     */
    public long takeSnapshot(final OutputSink sink)
    {
        chain.runInline();
        return chain.writeSnapshot(sink, lastSequence, lastTimestampNs);
    }

    /**
     * Write a snapshot file into the snapshot directory (waits until idle; the engine restarts from the newest valid
     * one plus the journal after it). Call from the thread that offers.
     *
     * @return the file written.
     */
    public Path writeSnapshotFile()
    {
        if (context.snapshotDirectory() == null)
        {
            throw new IllegalStateException("no snapshot directory configured");
        }
        if (replica != null)
        {
            throw new IllegalStateException("snapshots are taken by the snapshot replica");
        }
        chain.runInline();
        chain.awaitIdle();
        if (journals != null)
        {
            // every report the snapshot covers must be durable too: replay starts after the snapshot
            journals.syncOutputs();
        }
        snapshotSchedule.taken(lastTimestampNs);
        return SnapshotFiles.write(context.snapshotDirectory(), lastSequence, this);
    }

    /**
     * @return last input sequence the snapshot replica has applied; -1 without a replica.
     */
    public long snapshotReplicaSequence()
    {
        return replica == null ? -1 : replica.appliedSequence();
    }

    /**
     * @return what recovery of the input journal found at start (a torn tail cut, a repair), or null without a journal.
     */
    public RecoveryReport journalRecovery()
    {
        return journals == null ? null : journals.inputRecovery();
    }

    /**
     * @return commands replayed from the journal at start.
     */
    public long replayedAtStart()
    {
        return replayed;
    }

    /**
     * @return snapshot files that failed their checks at start (the engine fell back to older ones).
     */
    public int snapshotsRejected()
    {
        return snapshotsRejected;
    }

    /**
     * @return last input sequence whose journal record meets the sync policy; -1 without a journal.
     */
    public long durableSequence()
    {
        return journals == null ? -1 : journals.node().durableSequence();
    }

    /**
     * Wait until every offered command has been answered. INVOKER layout: on the offering thread this answers what
     * {@link #tryOffer} left pending; from another thread it waits for the offering thread to do so, and what it sees
     * holds only while that thread offers nothing more (the same holds for {@link #stateHash()} in every layout).
     */
    public void awaitIdle()
    {
        if (Thread.currentThread() == producer)
        {
            // INVOKER: what tryOffer left pending is answered here, on the offering thread
            chain.runInline();
        }
        chain.awaitIdle();
    }

    /**
     * @return the state hash over every instrument's book (see docs/matching-rules.md); waits until idle first.
     */
    public long stateHash()
    {
        awaitIdle();
        return chain.stateHash();
    }

    /**
     * @return orders resting in the books; waits until idle first.
     */
    public int restingOrderCount()
    {
        awaitIdle();
        return chain.restingOrderCount();
    }

    /**
     * @return the sequence given to the last command.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * @return what made a node of the chain fail (the engine then stops and every call on it throws), or what
     *         stopped the snapshot replica (no more snapshots are taken), or null.
     */
    public Throwable failure()
    {
        final Throwable chainFailure = chain.failure();
        return chainFailure != null ? chainFailure : replica == null ? null : replica.failure();
    }

    /**
     * @return inputs refused because they were longer than any command.
     */
    public long refusedInputs()
    {
        return refusedInputs;
    }

    /**
     * @return the node chain, for its counters.
     */
    public NodeChain chain()
    {
        return chain;
    }

    /**
     * @return the concluded context.
     */
    public Context context()
    {
        return context;
    }

    /**
     * Answer everything offered so far, then stop.
     */
    public void close()
    {
        try
        {
            if (replica != null)
            {
                replica.close();
            }
        }
        finally
        {
            boolean drained = false;
            try
            {
                chain.close();
                drained = chain.failure() == null;
            }
            finally
            {
                // a chain that failed or did not drain may still be inside a journal mapping: leave it mapped
                if (journals != null && drained)
                {
                    journals.close();
                }
            }
        }
    }


    /**
     * Configuration of an engine. Setters are fluent; {@link #conclude()} checks every value and fills defaults.
     */
    public static final class Context
    {
        private boolean concluded;
        private List<InstrumentDefinition> instruments;
        private Path instrumentsFile;
        private ChainLayout layout = EngineConfiguration.LAYOUT_DEFAULT;
        private int shards = EngineConfiguration.SHARDS_DEFAULT;
        private int ringSize = EngineConfiguration.RING_SIZE_DEFAULT;
        private WaitStrategyType waitStrategy = EngineConfiguration.WAIT_STRATEGY_DEFAULT;
        private int maxOrdersPerInstrument = EngineConfiguration.MAX_ORDERS_PER_INSTRUMENT_DEFAULT;
        private int reportStreamCapacity = EngineConfiguration.REPORT_STREAM_CAPACITY_DEFAULT;
        private SelfTradePrevention selfTradePrevention = EngineConfiguration.SELF_TRADE_PREVENTION_DEFAULT;
        private int clientOrderIdCapacity = EngineConfiguration.CLIENT_ORDER_ID_CAPACITY_DEFAULT;
        private OutputSink outputSink;
        private NodeCounters.Factory countersFactory;
        private ThreadFactory threadFactory;
        private MatcherFactory matcherFactory;
        private EpochNanoClock clock;
        private DirectBuffer snapshot;
        private Path journalDirectory;
        private SyncPolicy syncPolicy = EngineConfiguration.SYNC_POLICY_DEFAULT;
        private boolean journalRepair;
        private Path snapshotDirectory;
        private long snapshotIntervalCommands;
        private long snapshotIntervalNs;
        private boolean snapshotReplica;

        /**
         * Check every value and fill defaults. May be called once.
         *
         * @return this.
         * @throws ConfigException naming the setting when a value is bad.
         */
        public Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("context already concluded");
            }
            concluded = true;
            EngineContextDefaults.conclude(this);
            return this;
        }

        public Context instruments(final List<InstrumentDefinition> instruments)
        {
            this.instruments = instruments;
            return this;
        }

        public List<InstrumentDefinition> instruments()
        {
            return instruments;
        }

        public Context instrumentsFile(final Path instrumentsFile)
        {
            this.instrumentsFile = instrumentsFile;
            return this;
        }

        public Path instrumentsFile()
        {
            return instrumentsFile;
        }

        public Context layout(final ChainLayout layout)
        {
            this.layout = layout;
            return this;
        }

        public ChainLayout layout()
        {
            return layout;
        }

        public Context shards(final int shards)
        {
            this.shards = shards;
            return this;
        }

        public int shards()
        {
            return shards;
        }

        public Context ringSize(final int ringSize)
        {
            this.ringSize = ringSize;
            return this;
        }

        public int ringSize()
        {
            return ringSize;
        }

        public Context waitStrategy(final WaitStrategyType waitStrategy)
        {
            this.waitStrategy = waitStrategy;
            return this;
        }

        public WaitStrategyType waitStrategy()
        {
            return waitStrategy;
        }

        /**
         * @param maxOrdersPerInstrument resting orders each instrument may hold, pre-allocated; beyond it an order
         *                               that would rest is rejected BOOK_FULL.
         * @return this.
         */
        public Context maxOrdersPerInstrument(final int maxOrdersPerInstrument)
        {
            this.maxOrdersPerInstrument = maxOrdersPerInstrument;
            return this;
        }

        public int maxOrdersPerInstrument()
        {
            return maxOrdersPerInstrument;
        }

        public Context reportStreamCapacity(final int reportStreamCapacity)
        {
            this.reportStreamCapacity = reportStreamCapacity;
            return this;
        }

        public int reportStreamCapacity()
        {
            return reportStreamCapacity;
        }

        public Context selfTradePrevention(final SelfTradePrevention selfTradePrevention)
        {
            this.selfTradePrevention = selfTradePrevention;
            return this;
        }

        public SelfTradePrevention selfTradePrevention()
        {
            return selfTradePrevention;
        }

        public Context clientOrderIdCapacity(final int clientOrderIdCapacity)
        {
            this.clientOrderIdCapacity = clientOrderIdCapacity;
            return this;
        }

        public int clientOrderIdCapacity()
        {
            return clientOrderIdCapacity;
        }

        public Context outputSink(final OutputSink outputSink)
        {
            this.outputSink = outputSink;
            return this;
        }

        public OutputSink outputSink()
        {
            return outputSink;
        }

        public Context countersFactory(final NodeCounters.Factory countersFactory)
        {
            this.countersFactory = countersFactory;
            return this;
        }

        public NodeCounters.Factory countersFactory()
        {
            return countersFactory;
        }

        public Context threadFactory(final ThreadFactory threadFactory)
        {
            this.threadFactory = threadFactory;
            return this;
        }

        public ThreadFactory threadFactory()
        {
            return threadFactory;
        }

        public Context matcherFactory(final MatcherFactory matcherFactory)
        {
            this.matcherFactory = matcherFactory;
            return this;
        }

        public MatcherFactory matcherFactory()
        {
            return matcherFactory;
        }

        /**
         * Start from a snapshot written by {@link Engine#takeSnapshot}.
         *
         * @param snapshot buffer holding exactly the snapshot.
         * @return this.
         */
        public Context snapshot(final DirectBuffer snapshot)
        {
            this.snapshot = snapshot;
            return this;
        }

        public DirectBuffer snapshot()
        {
            return snapshot;
        }

        /**
         * @param journalDirectory where the input and output journals live; null runs without a journal.
         * @return this.
         */
        public Context journalDirectory(final Path journalDirectory)
        {
            this.journalDirectory = journalDirectory;
            return this;
        }

        public Path journalDirectory()
        {
            return journalDirectory;
        }

        /**
         * @param syncPolicy what a journal record must reach before its command's replies leave.
         * @return this.
         */
        public Context syncPolicy(final SyncPolicy syncPolicy)
        {
            this.syncPolicy = syncPolicy;
            return this;
        }

        public SyncPolicy syncPolicy()
        {
            return syncPolicy;
        }

        /**
         * @param journalRepair true to start even when the input journal has a corrupt record with valid ones after
         *                      it: the journal is cut at the corruption (what is lost is reported).
         * @return this.
         */
        public Context journalRepair(final boolean journalRepair)
        {
            this.journalRepair = journalRepair;
            return this;
        }

        public boolean journalRepair()
        {
            return journalRepair;
        }

        /**
         * @param snapshotDirectory where snapshot files live (default: the journal directory's "snapshots").
         * @return this.
         */
        public Context snapshotDirectory(final Path snapshotDirectory)
        {
            this.snapshotDirectory = snapshotDirectory;
            return this;
        }

        public Path snapshotDirectory()
        {
            return snapshotDirectory;
        }

        /**
         * @param snapshotIntervalCommands write a snapshot file every so many commands; 0 for never.
         * @return this.
         */
        public Context snapshotIntervalCommands(final long snapshotIntervalCommands)
        {
            this.snapshotIntervalCommands = snapshotIntervalCommands;
            return this;
        }

        public long snapshotIntervalCommands()
        {
            return snapshotIntervalCommands;
        }

        /**
         * @param snapshotIntervalNs write a snapshot when this much engine time has passed since the last; 0 for never.
         * @return this.
         */
        public Context snapshotIntervalNs(final long snapshotIntervalNs)
        {
            this.snapshotIntervalNs = snapshotIntervalNs;
            return this;
        }

        public long snapshotIntervalNs()
        {
            return snapshotIntervalNs;
        }

        /**
         * @param snapshotReplica true to take snapshots on a replica that follows the journal on its own thread, so
         *                        the engine never stops for a snapshot (costs a second copy of the books and a thread).
         * @return this.
         */
        public Context snapshotReplica(final boolean snapshotReplica)
        {
            this.snapshotReplica = snapshotReplica;
            return this;
        }

        public boolean snapshotReplica()
        {
            return snapshotReplica;
        }

        public Context clock(final EpochNanoClock clock)
        {
            this.clock = clock;
            return this;
        }

        public EpochNanoClock clock()
        {
            return clock;
        }
    }
}
