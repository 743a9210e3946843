package io.pushline.engine.chain;

import io.pushline.engine.match.InstrumentRules;

import io.pushline.engine.match.Matcher;
import io.pushline.engine.match.RestingOrder;
import io.pushline.protocol.MessageGuard;
import io.pushline.sbe.BooleanType;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.Side;
import io.pushline.sbe.SnapshotBeginDecoder;
import io.pushline.sbe.SnapshotEndDecoder;
import io.pushline.sbe.SnapshotInstrumentDecoder;
import io.pushline.sbe.SnapshotOrderDecoder;
import io.pushline.sbe.TimeInForce;
import org.agrona.DirectBuffer;

/**
 * Reads a snapshot written by {@link SnapshotWriter} back into a chain that has not started. Checks the structure as
 * it goes (begin first, known instruments, counts that agree, end last) and names the offset of anything wrong.
 */
final class SnapshotLoader
{
    /**
     * What the snapshot says about the engine beyond its books.
     *
     * @param sequence       sequence of the last command in the snapshot.
     * @param timestampNs    engine time of that command.
     * @param reportSequence last report sequence sent.
     * @param orderCount     resting orders restored.
     */
    record Position(long sequence, long timestampNs, long reportSequence, long orderCount)
    {
    }

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SnapshotBeginDecoder begin = new SnapshotBeginDecoder();
    private final SnapshotInstrumentDecoder instrument = new SnapshotInstrumentDecoder();
    private final SnapshotOrderDecoder order = new SnapshotOrderDecoder();
    private final SnapshotEndDecoder end = new SnapshotEndDecoder();
    private final RestingOrder restingOrder = new RestingOrder();

    Position load(
        final DirectBuffer buffer,
        final int length,
        final InstrumentRules rules,
        final ValidateNode validate,
        final Matcher[] matchers)
    {
        int offset = expect(buffer, 0, length, SnapshotBeginDecoder.TEMPLATE_ID);
        begin.wrapAndApplyHeader(buffer, 0, header);
        final long expectedOrders = begin.orderCount();
        final Position position = new Position(
            begin.sequence(), begin.timestampNs(), begin.reportSequence(), expectedOrders);
        long orders = 0;
        while (true)
        {
            final int templateId = MessageGuard.check(buffer, offset, length - offset);
            if (templateId == SnapshotEndDecoder.TEMPLATE_ID)
            {
                end.wrapAndApplyHeader(buffer, offset, header);
                if (end.orderCount() != expectedOrders || orders != expectedOrders)
                {
                    throw corrupt(offset, "order count: begin says " + expectedOrders + ", end says " +
                        end.orderCount() + ", found " + orders);
                }
                return position;
            }
            if (templateId == SnapshotInstrumentDecoder.TEMPLATE_ID)
            {
                restoreInstrument(buffer, offset, rules, matchers);
            }
            else if (templateId == SnapshotOrderDecoder.TEMPLATE_ID)
            {
                restoreOrder(buffer, offset, rules, validate, matchers);
                orders++;
            }
            else
            {
                throw corrupt(offset, "unexpected message: " + MessageGuard.describe(templateId));
            }
            offset += MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength();
        }
    }

    private void restoreInstrument(
        final DirectBuffer buffer, final int offset, final InstrumentRules rules, final Matcher[] matchers)
    {
        instrument.wrapAndApplyHeader(buffer, offset, header);
        final int index = rules.indexOf(instrument.instrumentId());
        if (index == InstrumentRules.UNKNOWN)
        {
            throw corrupt(offset, "instrument " + instrument.instrumentId() + " is not in the instruments file");
        }
        rules.referencePrice(index, instrument.referencePrice());
        rules.halted(index, instrument.halted() == BooleanType.TRUE);
        matchers[index % matchers.length].restoreInstrument(
            index, rules.referencePrice(index), rules.halted(index), instrument.lastTradeNumber());
    }

    private void restoreOrder(
        final DirectBuffer buffer,
        final int offset,
        final InstrumentRules rules,
        final ValidateNode validate,
        final Matcher[] matchers)
    {
        order.wrapAndApplyHeader(buffer, offset, header);
        final int index = rules.indexOf(order.instrumentId());
        final Side side = order.side();
        final TimeInForce tif = order.timeInForce();
        if (index == InstrumentRules.UNKNOWN || (side != Side.BUY && side != Side.SELL) ||
            (tif != TimeInForce.DAY && tif != TimeInForce.GTC && tif != TimeInForce.GTD) || order.leavesQty() <= 0)
        {
            throw corrupt(offset, "invalid order " + order.orderId() + " (instrument " + order.instrumentId() +
                ", side " + order.sideRaw() + ", tif " + order.timeInForceRaw() + ", leaves " + order.leavesQty() +
                ")");
        }
        final RestingOrder o = restingOrder;
        o.orderId = order.orderId();
        o.clOrdId = order.clOrdId();
        o.sessionId = order.sessionId();
        o.gatewayId = order.gatewayId();
        o.instrumentIndex = index;
        o.side = side;
        o.timeInForce = tif;
        o.postOnly = order.flags().postOnly();
        o.price = order.price();
        o.orderQty = order.orderQty();
        o.leavesQty = order.leavesQty();
        o.cumQty = order.cumQty();
        o.expireTimeNs = order.expireTimeNs();
        matchers[index % matchers.length].restore(o);
        validate.restoreClientOrderId(o);
    }

    private int expect(final DirectBuffer buffer, final int offset, final int length, final int templateId)
    {
        final int found = MessageGuard.check(buffer, offset, length - offset);
        if (found != templateId)
        {
            throw corrupt(offset, "expected " + MessageGuard.describe(templateId) + ", found " +
                MessageGuard.describe(found));
        }
        header.wrap(buffer, offset);
        return offset + MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength();
    }

    private static IllegalStateException corrupt(final int offset, final String message)
    {
        return new IllegalStateException("corrupt snapshot at offset " + offset + ": " + message);
    }
}
