package io.pushline.engine;

import io.pushline.engine.chain.ChainLayout;
import io.pushline.journal.JournalHandler;
import io.pushline.journal.JournalReader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * Takes the snapshots so the engine never stops for one: a second engine, in this process, that follows the input
 * journal on its own thread and writes the snapshot files (on an admin SNAPSHOT, every so many commands, every so
 * long) while the engine goes on. The replica is deterministic like the engine, so its snapshot at sequence N is the
 * engine's state at N. It costs a second copy of the books and a thread.
 */
final class SnapshotReplica implements AutoCloseable
{
    private final Engine replica;
    private final EngineJournals journals;
    private final JournalReader reader;
    private final Thread thread;
    private final JournalHandler apply;
    private volatile boolean running = true;
    private volatile long appliedSequence;
    private volatile Throwable failure;

    SnapshotReplica(final Engine.Context engine, final EngineJournals journals, final DirectBuffer snapshot)
    {
        replica = Engine.launch(new Engine.Context()
            .instruments(engine.instruments())
            .layout(ChainLayout.ONE_THREAD)
            .ringSize(engine.ringSize())
            .waitStrategy(engine.waitStrategy())
            .maxOrdersPerInstrument(engine.maxOrdersPerInstrument())
            .reportStreamCapacity(engine.reportStreamCapacity())
            .selfTradePrevention(engine.selfTradePrevention())
            .clientOrderIdCapacity(engine.clientOrderIdCapacity())
            .matcherFactory(engine.matcherFactory())
            .threadFactory(engine.threadFactory())
            .snapshot(snapshot)
            .snapshotDirectory(engine.snapshotDirectory())
            .snapshotIntervalCommands(engine.snapshotIntervalCommands())
            .snapshotIntervalNs(engine.snapshotIntervalNs()));
        appliedSequence = replica.lastSequence();
        this.journals = journals;
        reader = journals.inputs().newReader();
        reader.seek(appliedSequence + 1);
        apply = (buffer, offset, length, type, sequence, timestampNs) ->
        {
            replica.offerStamped(buffer, offset, length);
            appliedSequence = sequence;
        };
        thread = new Thread(this::run, "pushline-snapshot-replica");
        thread.setDaemon(true);
        thread.start();
    }

    private void run()
    {
        final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
        try
        {
            while (running)
            {
                // apply only durable records: a snapshot must never hold a command the journal could still lose
                final long ahead = journals.node().durableSequence() - appliedSequence;
                idle.idle(ahead > 0 ? reader.poll(apply, (int)Math.min(256, ahead)) : 0);
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
    }

    /**
     * @return last input sequence the replica has applied.
     */
    long appliedSequence()
    {
        return appliedSequence;
    }

    /**
     * @return what stopped the replica, or null.
     */
    Throwable failure()
    {
        return failure;
    }

    public void close()
    {
        running = false;
        try
        {
            thread.join(10_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive())
        {
            // a replica thread still inside a snapshot write keeps the mapping and the replica engine it uses
            reader.close();
            replica.close();
        }
    }
}
