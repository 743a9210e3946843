package io.pushline.engine.match;

import io.pushline.config.InstrumentDefinition;
import io.pushline.sbe.AdminAction;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded stream of realistic commands as they reach the matcher after validation: monotonic time, strictly
 * increasing sequence from 1, new order id = sequence, prices on tick inside the band and clustered near a drifting
 * mid price, quantities in lots, fresh client order ids. New orders are always valid. Cancels and replaces name orders
 * the generator created (which may have traded, expired or been cancelled since: the matcher then answers
 * UNKNOWN_ORDER). Replaces are checked by the matcher, not by validation: a few percent break a quantity, price, band
 * or notional rule, and while an instrument is halted some of its replaces are sent anyway; the generator expects
 * those to be refused and keeps the order as it was; any other replace it assumes to succeed. Also mass cancels,
 * cancel-on-disconnect, clock ticks and admin commands (halt and resume, new reference prices, cancel all); while an
 * instrument is halted it gets no new orders. After a cancel-on-disconnect the session comes back, maybe through
 * another gateway, so its remaining orders report through the gateway they were entered on.
 * <p>
 * The same seed and instruments give the same stream. {@link #next(Command)} does not allocate.
 */
public final class RandomCommandGenerator
{
    /** Client order ids the generator remembers per session; older ones are forgotten at random when full. */
    private static final int TRACKED_PER_SESSION = 1_024;
    private static final long MILLISECOND_NS = 1_000_000L;
    private static final int ADMIN_SESSION = 0;
    /** Percent of replaces (of instruments not halted) that break a rule the matcher checks. */
    private static final int INVALID_REPLACE_PERCENT = 4;

    /** An order the generator created and may cancel or replace. */
    private static final class Tracked
    {
        long orderId;
        long clOrdId;
        int instrumentIndex;
        Side side;
        TimeInForce timeInForce;
        long price;
        long quantity;

        void copyFrom(final Tracked other)
        {
            orderId = other.orderId;
            clOrdId = other.clOrdId;
            instrumentIndex = other.instrumentIndex;
            side = other.side;
            timeInForce = other.timeInForce;
            price = other.price;
            quantity = other.quantity;
        }
    }

    private final SplittableRandom random;
    private final List<InstrumentDefinition> instruments;
    private final int sessionCount;
    private final long[] mid;
    private final long[] reference;
    private final Tracked[][] tracked;
    private final int[] trackedCount;
    private final long[] lastClOrdId;
    private final int[] gatewayOf;
    private long sequence;
    private long timestampNs = 1_000_000_000L;
    private int haltedInstrument = -1;
    private int haltRemaining;

    /**
     * @param seed         of the stream.
     * @param instruments  every instrument, in instruments file order.
     * @param sessionCount number of sessions, ids 1 to sessionCount.
     */
    public RandomCommandGenerator(final long seed, final List<InstrumentDefinition> instruments, final int sessionCount)
    {
        this.random = new SplittableRandom(seed);
        this.instruments = instruments;
        this.sessionCount = sessionCount;
        mid = new long[instruments.size()];
        reference = new long[instruments.size()];
        for (int i = 0; i < mid.length; i++)
        {
            reference[i] = instruments.get(i).referencePrice();
            mid[i] = reference[i];
        }
        tracked = new Tracked[sessionCount + 1][TRACKED_PER_SESSION];
        for (final Tracked[] ofSession : tracked)
        {
            for (int i = 0; i < ofSession.length; i++)
            {
                ofSession[i] = new Tracked();
            }
        }
        trackedCount = new int[sessionCount + 1];
        lastClOrdId = new long[sessionCount + 1];
        gatewayOf = new int[sessionCount + 1];
        for (int s = 1; s <= sessionCount; s++)
        {
            gatewayOf[s] = 1 + (s - 1) % 3;
        }
    }

    /**
     * @return sequence of the last command generated.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * Generate the next command.
     *
     * @param reuse command to fill; every field is overwritten.
     * @return reuse, filled.
     */
    public Command next(final Command reuse)
    {
        final Command c = reuse.reset();
        c.sequence = ++sequence;
        timestampNs += random.nextInt(4) == 0 ? 0 : random.nextLong(1, 20_000);
        c.timestampNs = timestampNs;

        if (haltedInstrument >= 0 && --haltRemaining <= 0)
        {
            admin(c, haltedInstrument, AdminAction.RESUME);
            haltedInstrument = -1;
            return c;
        }
        final int roll = random.nextInt(10_000);
        final int session = 1 + random.nextInt(sessionCount);
        if (roll < 100)
        {
            header(c, Command.CLOCK_TICK, ADMIN_SESSION);
        }
        else if (roll < 103)
        {
            massCancel(c, session);
        }
        else if (roll < 104)
        {
            cancelOnDisconnect(c, session);
        }
        else if (roll < 106)
        {
            randomAdmin(c);
        }
        else if (roll < 2_600 && trackedCount[session] > 0)
        {
            cancel(c, session, random.nextInt(trackedCount[session]));
        }
        else if (roll < 3_800 && trackedCount[session] > 0)
        {
            replace(c, session, random.nextInt(trackedCount[session]));
        }
        else
        {
            newOrder(c, session);
        }
        return c;
    }

    private void header(final Command c, final int type, final int session)
    {
        c.type = type;
        c.sessionId = session;
        c.gatewayId = gatewayOf[session];
    }

    private void onInstrument(final Command c, final int instrumentIndex)
    {
        c.instrumentIndex = instrumentIndex;
        c.instrumentId = instruments.get(instrumentIndex).id();
    }

    private int pickInstrument()
    {
        final int n = instruments.size();
        return Math.min(random.nextInt(n), random.nextInt(n));
    }

    private void newOrder(final Command c, final int session)
    {
        int index = pickInstrument();
        while (index == haltedInstrument)
        {
            index = random.nextInt(instruments.size());
        }
        final InstrumentDefinition def = instruments.get(index);
        if (random.nextInt(64) == 0)
        {
            final long drift = random.nextBoolean() ? def.tickSize() : -def.tickSize();
            mid[index] = clampToBand(index, mid[index] + drift, 2);
        }
        header(c, Command.NEW_ORDER, session);
        onInstrument(c, index);
        c.orderId = c.sequence;
        c.clOrdId = ++lastClOrdId[session];
        c.side = random.nextBoolean() ? Side.BUY : Side.SELL;
        c.quantity = randomQuantity(def);

        final int kind = random.nextInt(100);
        if (kind < 3)
        {
            c.ordType = OrdType.MARKET;
            c.timeInForce = kind < 2 ? TimeInForce.IOC : TimeInForce.FOK;
            c.quantity = capNotional(def, reference[index], c.quantity);
            return;
        }
        c.ordType = OrdType.LIMIT;
        if (kind < 8)
        {
            c.timeInForce = kind < 6 ? TimeInForce.IOC : TimeInForce.FOK;
            c.price = aggressivePrice(index, c.side);
        }
        else
        {
            restableLimit(c, index, session);
        }
        c.quantity = capNotional(def, c.price, c.quantity);
        if (c.timeInForce != TimeInForce.IOC && c.timeInForce != TimeInForce.FOK)
        {
            track(session, c);
        }
    }

    private void restableLimit(final Command c, final int index, final int session)
    {
        final int tif = random.nextInt(100);
        c.timeInForce = tif < 40 ? TimeInForce.DAY : tif < 75 ? TimeInForce.GTC : TimeInForce.GTD;
        if (c.timeInForce == TimeInForce.GTD)
        {
            final long lifeMs = random.nextInt(8) == 0 ? 1 + random.nextInt(5) : 1 + random.nextInt(2_000);
            c.expireTimeNs = (timestampNs / MILLISECOND_NS + lifeMs) * MILLISECOND_NS;
        }
        c.postOnly = random.nextInt(10) == 0;
        c.price = random.nextInt(100) < 3 ? aggressivePrice(index, c.side) : passivePrice(index, c.side);
    }

    /** At the mid or a few ticks through it, so it trades if the other side rests near the mid. */
    private long aggressivePrice(final int index, final Side side)
    {
        final long ticks = random.nextInt(4);
        final long tick = instruments.get(index).tickSize();
        return clampToBand(index, side == Side.BUY ? mid[index] + ticks * tick : mid[index] - ticks * tick, 1);
    }

    /** One or more ticks away from the mid on the order's own side, most near the touch. */
    private long passivePrice(final int index, final Side side)
    {
        final long ticks = 1 + Math.min(200, (long)(-Math.log(1.0 - random.nextDouble()) * 4.0));
        final long tick = instruments.get(index).tickSize();
        return clampToBand(index, side == Side.BUY ? mid[index] - ticks * tick : mid[index] + ticks * tick, 1);
    }

    /**
     * @param divisor 1 for the full band, 2 to stay within half of it.
     * @return the price moved onto the band (or its part), on tick, and at least one tick.
     */
    private long clampToBand(final int index, final long price, final int divisor)
    {
        final InstrumentDefinition def = instruments.get(index);
        final long tick = def.tickSize();
        final long ref = reference[index];
        final long maxDistance = def.bandBps() == 0 ? 500 * tick : ref * def.bandBps() / 10_000 / divisor;
        final long ticks = maxDistance / tick;
        final long lo = Math.max(tick, ref - ticks * tick);
        final long hi = ref + ticks * tick;
        final long onTick = Math.floorDiv(price, tick) * tick;
        return Math.max(lo, Math.min(hi, onTick));
    }

    private long randomQuantity(final InstrumentDefinition def)
    {
        final long lots = random.nextInt(10) == 0 ? 10 + random.nextInt(90) : 1 + random.nextInt(10);
        final long maxLots = def.maxQuantity() / def.lotSize();
        return Math.max(1, Math.min(lots, maxLots)) * def.lotSize();
    }

    private static long capNotional(final InstrumentDefinition def, final long price, final long quantity)
    {
        final long maxLots = def.maxNotional() / price / def.lotSize();
        return Math.max(1, Math.min(quantity / def.lotSize(), maxLots)) * def.lotSize();
    }

    private void track(final int session, final Command c)
    {
        final Tracked t;
        if (trackedCount[session] < TRACKED_PER_SESSION)
        {
            t = tracked[session][trackedCount[session]++];
        }
        else
        {
            t = tracked[session][random.nextInt(TRACKED_PER_SESSION)];
        }
        t.orderId = c.orderId;
        t.clOrdId = c.clOrdId;
        t.instrumentIndex = c.instrumentIndex;
        t.side = c.side;
        t.timeInForce = c.timeInForce;
        t.price = c.price;
        t.quantity = c.quantity;
    }

    private void untrack(final int session, final int slot)
    {
        final int last = --trackedCount[session];
        tracked[session][slot].copyFrom(tracked[session][last]);
    }

    private void cancel(final Command c, final int session, final int slot)
    {
        final Tracked t = tracked[session][slot];
        header(c, Command.CANCEL, session);
        onInstrument(c, t.instrumentIndex);
        c.orderId = t.orderId;
        c.clOrdId = ++lastClOrdId[session];
        c.origClOrdId = t.clOrdId;
        untrack(session, slot);
    }

    private void replace(final Command c, final int session, final int slot)
    {
        final Tracked t = tracked[session][slot];
        final boolean halted = t.instrumentIndex == haltedInstrument;
        if (halted && random.nextBoolean())
        {
            cancel(c, session, slot);
            return;
        }
        final InstrumentDefinition def = instruments.get(t.instrumentIndex);
        header(c, Command.REPLACE, session);
        onInstrument(c, t.instrumentIndex);
        c.orderId = t.orderId;
        c.clOrdId = ++lastClOrdId[session];
        c.origClOrdId = t.clOrdId;
        c.side = t.side;
        c.ordType = OrdType.LIMIT;
        c.timeInForce = t.timeInForce;

        final long tick = def.tickSize();
        final long moveTicks = random.nextBoolean() ? 0 : random.nextInt(-3, 4);
        long price = t.price + moveTicks * tick;
        if (random.nextInt(10) != 0)
        {
            final long mid = this.mid[t.instrumentIndex];
            price = t.side == Side.BUY ? Math.min(price, mid - tick) : Math.max(price, mid + tick);
        }
        c.price = clampToBand(t.instrumentIndex, price, 1);
        final long lot = def.lotSize();
        final int q = random.nextInt(10);
        final long quantity = q < 3 ? t.quantity - lot * (1 + random.nextInt(3)) :
            q < 6 ? t.quantity + lot * (1 + random.nextInt(5)) : q < 9 ? t.quantity : lot;
        c.quantity = capNotional(def, c.price, Math.max(lot, Math.min(quantity, def.maxQuantity() / lot * lot)));

        if (halted)
        {
            return; // refused INSTRUMENT_HALTED: the order keeps its client order id, price and quantity
        }
        if (random.nextInt(100) < INVALID_REPLACE_PERCENT)
        {
            breakRule(c, t.instrumentIndex);
            return;
        }
        t.clOrdId = c.clOrdId;
        t.price = c.price;
        t.quantity = c.quantity;
    }

    /** Make a valid replace break one quantity, price or notional rule (the first the matcher checks fails). */
    private void breakRule(final Command c, final int index)
    {
        final InstrumentDefinition def = instruments.get(index);
        final long tick = def.tickSize();
        final long lot = def.lotSize();
        final int rule = random.nextInt(7);
        if (rule == 0)
        {
            c.quantity = -lot * random.nextInt(2);
        }
        else if (rule == 1 && lot > 1)
        {
            c.quantity += 1 + random.nextInt((int)lot - 1);
        }
        else if (rule <= 2)
        {
            c.quantity = (def.maxQuantity() / lot + 1 + random.nextInt(3)) * lot;
        }
        else if (rule == 3)
        {
            c.price = -tick * random.nextInt(2);
        }
        else if (rule == 4 && tick > 1)
        {
            c.price += 1 + random.nextInt((int)tick - 1);
        }
        else if (rule <= 5 && def.bandBps() > 0)
        {
            final long ref = reference[index];
            final long outside = (ref * def.bandBps() / 10_000 / tick + 1 + random.nextInt(3)) * tick;
            c.price = random.nextBoolean() ? ref + outside : Math.max(tick, ref - outside);
        }
        else
        {
            c.quantity = (def.maxNotional() / c.price / lot + 1) * lot;
        }
    }

    private void massCancel(final Command c, final int session)
    {
        header(c, Command.MASS_CANCEL, session);
        c.clOrdId = ++lastClOrdId[session];
        if (random.nextBoolean())
        {
            c.instrumentIndex = Command.ALL_INSTRUMENTS;
            c.instrumentId = 0;
            trackedCount[session] = 0;
        }
        else
        {
            final int index = pickInstrument();
            onInstrument(c, index);
            untrackWhere(session, index, null);
        }
    }

    private void cancelOnDisconnect(final Command c, final int session)
    {
        header(c, Command.CANCEL_ON_DISCONNECT, session);
        untrackWhere(session, Command.ALL_INSTRUMENTS, TimeInForce.DAY);
        gatewayOf[session] = 1 + random.nextInt(3);
    }

    /** Forget a session's orders on an instrument (or all) and of a time in force (or any). */
    private void untrackWhere(final int session, final int instrumentIndex, final TimeInForce tif)
    {
        for (int i = trackedCount[session] - 1; i >= 0; i--)
        {
            final Tracked t = tracked[session][i];
            if ((instrumentIndex == Command.ALL_INSTRUMENTS || t.instrumentIndex == instrumentIndex) &&
                (tif == null || t.timeInForce == tif))
            {
                untrack(session, i);
            }
        }
    }

    private void randomAdmin(final Command c)
    {
        final int index = pickInstrument();
        final int roll = random.nextInt(100);
        if (roll < 20 && haltedInstrument < 0 && instruments.size() > 1)
        {
            admin(c, index, roll < 10 ? AdminAction.HALT_AND_CANCEL : AdminAction.HALT);
            haltedInstrument = index;
            haltRemaining = 50 + random.nextInt(500);
        }
        else if (roll < 40)
        {
            admin(c, index, AdminAction.SET_REFERENCE_PRICE);
            reference[index] = mid[index];
            c.price = mid[index];
        }
        else
        {
            admin(c, index, AdminAction.CANCEL_ALL);
        }
    }

    private void admin(final Command c, final int index, final AdminAction action)
    {
        header(c, Command.ADMIN, ADMIN_SESSION);
        onInstrument(c, index);
        c.adminAction = action;
        if (action == AdminAction.CANCEL_ALL || action == AdminAction.HALT_AND_CANCEL)
        {
            for (int s = 1; s <= sessionCount; s++)
            {
                untrackWhere(s, index, null);
            }
        }
    }
}
