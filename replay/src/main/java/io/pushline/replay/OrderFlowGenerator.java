package io.pushline.replay;

import java.util.List;
import java.util.SplittableRandom;

import io.pushline.config.InstrumentDefinition;
import io.pushline.sbe.CancelOrderEncoder;
import io.pushline.sbe.ClockTickEncoder;
import io.pushline.sbe.MassCancelEncoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.NewOrderEncoder;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.ReplaceOrderEncoder;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.MutableDirectBuffer;

/**
 * A seeded random order flow for sample journals (docs, tests, the verify benchmark): limit orders clustered around a
 * drifting mid price per instrument (a few cross it and trade), market orders, cancels and replaces of orders the
 * generator sent (some have traded or gone since: the engine then answers UNKNOWN_ORDER), mass cancels and clock
 * ticks, from a number of sessions through one gateway. Every order is valid for its instrument (tick, lot, band,
 * notional). The same seed and instruments give the same commands. Envelope time and sequence are left 0: the engine
 * stamps them. Not a test oracle: the engine's answers are what the journal records.
 */
public final class OrderFlowGenerator
{
    private static final int TRACKED = 256;
    private static final int GATEWAY_ID = 1;

    private final SplittableRandom random;
    private final List<InstrumentDefinition> instruments;
    private final int sessions;
    private final long[] mid;
    private final long[] nextClOrdId;
    private final long[][] trackedClOrdId;
    private final int[][] trackedInstrument;
    private final long[][] trackedPrice;
    private final long[][] trackedQuantity;
    private final int[] trackedCount;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final CancelOrderEncoder cancel = new CancelOrderEncoder();
    private final ReplaceOrderEncoder replace = new ReplaceOrderEncoder();
    private final MassCancelEncoder massCancel = new MassCancelEncoder();
    private final ClockTickEncoder clockTick = new ClockTickEncoder();

    /**
     * @param seed        random seed.
     * @param instruments the instruments orders are for.
     * @param sessions    number of sessions (ids 1..sessions).
     */
    public OrderFlowGenerator(final long seed, final List<InstrumentDefinition> instruments, final int sessions)
    {
        if (sessions < 1 || instruments.isEmpty())
        {
            throw new IllegalArgumentException("need at least one session and one instrument");
        }
        this.random = new SplittableRandom(seed);
        this.instruments = List.copyOf(instruments);
        this.sessions = sessions;
        this.mid = new long[instruments.size()];
        for (int i = 0; i < mid.length; i++)
        {
            mid[i] = instruments.get(i).referencePrice();
        }
        this.nextClOrdId = new long[sessions + 1];
        this.trackedClOrdId = new long[sessions + 1][TRACKED];
        this.trackedInstrument = new int[sessions + 1][TRACKED];
        this.trackedPrice = new long[sessions + 1][TRACKED];
        this.trackedQuantity = new long[sessions + 1][TRACKED];
        this.trackedCount = new int[sessions + 1];
    }

    /**
     * Encode the next command.
     *
     * @param buffer to encode into.
     * @param offset where the message (header first) starts.
     * @param nowNs  the engine time the command will get (for GTD expiry times).
     * @return length of the message.
     */
    public int next(final MutableDirectBuffer buffer, final int offset, final long nowNs)
    {
        final int session = 1 + random.nextInt(sessions);
        final int roll = random.nextInt(1000);
        if (roll < 250 && trackedCount[session] > 0)
        {
            return cancel(buffer, offset, session);
        }
        if (roll < 370 && trackedCount[session] > 0)
        {
            return replace(buffer, offset, session);
        }
        if (roll < 375)
        {
            return massCancel(buffer, offset, session);
        }
        if (roll < 390)
        {
            clockTick.wrapAndApplyHeader(buffer, offset, header).sessionId(0).gatewayId(0).timestampNs(0).sequence(0);
            return MessageHeaderEncoder.ENCODED_LENGTH + clockTick.encodedLength();
        }
        return newOrder(buffer, offset, session, nowNs, roll < 420);
    }

    private int newOrder(
        final MutableDirectBuffer buffer, final int offset, final int session, final long nowNs, final boolean market)
    {
        final int index = random.nextInt(instruments.size());
        final InstrumentDefinition instrument = instruments.get(index);
        drift(index, instrument);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        // a few ticks behind the mid on the order's own side; from -3 the order crosses and may trade
        final long ticksAway = random.nextInt(-3, 12);
        final long price = side == Side.BUY ? mid[index] - ticksAway * instrument.tickSize() :
            mid[index] + ticksAway * instrument.tickSize();
        final long quantity = instrument.lotSize() * (1 + random.nextInt(10));
        final int tifRoll = random.nextInt(100);
        final TimeInForce tif = market ? TimeInForce.IOC : tifRoll < 45 ? TimeInForce.DAY : tifRoll < 80 ?
            TimeInForce.GTC : tifRoll < 95 ? TimeInForce.IOC : tifRoll < 98 ? TimeInForce.FOK : TimeInForce.GTD;
        final long clOrdId = ++nextClOrdId[session];
        newOrder.wrapAndApplyHeader(buffer, offset, header)
            .sessionId(session).gatewayId(GATEWAY_ID).timestampNs(0).sequence(0)
            .clOrdId(clOrdId)
            .price(market ? 0 : price)
            .quantity(quantity)
            .expireTimeNs(tif == TimeInForce.GTD ? nowNs + 1_000_000L * (1 + random.nextInt(60_000)) : 0)
            .instrumentId(instrument.id())
            .side(side)
            .ordType(market ? OrdType.MARKET : OrdType.LIMIT)
            .timeInForce(tif);
        newOrder.flags().clear().postOnly(!market && tif != TimeInForce.IOC && tif != TimeInForce.FOK &&
            random.nextInt(20) == 0);
        if (!market && (tif == TimeInForce.DAY || tif == TimeInForce.GTC || tif == TimeInForce.GTD))
        {
            track(session, clOrdId, index, price, quantity);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength();
    }

    private int cancel(final MutableDirectBuffer buffer, final int offset, final int session)
    {
        final int slot = random.nextInt(trackedCount[session]);
        final long origClOrdId = trackedClOrdId[session][slot];
        untrack(session, slot);
        cancel.wrapAndApplyHeader(buffer, offset, header)
            .sessionId(session).gatewayId(GATEWAY_ID).timestampNs(0).sequence(0)
            .clOrdId(++nextClOrdId[session])
            .origClOrdId(origClOrdId);
        return MessageHeaderEncoder.ENCODED_LENGTH + cancel.encodedLength();
    }

    private int replace(final MutableDirectBuffer buffer, final int offset, final int session)
    {
        final int slot = random.nextInt(trackedCount[session]);
        final InstrumentDefinition instrument = instruments.get(trackedInstrument[session][slot]);
        final long origClOrdId = trackedClOrdId[session][slot];
        final long clOrdId = ++nextClOrdId[session];
        final long price = trackedPrice[session][slot] + instrument.tickSize() * random.nextInt(-1, 2);
        final long quantity = Math.max(instrument.lotSize(),
            trackedQuantity[session][slot] + instrument.lotSize() * random.nextInt(-2, 3));
        trackedClOrdId[session][slot] = clOrdId;
        trackedPrice[session][slot] = price;
        trackedQuantity[session][slot] = quantity;
        replace.wrapAndApplyHeader(buffer, offset, header)
            .sessionId(session).gatewayId(GATEWAY_ID).timestampNs(0).sequence(0)
            .clOrdId(clOrdId)
            .origClOrdId(origClOrdId)
            .price(price)
            .quantity(quantity);
        return MessageHeaderEncoder.ENCODED_LENGTH + replace.encodedLength();
    }

    private int massCancel(final MutableDirectBuffer buffer, final int offset, final int session)
    {
        final int instrumentId = random.nextInt(4) == 0 ? 0 : instruments.get(random.nextInt(instruments.size())).id();
        for (int slot = trackedCount[session] - 1; slot >= 0; slot--)
        {
            if (instrumentId == 0 || instruments.get(trackedInstrument[session][slot]).id() == instrumentId)
            {
                untrack(session, slot);
            }
        }
        massCancel.wrapAndApplyHeader(buffer, offset, header)
            .sessionId(session).gatewayId(GATEWAY_ID).timestampNs(0).sequence(0)
            .clOrdId(++nextClOrdId[session])
            .instrumentId(instrumentId);
        return MessageHeaderEncoder.ENCODED_LENGTH + massCancel.encodedLength();
    }

    /** The mid moves a tick now and then, and stays well inside the price band. */
    private void drift(final int index, final InstrumentDefinition instrument)
    {
        if (random.nextInt(10) == 0)
        {
            final long band = instrument.bandBps() == 0 ? instrument.referencePrice() / 10 :
                instrument.referencePrice() * instrument.bandBps() / 10_000;
            final long next = mid[index] + (random.nextBoolean() ? instrument.tickSize() : -instrument.tickSize());
            if (Math.abs(next - instrument.referencePrice()) < band / 2 - 20 * instrument.tickSize())
            {
                mid[index] = next;
            }
        }
    }

    private void track(final int session, final long clOrdId, final int index, final long price, final long quantity)
    {
        // when full, forget a random one (it stays in the book until it trades, expires or is mass cancelled)
        final int slot = trackedCount[session] < TRACKED ? trackedCount[session]++ : random.nextInt(TRACKED);
        trackedClOrdId[session][slot] = clOrdId;
        trackedInstrument[session][slot] = index;
        trackedPrice[session][slot] = price;
        trackedQuantity[session][slot] = quantity;
    }

    private void untrack(final int session, final int slot)
    {
        final int last = --trackedCount[session];
        trackedClOrdId[session][slot] = trackedClOrdId[session][last];
        trackedInstrument[session][slot] = trackedInstrument[session][last];
        trackedPrice[session][slot] = trackedPrice[session][last];
        trackedQuantity[session][slot] = trackedQuantity[session][last];
    }
}
