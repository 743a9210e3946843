package io.pushline.engine.chain;

import io.pushline.engine.match.InstrumentRules;

import java.nio.ByteBuffer;

import io.pushline.engine.match.Matcher;
import io.pushline.engine.match.RestingOrder;
import io.pushline.sbe.BooleanType;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.SnapshotBeginEncoder;
import io.pushline.sbe.SnapshotEndEncoder;
import io.pushline.sbe.SnapshotInstrumentEncoder;
import io.pushline.sbe.SnapshotOrderEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writes the engine state as SBE snapshot messages: SnapshotBegin, one SnapshotInstrument per instrument, every
 * resting order in canonical order, SnapshotEnd. Client order ids need no section of their own: only the ids of live
 * orders matter for decisions, and those are the orders' own.
 */
final class SnapshotWriter
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final SnapshotBeginEncoder begin = new SnapshotBeginEncoder();
    private final SnapshotInstrumentEncoder instrument = new SnapshotInstrumentEncoder();
    private final SnapshotOrderEncoder order = new SnapshotOrderEncoder();
    private final SnapshotEndEncoder end = new SnapshotEndEncoder();
    private final RestingOrder scratch = new RestingOrder();
    private final RestingOrder.Visitor writeOrder = this::writeOrder;
    private OutputSink sink;
    private InstrumentRules rules;
    private long sequence;
    private long timestampNs;

    long write(
        final OutputSink sink,
        final InstrumentRules rules,
        final Matcher[] matchers,
        final long sequence,
        final long timestampNs,
        final long reportSequence)
    {
        this.sink = sink;
        this.rules = rules;
        this.sequence = sequence;
        this.timestampNs = timestampNs;
        long orderCount = 0;
        for (final Matcher matcher : matchers)
        {
            orderCount += matcher.restingOrderCount();
        }
        begin.wrapAndApplyHeader(buffer, 0, header).sessionId(0).gatewayId(0).timestampNs(timestampNs)
            .sequence(sequence).reportSequence(reportSequence).orderCount(orderCount).instrumentCount(rules.count());
        sink.onMessage(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + begin.encodedLength());
        for (int i = 0; i < rules.count(); i++)
        {
            instrument.wrapAndApplyHeader(buffer, 0, header).sessionId(0).gatewayId(0).timestampNs(timestampNs)
                .sequence(sequence).referencePrice(rules.referencePrice(i))
                .lastTradeNumber(matchers[i % matchers.length].lastTradeNumber(i)).instrumentId(rules.id(i))
                .halted(rules.halted(i) ? BooleanType.TRUE : BooleanType.FALSE);
            sink.onMessage(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + instrument.encodedLength());
            matchers[i % matchers.length].forEachRestingOrder(i, scratch, writeOrder);
        }
        end.wrapAndApplyHeader(buffer, 0, header).sessionId(0).gatewayId(0).timestampNs(timestampNs)
            .sequence(sequence).orderCount(orderCount);
        sink.onMessage(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + end.encodedLength());
        sink.onEndOfBatch();
        this.sink = null;
        return orderCount;
    }

    private void writeOrder(final RestingOrder o)
    {
        order.wrapAndApplyHeader(buffer, 0, header)
            .sessionId(o.sessionId)
            .gatewayId(o.gatewayId)
            .timestampNs(timestampNs)
            .sequence(sequence)
            .orderId(o.orderId)
            .clOrdId(o.clOrdId)
            .price(o.price)
            .orderQty(o.orderQty)
            .leavesQty(o.leavesQty)
            .cumQty(o.cumQty)
            .expireTimeNs(o.expireTimeNs)
            .instrumentId(rules.id(o.instrumentIndex))
            .side(o.side)
            .timeInForce(o.timeInForce);
        order.flags().clear().postOnly(o.postOnly);
        sink.onMessage(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + order.encodedLength());
    }
}
