package io.pushline.gateway;

import org.agrona.DirectBuffer;

/**
 * Where the gateway sends commands for the engine: the Aeron ingress publication ({@link EngineProxy}), or a
 * stand-in in tests of the session logic.
 */
interface EngineIngress
{
    /** The message is on its way to the engine. */
    int SENT = 0;
    /** Back pressure lasted past the retries: try again later; nothing was sent. */
    int BACK_PRESSURED = 1;
    /** No engine is connected, or the publication is closed: nothing was sent. */
    int UNAVAILABLE = 2;

    /**
     * Send one SBE message (header + block).
     *
     * @param buffer holding it.
     * @param offset of the SBE header.
     * @param length of header plus block.
     * @return {@link #SENT}, {@link #BACK_PRESSURED} or {@link #UNAVAILABLE}.
     */
    int send(DirectBuffer buffer, int offset, int length);

    /**
     * Is an engine there to answer: the ingress publication is connected and the egress stream has an image?
     *
     * @return true if requests can be sent and answered.
     */
    boolean isEngineAvailable();
}
