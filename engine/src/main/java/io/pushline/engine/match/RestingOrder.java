package io.pushline.engine.match;

import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;

/**
 * A resting order as it goes into and comes out of a snapshot. Reused: a visitor must copy what it keeps.
 */
public final class RestingOrder
{
    public long orderId;
    public long clOrdId;
    public int sessionId;
    public int gatewayId;
    public int instrumentIndex;
    public Side side;
    public TimeInForce timeInForce;
    public boolean postOnly;
    public long price;
    public long orderQty;
    public long leavesQty;
    public long cumQty;
    public long expireTimeNs;

    /**
     * Receives resting orders one at a time.
     */
    @FunctionalInterface
    public interface Visitor
    {
        /**
         * @param order the next order; valid only during the call.
         */
        void onOrder(RestingOrder order);
    }
}
