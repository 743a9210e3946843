package io.pushline.engine;

import io.pushline.engine.match.Command;
import io.pushline.sbe.AdminCommandEncoder;
import io.pushline.sbe.CancelOnDisconnectEncoder;
import io.pushline.sbe.CancelOrderEncoder;
import io.pushline.sbe.ClockTickEncoder;
import io.pushline.sbe.MassCancelEncoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.NewOrderEncoder;
import io.pushline.sbe.ReplaceOrderEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes test commands as the SBE messages a gateway would send, stamped with the command's time and sequence.
 */
public final class SbeCommands
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancelOrder = new CancelOrderEncoder();
    private final ReplaceOrderEncoder replaceOrder = new ReplaceOrderEncoder();
    private final MassCancelEncoder massCancel = new MassCancelEncoder();
    private final CancelOnDisconnectEncoder cancelOnDisconnect = new CancelOnDisconnectEncoder();
    private final AdminCommandEncoder admin = new AdminCommandEncoder();
    private final ClockTickEncoder clockTick = new ClockTickEncoder();

    /**
     * @param c      command to encode (orderId of cancels and replaces is not sent: the engine resolves it).
     * @param buffer to encode into.
     * @param offset where.
     * @return encoded length, header included.
     */
    public int encode(final Command c, final MutableDirectBuffer buffer, final int offset)
    {
        return MessageHeaderEncoder.ENCODED_LENGTH + switch (c.type)
        {
            case Command.NEW_ORDER -> encodeNewOrder(c, buffer, offset);
            case Command.CANCEL -> cancelOrder.wrapAndApplyHeader(buffer, offset, header)
                .sessionId(c.sessionId).gatewayId(c.gatewayId).timestampNs(c.timestampNs).sequence(c.sequence)
                .clOrdId(c.clOrdId).origClOrdId(c.origClOrdId).encodedLength();
            case Command.REPLACE -> replaceOrder.wrapAndApplyHeader(buffer, offset, header)
                .sessionId(c.sessionId).gatewayId(c.gatewayId).timestampNs(c.timestampNs).sequence(c.sequence)
                .clOrdId(c.clOrdId).origClOrdId(c.origClOrdId).price(c.price).quantity(c.quantity).encodedLength();
            case Command.MASS_CANCEL -> massCancel.wrapAndApplyHeader(buffer, offset, header)
                .sessionId(c.sessionId).gatewayId(c.gatewayId).timestampNs(c.timestampNs).sequence(c.sequence)
                .clOrdId(c.clOrdId).instrumentId(c.instrumentIndex == Command.ALL_INSTRUMENTS ? 0 : c.instrumentId)
                .encodedLength();
            case Command.CANCEL_ON_DISCONNECT -> cancelOnDisconnect.wrapAndApplyHeader(buffer, offset, header)
                .sessionId(c.sessionId).gatewayId(c.gatewayId).timestampNs(c.timestampNs).sequence(c.sequence)
                .encodedLength();
            case Command.ADMIN -> admin.wrapAndApplyHeader(buffer, offset, header)
                .sessionId(c.sessionId).gatewayId(c.gatewayId).timestampNs(c.timestampNs).sequence(c.sequence)
                .price(c.price).instrumentId(c.instrumentId).action(c.adminAction).encodedLength();
            case Command.CLOCK_TICK -> clockTick.wrapAndApplyHeader(buffer, offset, header)
                .sessionId(c.sessionId).gatewayId(c.gatewayId).timestampNs(c.timestampNs).sequence(c.sequence)
                .encodedLength();
            default -> throw new IllegalArgumentException("unknown command type " + c.type);
        };
    }

    private int encodeNewOrder(final Command c, final MutableDirectBuffer buffer, final int offset)
    {
        newOrder.wrapAndApplyHeader(buffer, offset, header)
            .sessionId(c.sessionId)
            .gatewayId(c.gatewayId)
            .timestampNs(c.timestampNs)
            .sequence(c.sequence)
            .clOrdId(c.clOrdId)
            .price(c.price)
            .quantity(c.quantity)
            .expireTimeNs(c.expireTimeNs)
            .instrumentId(c.instrumentId)
            .side(c.side)
            .ordType(c.ordType)
            .timeInForce(c.timeInForce);
        newOrder.flags().clear().postOnly(c.postOnly);
        return newOrder.encodedLength();
    }
}
