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
    /** Index of an instrument id that is not in the instruments file. */
    public static final int UNKNOWN = -1;
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
        final long distance = Math.abs(price - reference);
        // distance * 10000 > reference * band, without overflow for any positive price
        return Math.multiplyHigh(distance, 10_000L) != 0 || Math.multiplyHigh(reference, band) != 0 ?
            (double)distance * 10_000d > (double)reference * band :
            distance * 10_000L > reference * band;
    }

    boolean notionalOver(final int index, final long price, final long quantity)
    {
        return price > 0 && quantity > maxNotional[index] / price;
    }
}
