package io.pushline.engine.node;

import io.aeron.Publication;
import io.pushline.engine.chain.OutputSink;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Publishes every report of the node chain on the egress stream, on the chain's respond thread.
 * <p>
 * Back pressure is never resolved by dropping: a back-pressured offer is retried with the idle strategy for as long
 * as it takes. The chain then stops taking commands, its ring fills, and the {@link IngressAdapter} stops consuming
 * the ingress stream, so the gateways see Aeron back pressure in turn. The one case that does not wait is
 * {@link Publication#NOT_CONNECTED}: no gateway is subscribed at all, so there is nobody to wait for; such
 * reports are counted (they stay in the output journal when the engine journals).
 */
final class EgressPublisher implements OutputSink
{
    private final Publication publication;
    private final IdleStrategy idleStrategy;
    private final AtomicCounter backPressureEvents;
    private final AtomicCounter notConnectedReports;
    private final AtomicCounter reportsPublished;
    private final long shutdownRetryLimitNs;
    private volatile boolean closing;
    private long closingDeadlineNs;

    EgressPublisher(
        final Publication publication,
        final IdleStrategy idleStrategy,
        final TransportCounters counters,
        final long shutdownRetryLimitNs)
    {
        this.publication = publication;
        this.idleStrategy = idleStrategy;
        this.backPressureEvents = counters.egressBackPressureEvents();
        this.notConnectedReports = counters.egressNotConnectedReports();
        this.reportsPublished = counters.reportsPublished();
        this.shutdownRetryLimitNs = shutdownRetryLimitNs;
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        long retryStartNs = 0;
        while (true)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                reportsPublished.incrementRelease();
                idleStrategy.reset();
                return;
            }
            if (result == Publication.NOT_CONNECTED)
            {
                notConnectedReports.incrementRelease();
                return;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("egress publication unusable: " + Publication.errorString(result));
            }
            // BACK_PRESSURED or ADMIN_ACTION: wait for the gateways to catch up
            if (retryStartNs == 0)
            {
                retryStartNs = System.nanoTime();
                backPressureEvents.incrementRelease();
            }
            if (closing && givenUp(retryStartNs))
            {
                // shutting down and no gateway reads: count it, as undelivered, rather than never stopping
                notConnectedReports.incrementRelease();
                return;
            }
            idleStrategy.idle();
        }
    }

    /** Shutting down: the gateways get one retry limit in all to catch up, then what is still stuck is counted. */
    private boolean givenUp(final long retryStartNs)
    {
        final long nowNs = System.nanoTime();
        if (closingDeadlineNs == 0)
        {
            closingDeadlineNs = Math.max(retryStartNs, nowNs - shutdownRetryLimitNs / 2) + shutdownRetryLimitNs;
        }
        return nowNs - closingDeadlineNs >= 0;
    }

    /**
     * From now on reports that stay back pressured past the shutdown retry limit are given up (and counted).
     */
    void closing()
    {
        closing = true;
    }
}
