package io.pushline.perf.harness;

import java.util.Map;

import org.agrona.DirectBuffer;

/**
 * What the open-loop load drives: the engine or an echo, in-process, over Aeron or through a gateway. The load thread
 * calls {@link #offer} at each message's intended time and {@link #poll} while it waits for the next one; replies go
 * to the listener given to {@link #start}, on whichever thread the system delivers them (its own, or the load thread
 * inside {@link #poll}). Exactly one thread delivers replies.
 * <p>
 * To add a level (for example the gateway over TCP with the client library): implement this, name its threads and
 * idle strategies in {@link #layout()}, and add it to {@link SystemFactory}.
 */
public interface SystemUnderTest extends AutoCloseable
{
    /**
     * @return short name, e.g. {@code engine-ipc}, used in tables, file names and chart legends.
     */
    String name();

    /**
     * Start the system; replies go to the listener from now on.
     *
     * @param listener of every reply.
     */
    void start(ReplyListener listener);

    /**
     * Send one message; the bytes are copied before this returns.
     *
     * @param buffer holding it.
     * @param offset of the message.
     * @param length of the message.
     * @return true if it was taken; false if the system pushes back and the message must be offered again.
     */
    boolean offer(DirectBuffer buffer, int offset, int length);

    /**
     * Deliver pending replies on the calling (load) thread, for systems that need polling.
     *
     * @return work done; 0 if nothing was pending or the system delivers replies on its own thread.
     */
    int poll();

    /**
     * @return the system's threads and idle strategies, recorded with the results (name to description).
     */
    Map<String, String> layout();

    /**
     * Stop the system and release its resources.
     */
    @Override
    void close();
}
