package io.pushline.gateway;

import io.aeron.Publication;
import io.aeron.Subscription;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Publishes client commands to the engine on the Aeron ingress publication, one SBE message per Aeron message.
 * Back pressure ({@code BACK_PRESSURED}, {@code ADMIN_ACTION}) is retried a bounded number of times with the retry
 * idle strategy; past that the caller keeps the message and stops reading from its clients until the
 * publication drains (TCP back pressure), and the back pressure counter goes up once for the episode (until a
 * message is sent again). Nothing is dropped.
 */
final class EngineProxy implements EngineIngress
{
    static final int MAX_RETRIES = 3;

    private final Publication publication;
    private final Subscription egress;
    private final IdleStrategy retryIdle;
    private final AtomicCounter backPressure;
    private boolean backPressured;

    EngineProxy(
        final Publication publication,
        final Subscription egress,
        final IdleStrategy retryIdle,
        final AtomicCounter backPressure)
    {
        this.publication = publication;
        this.egress = egress;
        this.retryIdle = retryIdle;
        this.backPressure = backPressure;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public int send(final DirectBuffer buffer, final int offset, final int length)
    {
        retryIdle.reset();
        for (int attempt = 0; attempt <= MAX_RETRIES; attempt++)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                backPressured = false;
                return SENT;
            }
            if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                backPressured = false;
                return UNAVAILABLE;
            }
            retryIdle.idle();
        }
        if (!backPressured)
        {
            // once per episode: the retries of the same blocked message do not count again
            backPressured = true;
            backPressure.increment();
        }
        return BACK_PRESSURED;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean isEngineAvailable()
    {
        return publication.isConnected() && egress.imageCount() > 0;
    }
}
