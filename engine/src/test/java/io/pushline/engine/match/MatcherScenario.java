package io.pushline.engine.match;

import io.pushline.config.InstrumentDefinition;
import io.pushline.sbe.AdminAction;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.CxlRejResponseTo;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Drives one matcher through hand-written commands, as validation would hand them over, and builds the reports the
 * rules expect. Like the chain, it advances the matcher's time to every command's timestamp before applying the
 * command, and the reports of both steps are the command's reports. Commands get their sequence (and, for new orders,
 * their order id) and timestamp when they are built, so build them in the order they are sent.
 */
final class MatcherScenario
{
    static final int S1 = 11;
    static final int S2 = 22;
    static final int S3 = 33;
    static final int ADMIN_SESSION = 0;

    /** Index of the instrument with non-trivial rules, see {@link #INSTRUMENTS}. */
    static final int RULED = 3;

    /**
     * Three plain instruments: tick 1, lot 1, reference 100, no band, at most 1,000,000, no notional limit; and one
     * with rules ({@link #RULED}): tick 5, lot 10, reference 1,000, band 500 bps (950 to 1,050), at most 1,000,
     * notional at most 500,000.
     */
    static final List<InstrumentDefinition> INSTRUMENTS = List.of(
        new InstrumentDefinition(101, "AAA", 1, 1, 100, 0, 1_000_000, Long.MAX_VALUE),
        new InstrumentDefinition(202, "BBB", 1, 1, 100, 0, 1_000_000, Long.MAX_VALUE),
        new InstrumentDefinition(303, "CCC", 1, 1, 100, 0, 1_000_000, Long.MAX_VALUE),
        new InstrumentDefinition(404, "DDD", 5, 10, 1_000, 500, 1_000, 500_000));

    /** Per command sent: its instrument id and that instrument's trade count before it (for execId). */
    private static final Map<Command, long[]> TRADES_BEFORE = new IdentityHashMap<>();
    /** The scenario of the running test (tests of a class run one at a time). */
    private static MatcherScenario current;

    private final Matcher matcher;
    private final CapturingReportSink sink = new CapturingReportSink();
    private final Map<Integer, Long> trades = new HashMap<>();
    private long sequence;
    private long now = 1_000;

    MatcherScenario(final Matcher matcher)
    {
        this.matcher = matcher;
        current = this;
    }

    Matcher matcher()
    {
        return matcher;
    }

    /**
     * @param timestampNs engine time for the commands built from now on.
     */
    void timeIs(final long timestampNs)
    {
        now = timestampNs;
    }

    static int gatewayOf(final int sessionId)
    {
        return sessionId / 11;
    }

    /**
     * The execId of the n-th fill of a command already sent: trade ids count per instrument, so this is the
     * instrument's trade count before the command plus n.
     */
    static long execId(final Command command, final int n)
    {
        final long[] before = TRADES_BEFORE.get(command);
        if (before == null)
        {
            // asked before the command is sent (expected reports built first): the count now is the count before it
            final MatcherScenario scenario = current;
            final long instrumentId = INSTRUMENTS.get(command.instrumentIndex).id();
            return Reports.execId((int)instrumentId, scenario.trades.getOrDefault(command.instrumentIndex, 0L) + n);
        }
        return Reports.execId((int)before[0], before[1] + n);
    }

    /**
     * Advance the matcher's time to the command's timestamp, then apply the command unless validation rejected it
     * ({@link Command#rejectReason} set), and return copies of the reports of both steps, as the chain does.
     *
     * @param command to apply.
     * @return its reports, expiries first.
     */
    List<Report> send(final Command command)
    {
        final long instrumentId = command.instrumentIndex >= 0 ? INSTRUMENTS.get(command.instrumentIndex).id() : 0;
        TRADES_BEFORE.put(command, new long[]{ instrumentId, trades.getOrDefault(command.instrumentIndex, 0L) });
        sink.clear();
        matcher.advanceTime(command.timestampNs, sink);
        assertFalse(sink.hasPendingClaim(), "claimed report not committed by advanceTime");
        if (command.rejectReason == RejectReason.NONE)
        {
            matcher.onCommand(command, sink);
        }
        assertFalse(sink.hasPendingClaim(), "claimed report not committed");
        final List<Report> reports = sink.copies();
        for (final Report r : reports)
        {
            assertFalse(r.kind == Report.END_OF_COMMAND, "matcher must not write END_OF_COMMAND");
            if (r.execId != 0)
            {
                trades.merge(r.instrumentIndex, r.execId & ((1L << Reports.TRADE_NUMBER_BITS) - 1), Math::max);
            }
        }
        return reports;
    }

    /**
     * Apply a command whose reports the test does not check.
     *
     * @param command to apply.
     * @return the command.
     */
    Command given(final Command command)
    {
        send(command);
        return command;
    }

    void expect(final Command command, final Report... expected)
    {
        assertEquals(List.of(expected), send(command), command::toString);
    }

    long hash(final int instrumentIndex)
    {
        return matcher.instrumentStateHash(instrumentIndex);
    }

    private Command base(final int type, final int sessionId, final int instrumentIndex)
    {
        final Command c = new Command().reset();
        c.type = type;
        c.sessionId = sessionId;
        c.gatewayId = gatewayOf(sessionId);
        c.timestampNs = now;
        c.sequence = ++sequence;
        c.instrumentIndex = instrumentIndex;
        c.instrumentId = instrumentIndex == Command.ALL_INSTRUMENTS ? 0 : INSTRUMENTS.get(instrumentIndex).id();
        return c;
    }

    Command order(
        final int instrumentIndex,
        final int sessionId,
        final long clOrdId,
        final Side side,
        final OrdType ordType,
        final TimeInForce tif,
        final long price,
        final long quantity)
    {
        final Command c = base(Command.NEW_ORDER, sessionId, instrumentIndex);
        c.orderId = c.sequence;
        c.clOrdId = clOrdId;
        c.side = side;
        c.ordType = ordType;
        c.timeInForce = tif;
        c.price = price;
        c.quantity = quantity;
        return c;
    }

    /** LIMIT DAY on instrument 0. */
    Command limit(final int sessionId, final long clOrdId, final Side side, final long price, final long quantity)
    {
        return order(0, sessionId, clOrdId, side, OrdType.LIMIT, TimeInForce.DAY, price, quantity);
    }

    /** LIMIT on instrument 0 with a time in force. */
    Command limit(
        final int sessionId,
        final long clOrdId,
        final Side side,
        final long price,
        final long qty,
        final TimeInForce tif)
    {
        return order(0, sessionId, clOrdId, side, OrdType.LIMIT, tif, price, qty);
    }

    /** MARKET on instrument 0; the price field carries a stale value on purpose, the matcher must ignore it. */
    Command market(final int sessionId, final long clOrdId, final Side side, final long qty, final TimeInForce tif)
    {
        return order(0, sessionId, clOrdId, side, OrdType.MARKET, tif, 100, qty);
    }

    Command postOnly(final int sessionId, final long clOrdId, final Side side, final long price, final long qty)
    {
        final Command c = limit(sessionId, clOrdId, side, price, qty, TimeInForce.GTC);
        c.postOnly = true;
        return c;
    }

    Command gtd(
        final int instrumentIndex,
        final int sessionId,
        final long clOrdId,
        final Side side,
        final long price,
        final long expireTimeNs)
    {
        final Command c = order(instrumentIndex, sessionId, clOrdId, side, OrdType.LIMIT, TimeInForce.GTD, price, 10);
        c.expireTimeNs = expireTimeNs;
        return c;
    }

    /** A cancel of an order by its current client order id, from its own session. */
    Command cancel(final Command order, final long clOrdId)
    {
        return cancel(order.sessionId, clOrdId, order.orderId, order.clOrdId, order.instrumentIndex);
    }

    Command cancel(
        final int sessionId, final long clOrdId, final long orderId, final long origClOrdId, final int instrumentIndex)
    {
        final Command c = base(Command.CANCEL, sessionId, instrumentIndex);
        c.orderId = orderId;
        c.clOrdId = clOrdId;
        c.origClOrdId = origClOrdId;
        return c;
    }

    /** A replace of an order by its current client order id, from its own session. */
    Command replace(final Command order, final long clOrdId, final long price, final long quantity)
    {
        final Command c = base(Command.REPLACE, order.sessionId, order.instrumentIndex);
        c.orderId = order.orderId;
        c.clOrdId = clOrdId;
        c.origClOrdId = order.clOrdId;
        c.price = price;
        c.quantity = quantity;
        return c;
    }

    Command massCancel(final int sessionId, final int instrumentIndex)
    {
        final Command c = base(Command.MASS_CANCEL, sessionId, instrumentIndex);
        c.clOrdId = 9_999;
        return c;
    }

    Command cancelOnDisconnect(final int sessionId)
    {
        return base(Command.CANCEL_ON_DISCONNECT, sessionId, Command.ALL_INSTRUMENTS);
    }

    Command admin(final int instrumentIndex, final AdminAction action)
    {
        return admin(instrumentIndex, action, action == AdminAction.SET_REFERENCE_PRICE ? 120 : 0);
    }

    Command admin(final int instrumentIndex, final AdminAction action, final long price)
    {
        final Command c = base(Command.ADMIN, ADMIN_SESSION, instrumentIndex);
        c.adminAction = action;
        c.price = price;
        return c;
    }

    Command clockTick()
    {
        return base(Command.CLOCK_TICK, ADMIN_SESSION, Command.ALL_INSTRUMENTS);
    }

    /**
     * @param order   a new order command.
     * @param replace a replace of it.
     * @return the order as it is after the replace: new client order id, price and quantity.
     */
    static Command after(final Command order, final Command replace)
    {
        final Command view = new Command().copyFrom(order);
        view.clOrdId = replace.clOrdId;
        view.price = replace.price;
        view.quantity = replace.quantity;
        return view;
    }

    /** An ExecutionReport about an order with the common fields filled from its command. */
    static Report report(final Command order, final ExecType execType, final long leavesQty, final long cumQty)
    {
        final Report r = new Report().reset();
        r.kind = Report.EXECUTION;
        r.execType = execType;
        r.sessionId = order.sessionId;
        r.gatewayId = order.gatewayId;
        r.instrumentId = order.instrumentId;
        r.instrumentIndex = order.instrumentIndex;
        r.orderId = order.orderId;
        r.clOrdId = order.clOrdId;
        r.side = order.side;
        r.ordType = order.ordType;
        r.timeInForce = order.timeInForce;
        r.price = order.ordType == OrdType.MARKET ? 0 : order.price;
        r.orderQty = order.quantity;
        r.leavesQty = leavesQty;
        r.cumQty = cumQty;
        return r;
    }

    static Report trade(
        final Command order,
        final long lastPx,
        final long lastQty,
        final long leaves,
        final long cum,
        final long execId)
    {
        final Report r = report(order, ExecType.TRADE, leaves, cum);
        r.lastPx = lastPx;
        r.lastQty = lastQty;
        r.execId = execId;
        return r;
    }

    /** The order leaves the book (leaves 0) with this exec type and cancel reason. */
    static Report ended(final Command order, final ExecType execType, final CancelReason reason, final long cum)
    {
        final Report r = report(order, execType, 0, cum);
        r.cancelReason = reason;
        return r;
    }

    static Report rejected(final Command order, final RejectReason reason)
    {
        final Report r = report(order, ExecType.REJECTED, 0, 0);
        r.orderId = 0;
        r.rejectReason = reason;
        return r;
    }

    static Report replaced(final Command order, final Command replace, final long leaves, final long cum)
    {
        final Report r = report(after(order, replace), ExecType.REPLACED, leaves, cum);
        r.origClOrdId = order.clOrdId;
        return r;
    }

    static Report canceled(final Command order, final Command cancel, final long cum)
    {
        final Report r = ended(order, ExecType.CANCELED, CancelReason.CLIENT_REQUEST, cum);
        r.clOrdId = cancel.clOrdId;
        r.origClOrdId = order.clOrdId;
        return r;
    }

    static Report cancelReject(final Command command, final RejectReason reason, final CxlRejResponseTo responseTo)
    {
        final Report r = new Report().reset();
        r.kind = Report.CANCEL_REJECT;
        r.sessionId = command.sessionId;
        r.gatewayId = command.gatewayId;
        r.instrumentId = command.instrumentId;
        r.instrumentIndex = command.instrumentIndex;
        r.clOrdId = command.clOrdId;
        r.origClOrdId = command.origClOrdId;
        r.rejectReason = reason;
        r.responseTo = responseTo;
        return r;
    }
}
