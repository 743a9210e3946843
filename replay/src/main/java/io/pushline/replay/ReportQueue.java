package io.pushline.replay;

import java.nio.ByteBuffer;

import io.pushline.engine.chain.OutputSink;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The output sink of the re-run engine in {@code verify}: copies each report into a single-producer single-consumer
 * ring, so the comparison with the output journal runs on the thread that feeds the engine (which has time to spare)
 * instead of the engine's thread (the bottleneck). When the ring is full the engine's thread waits for the reader;
 * after {@link #discard()} reports are dropped so a stopped run can close the engine.
 */
final class ReportQueue implements OutputSink
{
    private static final int MESSAGE_TYPE = 1;

    private final OneToOneRingBuffer ring;
    private volatile boolean discard;

    /**
     * @param capacity bytes of the ring, a power of two.
     */
    ReportQueue(final int capacity)
    {
        ring = new OneToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        while (!ring.write(MESSAGE_TYPE, buffer, offset, length))
        {
            if (discard)
            {
                return;
            }
            Thread.yield();
        }
    }

    /**
     * @return the ring the comparing thread reads.
     */
    OneToOneRingBuffer ring()
    {
        return ring;
    }

    /**
     * Drop every report from now on (the run stopped).
     */
    void discard()
    {
        discard = true;
    }
}
