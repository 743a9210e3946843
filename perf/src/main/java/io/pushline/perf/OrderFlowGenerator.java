package io.pushline.perf;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.match.CapturingReportSink;
import io.pushline.engine.match.Command;
import io.pushline.engine.match.ReferenceMatcher;
import io.pushline.engine.match.Report;
import io.pushline.engine.match.SelfTradePrevention;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;

/**
 * Generates an order flow shaped like exchange-core's published benchmark: a book of about a thousand orders near the
 * touch, then mostly price moves of resting orders, some cancels and quantity reductions, new GTC limit orders and a
 * few aggressive IOC orders, with about 6% of the commands trading.
 * <p>
 * The generator applies every command to a shadow book (the reference matcher of the engine's tests) and reads its
 * reports into a {@link BookModel}, so every cancel and replace names an order that is live at that moment, new
 * passive orders never cross, and the book size is steered by the size of the aggressive orders. The flow ends with
 * a closing phase that restores the starting book exactly (see {@link OrderFlow}), which makes it replayable.
 */
public final class OrderFlowGenerator
{
    /** Self-trade mode of the shadow book; the engine's default, and what the benchmarks configure. */
    public static final SelfTradePrevention SELF_TRADE_PREVENTION = SelfTradePrevention.CANCEL_AGGRESSING;

    private static final int GATEWAYS = 4;
    /** Passive orders rest at most this many ticks behind the touch. */
    private static final int DEPTH_TICKS = 32;
    private static final int MAX_LOTS = 100;
    private static final int AGGRESSOR_MEAN_LOTS = 20;

    /** Out of 1_000 price moves, how many move through the opposite touch. */
    private static final int CROSSING_MOVES_PER_MILLE = 20;

    private static final String[] KIND_NAMES = {
        "price move", "price move through the touch", "cancel", "quantity reduction", "GTC passive",
        "GTC marketable", "IOC aggressive" };
    private static final int KIND_MOVE = 0;
    private static final int KIND_CROSSING_MOVE = 1;
    private static final int KIND_CANCEL = 2;
    private static final int KIND_REDUCE = 3;
    private static final int KIND_GTC = 4;
    private static final int KIND_MARKETABLE_GTC = 5;
    private static final int KIND_IOC = 6;

    private final SplittableRandom random;
    private final OrderMix mix;
    // the mix as thresholds of a roll out of OrderMix.OUT_OF: price moves, reductions, cancels or GTC, then IOC
    private final int priceMoveBelow;
    private final int reduceBelow;
    private final int cancelOrGtcBelow;
    private final BitSet cycleTrades = new BitSet();
    private boolean lastTraded;
    private final BookModel[] models;
    private final long[] centerPrice;
    private final ReferenceMatcher shadow;
    private final CapturingReportSink sink = new CapturingReportSink();
    private final int sessions;
    private final long[] lastClOrdId;
    private final int targetPerInstrument;
    private final List<BookModel> touchedModels = new ArrayList<>();
    private final List<Long> touchedOrders = new ArrayList<>();
    private long sequence;
    private long timestampNs = 1_000_000_000L;

    private final long[] kindCounts = new long[KIND_NAMES.length];
    private long tradingCommands;
    private long reports;
    private long cancelRejects;
    private long rejects;
    private long selfTradeCancels;
    private long filledResting;
    private long bookSizeSum;
    private int minBookSize = Integer.MAX_VALUE;
    private int maxBookSize;

    private OrderFlowGenerator(
        final List<InstrumentDefinition> instruments, final int restingOrders, final int sessions, final long seed,
        final OrderMix mix)
    {
        random = new SplittableRandom(seed);
        this.mix = mix;
        priceMoveBelow = mix.priceMoves();
        reduceBelow = priceMoveBelow + mix.reductions();
        cancelOrGtcBelow = reduceBelow + mix.cancelsOrGtc();
        this.sessions = sessions;
        lastClOrdId = new long[sessions + 1];
        models = new BookModel[instruments.size()];
        centerPrice = new long[instruments.size()];
        for (int i = 0; i < models.length; i++)
        {
            models[i] = new BookModel(i, instruments.get(i), 4 * restingOrders + 1_024);
            centerPrice[i] = instruments.get(i).referencePrice();
        }
        targetPerInstrument = Math.max(1, restingOrders / instruments.size());
        shadow = new ReferenceMatcher(instruments, 0, 1, Integer.MAX_VALUE, SELF_TRADE_PREVENTION);
    }

    /**
     * Generate a flow. The same arguments give the same flow.
     *
     * @param instruments   every instrument, in instruments file order; each gets an equal share of the orders.
     * @param restingOrders orders in the starting book, over all instruments; the main phase keeps about as many.
     * @param commands      commands in the main phase.
     * @param sessions      sessions entering orders, ids 1 to sessions; each has its own client order ids.
     * @param seed          of the random choices.
     * @return the flow.
     */
    public static OrderFlow generate(
        final List<InstrumentDefinition> instruments,
        final int restingOrders,
        final int commands,
        final int sessions,
        final long seed)
    {
        return generate(instruments, restingOrders, commands, sessions, seed, OrderMix.EXCHANGE_CORE);
    }

    /**
     * Generate a flow with a given mix. The same arguments give the same flow.
     *
     * @param instruments   every instrument, in instruments file order; each gets an equal share of the orders.
     * @param restingOrders orders in the starting book, over all instruments; the main phase keeps about as many.
     * @param commands      commands in the main phase.
     * @param sessions      sessions entering orders, ids 1 to sessions; each has its own client order ids.
     * @param seed          of the random choices.
     * @param mix           of the main phase.
     * @return the flow.
     */
    public static OrderFlow generate(
        final List<InstrumentDefinition> instruments,
        final int restingOrders,
        final int commands,
        final int sessions,
        final long seed,
        final OrderMix mix)
    {
        return new OrderFlowGenerator(instruments, restingOrders, sessions, seed, mix).run(restingOrders, commands);
    }

    private OrderFlow run(final int restingOrders, final int commands)
    {
        final Command[] prefill = new Command[restingOrders];
        for (int i = 0; i < restingOrders; i++)
        {
            final BookModel m = models[i % models.length];
            final boolean buy = random.nextBoolean();
            final long price = passivePrice(m, buy, 1 + random.nextInt(DEPTH_TICKS));
            prefill[i] = apply(newOrder(m, randomSession(), buy, price, randomLots(), TimeInForce.GTC));
        }
        final long[] startHashes = new long[models.length];
        for (int i = 0; i < models.length; i++)
        {
            startHashes[i] = shadow.instrumentStateHash(i);
        }
        final List<Command> cycle = new ArrayList<>(commands + 2 * restingOrders + 1_024);
        reports = 0;
        for (int i = 0; i < commands; i++)
        {
            cycle.add(nextMainCommand());
            cycleTrades.set(cycle.size() - 1, lastTraded);
            final int size = shadow.restingOrderCount();
            bookSizeSum += size;
            minBookSize = Math.min(minBookSize, size);
            maxBookSize = Math.max(maxBookSize, size);
        }
        final long mainTrading = tradingCommands;
        final long mainFilledResting = filledResting;
        closeCycle(prefill, cycle, startHashes);
        final String summary = summary(commands, cycle.size(), mainTrading, mainFilledResting);
        return new OrderFlow(
            prefill, cycle.toArray(new Command[0]), commands, reports, startHashes, summary, cycleTrades);
    }

    /** Cancel every resting order, then enter the starting orders again: the book is back where it started. */
    private void closeCycle(final Command[] prefill, final List<Command> cycle, final long[] startHashes)
    {
        for (final BookModel m : models)
        {
            while (m.liveCount() > 0)
            {
                cycle.add(apply(cancel(m, m.liveAt(m.liveCount() - 1))));
                cycleTrades.set(cycle.size() - 1, lastTraded);
            }
        }
        for (final Command original : prefill)
        {
            final Command again = new Command().copyFrom(original);
            again.sequence = ++sequence;
            again.timestampNs = timestampNs += 1_000;
            cycle.add(apply(again));
            cycleTrades.set(cycle.size() - 1, lastTraded);
        }
        for (int i = 0; i < models.length; i++)
        {
            if (shadow.instrumentStateHash(i) != startHashes[i])
            {
                throw new IllegalStateException("closing phase did not restore the starting book of instrument " + i);
            }
        }
        if (cancelRejects != 0 || rejects != 0)
        {
            throw new IllegalStateException("the flow is not valid: cancelRejects=" + cancelRejects +
                " rejects=" + rejects);
        }
    }

    private Command nextMainCommand()
    {
        final BookModel m = models[random.nextInt(models.length)];
        final int roll = random.nextInt(OrderMix.OUT_OF);
        final int slot = m.randomLive(random);
        final Command command;
        if (roll >= cancelOrGtcBelow)
        {
            command = ioc(m);
        }
        else if (slot == BookModel.NONE)
        {
            command = gtc(m);
        }
        else if (roll < priceMoveBelow)
        {
            command = priceMove(m, slot);
        }
        else if (roll < reduceBelow)
        {
            command = reduce(m, slot);
        }
        else if (random.nextDouble() < cancelShare(m))
        {
            kindCounts[KIND_CANCEL]++;
            command = cancel(m, slot);
        }
        else
        {
            command = gtc(m);
        }
        return apply(command);
    }

    /** Of cancels and GTC orders, the share of cancels: 7 to 13 at the target size, fewer below it, more above. */
    private double cancelShare(final BookModel m)
    {
        final double fill = (double)m.restingCount() / targetPerInstrument;
        return Math.max(0.05, Math.min(0.95, mix.cancelShareAtTarget() * fill * fill));
    }

    private Command gtc(final BookModel m)
    {
        final boolean buy = random.nextBoolean();
        if (random.nextInt(1_000) < mix.marketableGtcPerMille())
        {
            kindCounts[KIND_MARKETABLE_GTC]++;
            return newOrder(m, randomSession(), buy, aggressivePrice(m, buy), aggressorLots(m), TimeInForce.GTC);
        }
        kindCounts[KIND_GTC]++;
        final long ticksAway = 1 + Math.min(DEPTH_TICKS - 1, (long)(-Math.log(1.0 - random.nextDouble()) * 8.0));
        return newOrder(m, randomSession(), buy, passivePrice(m, buy, ticksAway), randomLots(), TimeInForce.GTC);
    }

    private Command ioc(final BookModel m)
    {
        kindCounts[KIND_IOC]++;
        final boolean buy = random.nextBoolean();
        return newOrder(m, randomSession(), buy, aggressivePrice(m, buy), aggressorLots(m), TimeInForce.IOC);
    }

    private Command priceMove(final BookModel m, final int slot)
    {
        final boolean buy = m.isBuy(slot);
        final long opposite = buy ? m.bestAskPrice() : m.bestBidPrice();
        if (opposite != BookModel.NONE && random.nextInt(1_000) < CROSSING_MOVES_PER_MILLE)
        {
            kindCounts[KIND_CROSSING_MOVE]++;
            final long through = random.nextInt(3) * m.tick();
            return replace(m, slot, buy ? opposite + through : opposite - through, m.orderQty(slot));
        }
        kindCounts[KIND_MOVE]++;
        final long tick = m.tick();
        final long nearest = passivePrice(m, buy, 1);
        final long farthest = passivePrice(m, buy, DEPTH_TICKS);
        final long low = Math.min(nearest, farthest);
        final long high = Math.max(nearest, farthest);
        final long old = m.price(slot);
        final long step = (1 + random.nextInt(3)) * tick * (random.nextBoolean() ? 1 : -1);
        long price = old + step;
        if (price < low || price > high)
        {
            price = old - step;
        }
        price = Math.max(low, Math.min(high, price));
        if (price == old)
        {
            price = old > low ? old - tick : old + tick;
        }
        return replace(m, slot, price, m.orderQty(slot));
    }

    /** Lower the quantity at the same price, keeping the order's place; a price move if no order can shrink. */
    private Command reduce(final BookModel m, final int firstPick)
    {
        int slot = firstPick;
        for (int attempt = 0; attempt < 4 && m.leavesQty(slot) < 2; attempt++)
        {
            slot = m.randomLive(random);
        }
        if (m.leavesQty(slot) < 2)
        {
            return priceMove(m, slot);
        }
        kindCounts[KIND_REDUCE]++;
        final long cut = 1 + random.nextInt((int)Math.min(Integer.MAX_VALUE - 1, m.leavesQty(slot) - 1));
        return replace(m, slot, m.price(slot), m.orderQty(slot) - cut);
    }

    /**
     * @return a price ticksAway behind the touch of the order's own side, never crossing the opposite touch.
     */
    private long passivePrice(final BookModel m, final boolean buy, final long ticksAway)
    {
        final long center = centerPrice[m.instrumentIndex()];
        if (buy)
        {
            final long ask = m.bestAskPrice();
            return (ask == BookModel.NONE ? center : Math.min(center, ask)) - ticksAway * m.tick();
        }
        final long bid = m.bestBidPrice();
        return (bid == BookModel.NONE ? center : Math.max(center, bid)) + ticksAway * m.tick();
    }

    /**
     * @return a price at or up to three ticks through the opposite touch (the center when that side is empty).
     */
    private long aggressivePrice(final BookModel m, final boolean buy)
    {
        final long through = random.nextInt(4) * m.tick();
        final long opposite = buy ? m.bestAskPrice() : m.bestBidPrice();
        final long touch = opposite == BookModel.NONE ? centerPrice[m.instrumentIndex()] : opposite;
        return buy ? touch + through : touch - through;
    }

    /** Larger aggressive orders while the book is above its target size, smaller below: the book stays near it. */
    private long aggressorLots(final BookModel m)
    {
        final double fill = (double)m.restingCount() / targetPerInstrument;
        final double scale = Math.max(0.25, Math.min(4.0, fill * fill * fill));
        final int mean = Math.max(1, (int)(AGGRESSOR_MEAN_LOTS * scale));
        return 1 + random.nextInt(2 * mean);
    }

    private long randomLots()
    {
        return 1 + random.nextInt(MAX_LOTS);
    }

    private int randomSession()
    {
        return 1 + random.nextInt(sessions);
    }

    private Command header(final int type, final BookModel m, final int session)
    {
        final Command c = new Command().reset();
        c.type = type;
        c.sessionId = session;
        c.gatewayId = 1 + session % GATEWAYS;
        c.sequence = ++sequence;
        c.timestampNs = timestampNs += 1_000;
        c.instrumentIndex = m.instrumentIndex();
        c.instrumentId = m.instrumentId();
        return c;
    }

    private Command newOrder(
        final BookModel m, final int session, final boolean buy, final long price, final long lots,
        final TimeInForce timeInForce)
    {
        final Command c = header(Command.NEW_ORDER, m, session);
        c.orderId = c.sequence;
        c.clOrdId = ++lastClOrdId[session];
        c.side = buy ? Side.BUY : Side.SELL;
        c.ordType = OrdType.LIMIT;
        c.timeInForce = timeInForce;
        c.price = price;
        c.quantity = lots;
        return c;
    }

    private Command cancel(final BookModel m, final int slot)
    {
        final int session = m.sessionId(slot);
        final Command c = header(Command.CANCEL, m, session);
        c.orderId = m.orderId(slot);
        c.clOrdId = ++lastClOrdId[session];
        c.origClOrdId = m.clOrdId(slot);
        return c;
    }

    private Command replace(final BookModel m, final int slot, final long price, final long quantity)
    {
        final int session = m.sessionId(slot);
        final Command c = header(Command.REPLACE, m, session);
        c.orderId = m.orderId(slot);
        c.clOrdId = ++lastClOrdId[session];
        c.origClOrdId = m.clOrdId(slot);
        c.side = m.isBuy(slot) ? Side.BUY : Side.SELL;
        c.ordType = OrdType.LIMIT;
        c.timeInForce = TimeInForce.GTC;
        c.price = price;
        c.quantity = quantity;
        return c;
    }

    /** Run a command through the shadow book and bring the model up to date from its reports. */
    private Command apply(final Command command)
    {
        sink.clear();
        shadow.onCommand(command, sink);
        boolean traded = false;
        for (int i = 0; i < sink.size(); i++)
        {
            traded |= absorb(sink.get(i));
        }
        for (int i = 0; i < touchedOrders.size(); i++)
        {
            final BookModel m = touchedModels.get(i);
            final int slot = m.slotOf(touchedOrders.get(i));
            if (slot != BookModel.NONE)
            {
                m.rest(slot);
            }
        }
        touchedModels.clear();
        touchedOrders.clear();
        reports += sink.size();
        tradingCommands += traded ? 1 : 0;
        lastTraded = traded;
        int resting = 0;
        for (final BookModel m : models)
        {
            resting += m.restingCount();
        }
        if (resting != shadow.restingOrderCount())
        {
            throw new IllegalStateException("book model lost track at " + command);
        }
        return command;
    }

    /**
     * @return true if the report is a fill.
     */
    private boolean absorb(final Report r)
    {
        if (r.kind == Report.CANCEL_REJECT)
        {
            cancelRejects++;
            return false;
        }
        final BookModel m = models[r.instrumentIndex];
        switch (r.execType)
        {
            case NEW ->
            {
                m.add(r.orderId, r.clOrdId, r.sessionId, r.side == Side.BUY, r.price, r.orderQty);
                touched(m, r.orderId);
            }
            case TRADE ->
            {
                final int slot = m.slotOf(r.orderId);
                if (r.leavesQty == 0)
                {
                    filledResting += m.isResting(slot) ? 1 : 0;
                    m.remove(slot);
                }
                else
                {
                    m.leaves(slot, r.leavesQty);
                }
                return true;
            }
            case REPLACED ->
            {
                m.update(m.slotOf(r.orderId), r.clOrdId, r.price, r.orderQty, r.leavesQty);
                touched(m, r.orderId);
            }
            case CANCELED, UNSOLICITED_CANCEL, EXPIRED ->
            {
                selfTradeCancels += r.cancelReason == CancelReason.SELF_TRADE_PREVENTION ? 1 : 0;
                m.remove(m.slotOf(r.orderId));
            }
            case REJECTED -> rejects++;
            default -> throw new IllegalStateException("unexpected report " + r);
        }
        return false;
    }

    private void touched(final BookModel m, final long orderId)
    {
        touchedModels.add(m);
        touchedOrders.add(orderId);
    }

    private String summary(
        final int mainCommands, final int cycleLength, final long mainTrading, final long mainFilledResting)
    {
        final StringBuilder sb = new StringBuilder(512);
        sb.append(String.format("order flow: %,d main commands + %,d closing = cycle of %,d; %d instrument(s), %d " +
            "sessions%n", mainCommands, cycleLength - mainCommands, cycleLength, models.length, sessions));
        for (int k = 0; k < KIND_NAMES.length; k++)
        {
            sb.append(String.format("  %-30s %6.2f%%%n", KIND_NAMES[k], 100.0 * kindCounts[k] / mainCommands));
        }
        sb.append(String.format("  trading commands: %.2f%% of the main phase (%.2f%% of the cycle)%n",
            100.0 * mainTrading / mainCommands, 100.0 * tradingCommands / cycleLength));
        sb.append(String.format("  resting orders during the main phase: min %d, mean %.0f, max %d%n",
            minBookSize, (double)bookSizeSum / mainCommands, maxBookSize));
        sb.append(String.format("  resting orders filled: %.2f%% of the main phase commands%n",
            100.0 * mainFilledResting / mainCommands));
        sb.append(String.format("  reports per command %.2f, self-trade cancels %d, cancel rejects %d, rejects %d",
            (double)reports / cycleLength, selfTradeCancels, cancelRejects, rejects));
        return sb.toString();
    }
}
