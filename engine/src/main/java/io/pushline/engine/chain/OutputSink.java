package io.pushline.engine.chain;

import org.agrona.DirectBuffer;

/**
 * Where the respond node sends each encoded SBE report: a capture in tests, an Aeron publication in the engine
 * process. The buffer is reused: copy what must outlive the call.
 */
@FunctionalInterface
public interface OutputSink
{
    /**
     * One encoded message, SBE header included.
     *
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     */
    void onMessage(DirectBuffer buffer, int offset, int length);

    /**
     * The end of a batch of ring events: a good moment to flush.
     */
    default void onEndOfBatch()
    {
    }
}
