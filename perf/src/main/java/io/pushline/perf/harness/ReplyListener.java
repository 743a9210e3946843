package io.pushline.perf.harness;

import org.agrona.DirectBuffer;

/**
 * Receives every message a system under test sends back, SBE header included, on the thread that delivers it.
 */
@FunctionalInterface
public interface ReplyListener
{
    /**
     * One reply.
     *
     * @param buffer holding it.
     * @param offset of the message.
     * @param length of the message.
     */
    void onReply(DirectBuffer buffer, int offset, int length);
}
