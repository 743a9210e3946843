package io.pushline.engine.chain;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;

/**
 * The INVOKER layout's consumer: polls the ring on the calling (offering) thread and runs the one-thread chain over
 * every event published so far, as one batch ("more to follow" until the last). A node that throws fails the chain
 * as {@code FailFast} does for the threaded layouts.
 */
final class InlineRunner implements EventPoller.Handler<CommandEvent>
{
    private final RingBuffer<CommandEvent> ring;
    private final EventPoller<CommandEvent> poller;
    private final ChainHandlers.OneThread handler;
    private final RunState runState;
    private boolean running;

    InlineRunner(final RingBuffer<CommandEvent> ring, final ChainHandlers.OneThread handler, final RunState runState)
    {
        this.ring = ring;
        this.poller = ring.newPoller();
        this.handler = handler;
        this.runState = runState;
        ring.addGatingSequences(poller.getSequence());
    }

    void run()
    {
        runState.checkRunning();
        if (running)
        {
            // a node or the output sink called back into the engine: running the batch again would repeat it
            throw new IllegalStateException("the chain was entered again from inside itself (INVOKER layout): " +
                "an output sink must not offer to the engine or run its chain");
        }
        final long pending = ring.getCursor() - poller.getSequence().get();
        if (pending <= 0)
        {
            return;
        }
        running = true;
        handler.onBatchStart(pending, pending);
        try
        {
            poller.poll(this);
        }
        catch (final Throwable ex)
        {
            final long sequence = poller.getSequence().get() + 1;
            runState.fail(new IllegalStateException("node failed at ring sequence " + sequence + ": " + ex, ex));
            throw new IllegalStateException("node failed at ring sequence " + sequence, ex);
        }
        finally
        {
            running = false;
        }
    }

    @Override
    public boolean onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        handler.onEvent(event, sequence, endOfBatch);
        return true;
    }
}
