package io.pushline.gateway;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.pushline.protocol.Envelope;
import io.pushline.protocol.MessageGuard;
import org.agrona.DirectBuffer;

/**
 * Reads the engine's egress stream (all reports of all gateways) and hands on the reports whose envelope gatewayId
 * is this gateway's. A {@link FragmentAssembler} puts messages larger than one frame back together.
 */
final class EngineReportAdapter implements FragmentHandler
{
    /**
     * Receives the reports of this gateway.
     */
    interface ReportHandler
    {
        /**
         * One report of this gateway.
         *
         * @param templateId ExecutionReport, CancelReject or MassCancelReport.
         * @param sessionId  from its envelope.
         * @param buffer     holding it.
         * @param offset     of its SBE header.
         * @param length     of header plus block.
         */
        void onReport(int templateId, int sessionId, DirectBuffer buffer, int offset, int length);
    }

    static final int FRAGMENT_LIMIT = 64;

    private final Subscription subscription;
    private final FragmentAssembler assembler = new FragmentAssembler(this);
    private final int gatewayId;
    private final ReportHandler handler;
    private long ignored;

    EngineReportAdapter(final Subscription subscription, final int gatewayId, final ReportHandler handler)
    {
        this.subscription = subscription;
        this.gatewayId = gatewayId;
        this.handler = handler;
    }

    int poll()
    {
        return subscription.poll(assembler, FRAGMENT_LIMIT);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final int templateId = MessageGuard.check(buffer, offset, length);
        if (templateId < 0 || !MessageGuard.isOutbound(templateId))
        {
            ignored++;
            return;
        }
        if (Envelope.gatewayId(buffer, offset) != gatewayId)
        {
            return;
        }
        handler.onReport(templateId, Envelope.sessionId(buffer, offset), buffer, offset, length);
    }

    long ignored()
    {
        return ignored;
    }
}
