package io.pushline.engine;

import io.pushline.engine.match.Command;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;

/**
 * Commands as a gateway would send them, for tests that drive the engine through SBE ({@link SbeCommands}).
 */
public final class TestCommands
{
    /** Gateway of every test command. */
    public static final int GATEWAY = 1;

    private TestCommands()
    {
    }

    /**
     * @return a new order.
     */
    public static Command newOrder(
        final int session,
        final long clOrdId,
        final int instrumentId,
        final Side side,
        final OrdType ordType,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        final Command c = new Command().reset();
        c.type = Command.NEW_ORDER;
        c.sessionId = session;
        c.gatewayId = GATEWAY;
        c.clOrdId = clOrdId;
        c.instrumentId = instrumentId;
        c.side = side;
        c.ordType = ordType;
        c.timeInForce = timeInForce;
        c.price = price;
        c.quantity = quantity;
        return c;
    }

    /**
     * @return a limit order with the given time in force.
     */
    public static Command limit(
        final int session, final long clOrdId, final int instrumentId, final Side side, final TimeInForce tif,
        final long price, final long quantity)
    {
        return newOrder(session, clOrdId, instrumentId, side, OrdType.LIMIT, tif, price, quantity);
    }

    /**
     * @return a cancel of the session's order named origClOrdId.
     */
    public static Command cancel(final int session, final long clOrdId, final long origClOrdId)
    {
        final Command c = new Command().reset();
        c.type = Command.CANCEL;
        c.sessionId = session;
        c.gatewayId = GATEWAY;
        c.clOrdId = clOrdId;
        c.origClOrdId = origClOrdId;
        return c;
    }

    /**
     * @return a replace of the session's order named origClOrdId.
     */
    public static Command replace(
        final int session, final long clOrdId, final long origClOrdId, final long price, final long quantity)
    {
        final Command c = new Command().reset();
        c.type = Command.REPLACE;
        c.sessionId = session;
        c.gatewayId = GATEWAY;
        c.clOrdId = clOrdId;
        c.origClOrdId = origClOrdId;
        c.price = price;
        c.quantity = quantity;
        return c;
    }
}
