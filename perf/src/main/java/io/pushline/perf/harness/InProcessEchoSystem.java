package io.pushline.perf.harness;

import java.util.LinkedHashMap;
import java.util.Map;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.pushline.engine.EngineConfiguration;
import io.pushline.engine.chain.WaitStrategyType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The in-process baseline: the same load through the same kind of ring as the engine's (a Disruptor ring of the
 * engine's default size, one producer, one consumer thread with the same wait strategy), whose consumer hands each
 * message straight back to the reply listener. "Echo" here means: the engine's thread hop and copy, none of its work.
 * Inline (the baseline of the engine's INVOKER layout): no consumer thread; the load thread copies the message into the
 * ring and polls it back out at once, as the INVOKER engine does, so only the engine's work differs.
 */
public final class InProcessEchoSystem implements SystemUnderTest
{
    /** Largest message the echo ring carries. */
    public static final int MAX_MESSAGE_LENGTH = 512;

    private final WaitStrategyType waitStrategy;
    private final int ringSize;
    private final boolean inline;
    private Disruptor<Slot> disruptor;
    private EventPoller<Slot> poller;
    private EventPoller.Handler<Slot> pollHandler;
    private RingBuffer<Slot> ring;

    /**
     * @param waitStrategy of the consumer thread.
     */
    public InProcessEchoSystem(final WaitStrategyType waitStrategy)
    {
        this(waitStrategy, false);
    }

    /**
     * @param waitStrategy of the consumer thread (unused inline).
     * @param inline       no consumer thread: the load thread polls the ring itself (INVOKER's baseline).
     */
    public InProcessEchoSystem(final WaitStrategyType waitStrategy, final boolean inline)
    {
        this.waitStrategy = waitStrategy;
        this.ringSize = EngineConfiguration.RING_SIZE_DEFAULT;
        this.inline = inline;
    }

    @Override
    public String name()
    {
        return "echo-inproc";
    }

    @Override
    public void start(final ReplyListener listener)
    {
        if (inline)
        {
            ring = RingBuffer.createSingleProducer(Slot::new, ringSize);
            poller = ring.newPoller();
            ring.addGatingSequences(poller.getSequence());
            pollHandler = (slot, sequence, endOfBatch) ->
            {
                listener.onReply(slot.buffer, 0, slot.length);
                return true;
            };
            return;
        }
        disruptor = new Disruptor<>(
            Slot::new, ringSize, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE, waitStrategy.newWaitStrategy());
        final EventHandler<Slot> echo = (slot, sequence, endOfBatch) -> listener.onReply(slot.buffer, 0, slot.length);
        disruptor.handleEventsWith(echo);
        ring = disruptor.start();
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > MAX_MESSAGE_LENGTH)
        {
            throw new IllegalArgumentException("message longer than " + MAX_MESSAGE_LENGTH + ": " + length);
        }
        final long sequence = ring.next();
        final Slot slot = ring.get(sequence);
        slot.buffer.putBytes(0, buffer, offset, length);
        slot.length = length;
        ring.publish(sequence);
        if (inline)
        {
            try
            {
                poller.poll(pollHandler);
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }
        return true;
    }

    @Override
    public int poll()
    {
        return 0;
    }

    @Override
    public Map<String, String> layout()
    {
        final Map<String, String> layout = new LinkedHashMap<>();
        layout.put("echo.producer", "the load thread (copy into a Disruptor ring slot; waits for ring space)");
        layout.put("echo.consumer", inline ?
            "none: the load thread polls the slot back out at once and hands it back (INVOKER's baseline)" :
            "one Disruptor consumer thread, wait strategy " + waitStrategy + ", ring " + ringSize +
            ", hands each message back on that thread");
        return layout;
    }

    @Override
    public void close()
    {
        if (disruptor != null)
        {
            disruptor.shutdown();
        }
    }

    static final class Slot
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_MESSAGE_LENGTH]);
        int length;
    }
}
