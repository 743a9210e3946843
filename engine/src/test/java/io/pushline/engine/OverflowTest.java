package io.pushline.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.match.Command;
import io.pushline.engine.match.Reports;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.MassCancelReportDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.OrdStatus;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * "More to follow": commands with far more reports than a shard's report stream holds (8 slots) still yield every
 * report, in order, in every layout, with the same bytes.
 */
class OverflowTest
{
    private static final int STREAM_CAPACITY = 8;
    private static final int GATEWAY = 5;
    private static final int ORDERS = 10_000;
    private static final int LEVELS = 500;
    private static final int MASS_CANCELER = 1;
    private static final int BYSTANDER = 2;
    private static final int ONE_INSTRUMENT_CANCELER = 3;
    private static final int MAKER = 4;
    private static final int TAKER = 6;
    private static final String REPORT = "ts=%d seq=%d session=%d gateway=%d orderId=%d clOrdId=%d orig=%d execId=%d " +
        "px=%d qty=%d lastPx=%d lastQty=%d leaves=%d cum=%d instrument=%d %s/%s %s %s %s reject=%s cancel=%s";

    /**
     * An order the test entered (or, with price 0, the market order), as the engine must report it.
     */
    private record Order(long orderId, long timestampNs, int session, long clOrdId, int instrumentId, Side side,
        OrdType ordType, TimeInForce timeInForce, long price, long quantity)
    {
        /** Index of the instrument, sides bids first, better prices first, older first: the canonical order. */
        static final Comparator<Order> CANONICAL = Comparator.comparingInt(Order::instrumentId)
            .thenComparing(Order::side)
            .thenComparingLong(o -> o.side == Side.BUY ? -o.price : o.price)
            .thenComparingLong(Order::orderId);
    }

    @ParameterizedTest
    @EnumSource(ChainLayout.class)
    void shouldSendEveryCancelInCanonicalOrderThenCountWhenMassCancelOverflowsStream(final ChainLayout layout)
    {
        try (Driver driver = new Driver(layout))
        {
            massCancelScenario(driver);
        }
    }

    @ParameterizedTest
    @EnumSource(ChainLayout.class)
    void shouldSendEveryFillInPriceOrderWhenMarketOrderSweepsMoreLevelsThanStreamHolds(final ChainLayout layout)
    {
        try (Driver driver = new Driver(layout))
        {
            sweepScenario(driver);
        }
    }

    @Test
    void shouldWriteIdenticalBytesInEveryLayoutWhenStreamsOverflow()
    {
        final Map<ChainLayout, CapturedOutput> outputs = new EnumMap<>(ChainLayout.class);
        final Map<ChainLayout, Long> hashes = new EnumMap<>(ChainLayout.class);
        for (final ChainLayout layout : ChainLayout.values())
        {
            try (Driver driver = new Driver(layout))
            {
                massCancelScenario(driver);
                sweepScenario(driver);
                outputs.put(layout, driver.output);
                hashes.put(layout, driver.engine.stateHash());
            }
        }
        final CapturedOutput expected = outputs.get(ChainLayout.ONE_THREAD);
        for (final ChainLayout layout : ChainLayout.values())
        {
            assertEquals(expected.count(), outputs.get(layout).count(), layout + " report count");
            assertEquals(-1, expected.firstDifference(outputs.get(layout)), layout + " first differing byte");
            assertEquals(hashes.get(ChainLayout.ONE_THREAD), hashes.get(layout), layout + " state hash");
        }
    }

    /**
     * 10,000 resting orders of one session over three instruments (both shards), between other sessions' orders;
     * its MassCancel of every instrument, then another session's MassCancel of one instrument.
     */
    private static void massCancelScenario(final Driver driver)
    {
        final int start = driver.mark();
        for (int i = 0; i < ORDERS; i++)
        {
            final int instrumentId = 1 + i % 3;
            final Side side = (i / 3) % 2 == 0 ? Side.BUY : Side.SELL;
            driver.limit(MASS_CANCELER, 1 + i, instrumentId, side, priceOf(side, i), 1 + i % 5);
            if (i % 50 == 0)
            {
                driver.limit(BYSTANDER, 1 + i, i % 100 == 0 ? 1 : 3, side, priceOf(side, i + 3), 7);
            }
            if (i % 5 == 0)
            {
                final Side other = side == Side.BUY ? Side.SELL : Side.BUY;
                driver.limit(ONE_INSTRUMENT_CANCELER, 1 + i, 2, other, priceOf(other, i), 3);
            }
        }
        final int placed = ORDERS + ORDERS / 50 + ORDERS / 5;
        assertEquals(start + placed, driver.mark(), "one NEW per order");
        assertEquals(placed, driver.engine.restingOrderCount());

        verifyMassCancel(driver, MASS_CANCELER, 777_777, 0, ORDERS);
        verifyMassCancel(driver, ONE_INSTRUMENT_CANCELER, 888_888, 2, ORDERS / 5);
        assertEquals(ORDERS / 50, driver.engine.restingOrderCount(), "the bystander's orders rest");
    }

    private static long priceOf(final Side side, final int i)
    {
        return side == Side.BUY ? 990_000 - (long)((i * 7) % 40) * 100 : 1_010_000 + (long)((i * 11) % 40) * 100;
    }

    private static void verifyMassCancel(
        final Driver driver, final int session, final long clOrdId, final int instrumentId, final int expectedCount)
    {
        final List<Order> orders = new ArrayList<>();
        for (final Order order : driver.orders)
        {
            if (order.session == session && (instrumentId == 0 || order.instrumentId == instrumentId))
            {
                orders.add(order);
            }
        }
        orders.sort(Order.CANONICAL);
        assertEquals(expectedCount, orders.size());
        final int start = driver.mark();
        final long sequence = driver.massCancel(session, clOrdId, instrumentId);
        final long timestampNs = driver.time;
        assertEquals(start + expectedCount + 1, driver.mark(), "CANCELED per order, then the MassCancelReport");
        for (int i = 0; i < expectedCount; i++)
        {
            final Order o = orders.get(i);
            assertEquals(String.format(REPORT, timestampNs, sequence, session, GATEWAY, o.orderId, o.clOrdId, 0, 0,
                o.price, o.quantity, 0, 0, 0, 0, o.instrumentId, ExecType.CANCELED, OrdStatus.CANCELED, o.side,
                o.ordType, o.timeInForce, RejectReason.NONE, CancelReason.MASS_CANCEL),
                describe(driver, start + i), "canceled report " + i);
        }
        final MassCancelReportDecoder report = new MassCancelReportDecoder().wrapAndApplyHeader(
            driver.output.buffer(), driver.output.offset(start + expectedCount), new MessageHeaderDecoder());
        assertEquals("MassCancelReport seq=" + sequence + " report=" + (start + expectedCount + 1) + " session=" +
            session + " clOrdId=" + clOrdId + " count=" + expectedCount + " instrument=" + instrumentId + " NONE",
            "MassCancelReport seq=" + report.sequence() + " report=" + report.reportSequence() + " session=" +
            report.sessionId() + " clOrdId=" + report.clOrdId() + " count=" + report.canceledCount() +
            " instrument=" + report.instrumentId() + " " + report.rejectReason());
        driver.orders.removeAll(new HashSet<>(orders));
    }

    /**
     * 500 asks at 500 prices entered out of price order; a MARKET IOC buy larger than the book sweeps them all, and
     * the remainder is canceled. Then 500 more, and a sweep one short of the book: the last fill is partial.
     */
    private static void sweepScenario(final Driver driver)
    {
        final int before = driver.engine.restingOrderCount();
        final List<Order> asks = placeAsks(driver, 1, 1_000_000);
        sweep(driver, asks, asks.stream().mapToLong(Order::quantity).sum() + 13, 0);
        assertEquals(before, driver.engine.restingOrderCount(), "book swept clean");
        final List<Order> more = placeAsks(driver, 1 + LEVELS, 1_000_000 + 7 * 100);
        sweep(driver, more, more.stream().mapToLong(Order::quantity).sum() - 1, LEVELS);
        assertEquals(before + 1, driver.engine.restingOrderCount(), "the last ask keeps 1");
    }

    private static List<Order> placeAsks(final Driver driver, final long firstClOrdId, final long lowestPrice)
    {
        final List<Order> asks = new ArrayList<>();
        for (int j = 0; j < LEVELS; j++)
        {
            final int level = (j * 7919) % LEVELS;
            asks.add(driver.limit(MAKER, firstClOrdId + j, 2, Side.SELL, lowestPrice + level * 100L, 1 + level % 4));
        }
        asks.sort(Order.CANONICAL);
        driver.mark();
        return asks;
    }

    private static void sweep(final Driver driver, final List<Order> asks, final long quantity, final int tradesBefore)
    {
        final int start = driver.mark();
        final Order taker = driver.market(TAKER, 555_000 + start, 2, Side.BUY, quantity);
        final long total = asks.stream().mapToLong(Order::quantity).sum();
        final boolean remainder = quantity > total;
        assertEquals(start + 1 + 2 * LEVELS + (remainder ? 1 : 0), driver.mark(), "NEW, TRADE pairs, remainder");
        assertEquals(report(taker, ExecType.NEW, 0, 0, 0, quantity, 0, CancelReason.NONE), describe(driver, start));
        long cum = 0;
        for (int k = 0; k < LEVELS; k++)
        {
            final Order ask = asks.get(k);
            final long fill = Math.min(ask.quantity, quantity - cum);
            cum += fill;
            final long execId = Reports.execId(2, tradesBefore + k + 1);
            assertEquals(report(taker, ExecType.TRADE, execId, ask.price, fill, quantity - cum, cum, CancelReason.NONE),
                describe(driver, start + 1 + 2 * k), "incoming fill " + k);
            final String resting = String.format(REPORT, taker.timestampNs, taker.orderId, MAKER, GATEWAY,
                ask.orderId, ask.clOrdId, 0, execId, ask.price, ask.quantity, ask.price, fill, ask.quantity - fill,
                fill, 2, ExecType.TRADE, fill == ask.quantity ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED,
                Side.SELL, OrdType.LIMIT, TimeInForce.DAY, RejectReason.NONE, CancelReason.NONE);
            assertEquals(resting, describe(driver, start + 2 + 2 * k), "resting fill " + k);
        }
        if (remainder)
        {
            assertEquals(report(taker, ExecType.CANCELED, 0, 0, 0, 0, cum, CancelReason.IMMEDIATE_REMAINDER),
                describe(driver, start + 1 + 2 * LEVELS));
        }
    }

    private static String report(final Order taker, final ExecType execType, final long execId, final long lastPx,
        final long lastQty, final long leaves, final long cum, final CancelReason cancelReason)
    {
        final OrdStatus status = switch (execType)
        {
            case NEW -> OrdStatus.NEW;
            case CANCELED -> OrdStatus.CANCELED;
            default -> leaves == 0 ? OrdStatus.FILLED : OrdStatus.PARTIALLY_FILLED;
        };
        return String.format(REPORT, taker.timestampNs, taker.orderId, taker.session, GATEWAY, taker.orderId,
            taker.clOrdId, 0, execId, 0, taker.quantity, lastPx, lastQty, leaves, cum, taker.instrumentId, execType,
            status, taker.side, taker.ordType, taker.timeInForce, RejectReason.NONE, cancelReason);
    }

    private static String describe(final Driver driver, final int index)
    {
        final ExecutionReportDecoder r = driver.output.execution(index);
        assertEquals(index + 1, r.reportSequence(), "gap-free report sequence");
        return String.format(REPORT, r.timestampNs(), r.sequence(), r.sessionId(), r.gatewayId(), r.orderId(),
            r.clOrdId(), r.origClOrdId(), r.execId(), r.price(), r.orderQty(), r.lastPx(), r.lastQty(), r.leavesQty(),
            r.cumQty(), r.instrumentId(), r.execType(), r.ordStatus(), r.side(), r.ordType(), r.timeInForce(),
            r.rejectReason(), r.cancelReason());
    }

    /**
     * One engine with tiny report streams, a deterministic clock, and the orders the test entered.
     */
    private static final class Driver implements AutoCloseable
    {
        private final CapturedOutput output = new CapturedOutput();
        private final SbeCommands sbe = new SbeCommands();
        private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        private final List<Order> orders = new ArrayList<>();
        private final Engine engine;
        private long time = 1_000;

        Driver(final ChainLayout layout)
        {
            engine = Engine.launch(new Engine.Context()
                .instruments(TestInstruments.of(3))
                .layout(layout)
                .shards(2)
                .maxOrdersPerInstrument(1 << 15)
                .ringSize(1024)
                .reportStreamCapacity(STREAM_CAPACITY)
                .clock(() -> ++time)
                .outputSink(output));
        }

        Order limit(final int session, final long clOrdId, final int instrumentId, final Side side, final long price,
            final long quantity)
        {
            return enter(session, clOrdId, instrumentId, side, OrdType.LIMIT, TimeInForce.DAY, price, quantity);
        }

        Order market(final int session, final long clOrdId, final int instrumentId, final Side side,
            final long quantity)
        {
            return enter(session, clOrdId, instrumentId, side, OrdType.MARKET, TimeInForce.IOC, 0, quantity);
        }

        private Order enter(final int session, final long clOrdId, final int instrumentId, final Side side,
            final OrdType ordType, final TimeInForce timeInForce, final long price, final long quantity)
        {
            final Command c = command(Command.NEW_ORDER, session, clOrdId, instrumentId);
            c.side = side;
            c.ordType = ordType;
            c.timeInForce = timeInForce;
            c.price = price;
            c.quantity = quantity;
            final long sequence = offer(c);
            final Order order = new Order(sequence, time, session, clOrdId, instrumentId, side, ordType, timeInForce,
                price, quantity);
            if (ordType == OrdType.LIMIT)
            {
                orders.add(order);
            }
            return order;
        }

        long massCancel(final int session, final long clOrdId, final int instrumentId)
        {
            final Command c = command(Command.MASS_CANCEL, session, clOrdId, instrumentId);
            c.instrumentIndex = instrumentId == 0 ? Command.ALL_INSTRUMENTS : instrumentId - 1;
            return offer(c);
        }

        private static Command command(final int type, final int session, final long clOrdId, final int instrument)
        {
            final Command c = new Command().reset();
            c.type = type;
            c.sessionId = session;
            c.gatewayId = GATEWAY;
            c.clOrdId = clOrdId;
            c.instrumentId = instrument;
            return c;
        }

        private long offer(final Command c)
        {
            return engine.offer(buffer, 0, sbe.encode(c, buffer, 0));
        }

        /**
         * @return reports so far, once the engine is idle.
         */
        int mark()
        {
            engine.awaitIdle();
            return output.count();
        }

        public void close()
        {
            engine.close();
        }
    }
}
