package io.pushline.perf.harness;

import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import io.pushline.sbe.CancelOrderDecoder;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportEncoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.NewOrderDecoder;
import io.pushline.sbe.OrdStatus;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.ReplaceOrderDecoder;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The gateway level's baseline: stands where the engine stands (subscribes to the ingress stream, publishes on the
 * egress stream) and answers every command at once, with no matching, with the report the engine's answer would
 * start with: NewOrder - ExecutionReport NEW, CancelOrder - CANCELED (client request), ReplaceOrder - REPLACED, each
 * for the command's session, gateway and client order id. So the gateway matches each answer to its pending request
 * and routes it to the session's connection exactly as with the engine; only the engine's work (and its second
 * thread) is missing. Other commands (mass cancel, cancel-on-disconnect) get no answer: the load sends none.
 */
final class GatewayEchoAgent implements Agent
{
    private static final int FRAGMENT_LIMIT = 16;
    private static final int BODY = MessageHeaderDecoder.ENCODED_LENGTH;

    private final Subscription ingress;
    private final Publication egress;
    private final FragmentAssembler assembler = new FragmentAssembler(this::onCommand);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancel = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replace = new ReplaceOrderDecoder();
    private final MessageHeaderEncoder reportHeader = new MessageHeaderEncoder();
    private final ExecutionReportEncoder report = new ExecutionReportEncoder();
    private final UnsafeBuffer reportBuffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(256, 64));
    private long reportSequence;

    GatewayEchoAgent(final Subscription ingress, final Publication egress)
    {
        this.ingress = ingress;
        this.egress = egress;
    }

    @Override
    public int doWork()
    {
        return ingress.poll(assembler, FRAGMENT_LIMIT);
    }

    @Override
    public String roleName()
    {
        return "pushline-perf-gateway-echo";
    }

    private void onCommand(final DirectBuffer buffer, final int offset, final int length, final Header fragment)
    {
        if (length < BODY)
        {
            return;
        }
        header.wrap(buffer, offset);
        final int body = offset + BODY;
        switch (header.templateId())
        {
            case NewOrderDecoder.TEMPLATE_ID ->
            {
                newOrder.wrap(buffer, body, header.blockLength(), header.version());
                start(newOrder.sessionId(), newOrder.gatewayId(), newOrder.timestampNs(), newOrder.sequence(),
                    ExecType.NEW, OrdStatus.NEW)
                    .clOrdId(newOrder.clOrdId()).price(newOrder.price()).orderQty(newOrder.quantity())
                    .leavesQty(newOrder.quantity()).instrumentId(newOrder.instrumentId()).side(newOrder.side())
                    .ordType(newOrder.ordType()).timeInForce(newOrder.timeInForce());
            }
            case CancelOrderDecoder.TEMPLATE_ID ->
            {
                cancel.wrap(buffer, body, header.blockLength(), header.version());
                start(cancel.sessionId(), cancel.gatewayId(), cancel.timestampNs(), cancel.sequence(),
                    ExecType.CANCELED, OrdStatus.CANCELED)
                    .clOrdId(cancel.clOrdId()).origClOrdId(cancel.origClOrdId())
                    .cancelReason(CancelReason.CLIENT_REQUEST);
            }
            case ReplaceOrderDecoder.TEMPLATE_ID ->
            {
                replace.wrap(buffer, body, header.blockLength(), header.version());
                start(replace.sessionId(), replace.gatewayId(), replace.timestampNs(), replace.sequence(),
                    ExecType.REPLACED, OrdStatus.NEW)
                    .clOrdId(replace.clOrdId()).origClOrdId(replace.origClOrdId()).price(replace.price())
                    .orderQty(replace.quantity()).leavesQty(replace.quantity());
            }
            default ->
            {
                return; // not sent by the load
            }
        }
        AeronSystem.offerFully(egress, reportBuffer, 0, BODY + ExecutionReportEncoder.BLOCK_LENGTH);
    }

    /** Encode the fields every answer has; the caller adds the command's own. */
    private ExecutionReportEncoder start(
        final int sessionId,
        final int gatewayId,
        final long timestampNs,
        final long sequence,
        final ExecType execType,
        final OrdStatus ordStatus)
    {
        return report.wrapAndApplyHeader(reportBuffer, 0, reportHeader)
            .sessionId(sessionId).gatewayId(gatewayId).timestampNs(timestampNs).sequence(sequence)
            .reportSequence(++reportSequence).orderId(0).clOrdId(0).origClOrdId(0).execId(0).price(0).orderQty(0)
            .lastPx(0).lastQty(0).leavesQty(0).cumQty(0).instrumentId(0).execType(execType).ordStatus(ordStatus)
            .side(Side.BUY).ordType(OrdType.LIMIT)
            .timeInForce(TimeInForce.DAY).rejectReason(RejectReason.NONE)
            .cancelReason(CancelReason.NONE);
    }
}
