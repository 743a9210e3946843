package io.pushline.engine.match;

import java.util.List;

import io.pushline.config.InstrumentDefinition;
import org.agrona.collections.Int2IntHashMap;

/**
 * Rule state of every instrument, by instrument index: static reference data plus what admin commands change
 * (halted, reference price). Validate keeps one copy for new orders and each matcher one for replaces; both apply the
 * same admin commands in sequence, so they always agree.
 */
public final class InstrumentRules
{
    /** Index of an instrument id that is not in the instruments file (distinct from Command.ALL_INSTRUMENTS). */
    public static final int UNKNOWN = -2;
    /** Most instruments an engine takes. */
    public static final int MAX_INSTRUMENTS = 1 << 16;

    private final Int2IntHashMap indexById;
    final int[] ids;
    final long[] tickSize;
    final long[] lotSize;
    final long[] referencePrice;
    final int[] bandBps;
    final long[] maxQuantity;
    final long[] maxNotional;
    final boolean[] halted;

    /**
     * @param instruments every instrument, in file order.
     */
    public InstrumentRules(final List<InstrumentDefinition> instruments)
    {
        final int n = instruments.size();
        if (n >= MAX_INSTRUMENTS)
        {
            throw new IllegalArgumentException("at most " + (MAX_INSTRUMENTS - 1) + " instruments");
        }
        indexById = new Int2IntHashMap(Math.max(8, n * 2), 0.65f, UNKNOWN);
        ids = new int[n];
        tickSize = new long[n];
        lotSize = new long[n];
        referencePrice = new long[n];
        bandBps = new int[n];
        maxQuantity = new long[n];
        maxNotional = new long[n];
        halted = new boolean[n];
        for (int i = 0; i < n; i++)
        {
            final InstrumentDefinition d = instruments.get(i);
            if (d.id() >= 1 << (63 - Reports.TRADE_NUMBER_BITS))
            {
                throw new IllegalArgumentException("instrument id " + d.id() + " must be below " +
                    (1 << (63 - Reports.TRADE_NUMBER_BITS)) + " (it is part of every trade id)");
            }
            indexById.put(d.id(), i);
            ids[i] = d.id();
            tickSize[i] = d.tickSize();
            lotSize[i] = d.lotSize();
            referencePrice[i] = d.referencePrice();
            bandBps[i] = d.bandBps();
            maxQuantity[i] = d.maxQuantity();
            maxNotional[i] = d.maxNotional();
        }
    }

    /**
     * @param instrumentId id on the wire.
     * @return its index, or {@link #UNKNOWN}.
     */
    public int indexOf(final int instrumentId)
    {
        return indexById.get(instrumentId);
    }

    /**
     * @return number of instruments.
     */
    public int count()
    {
        return ids.length;
    }

    /**
     * @param index instrument index.
     * @return instrument id.
     */
    public int id(final int index)
    {
        return ids[index];
    }

    /**
     * @param index instrument index.
     * @return true while halted.
     */
    public boolean halted(final int index)
    {
        return halted[index];
    }

    /**
     * @param index  instrument index.
     * @param halted new state.
     */
    public void halted(final int index, final boolean halted)
    {
        this.halted[index] = halted;
    }

    /**
     * @param index instrument index.
     * @return current reference price.
     */
    public long referencePrice(final int index)
    {
        return referencePrice[index];
    }

    /**
     * @param index instrument index.
     * @param price new reference price.
     */
    public void referencePrice(final int index, final long price)
    {
        referencePrice[index] = price;
    }

    boolean outsideBand(final int index, final long price)
    {
        final int band = bandBps[index];
        if (band == 0)
        {
            return false;
        }
        final long reference = referencePrice[index];
        // price and reference are positive here, so the distance fits a long; compare the products exactly in 128 bits
        final long distance = Math.abs(price - reference);
        return greaterProduct(distance, 10_000L, reference, band);
    }

    /**
     * @return a * b > c * d, exactly, for non-negative operands.
     */
    static boolean greaterProduct(final long a, final long b, final long c, final long d)
    {
        final long high1 = Math.multiplyHigh(a, b);
        final long high2 = Math.multiplyHigh(c, d);
        if (high1 != high2)
        {
            return high1 > high2;
        }
        return Long.compareUnsigned(a * b, c * d) > 0;
    }

    boolean notionalOver(final int index, final long price, final long quantity)
    {
        return price > 0 && quantity > maxNotional[index] / price;
    }
}
