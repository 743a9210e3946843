package io.pushline.perf;

import java.util.SplittableRandom;

import io.pushline.config.InstrumentDefinition;
import org.agrona.collections.Long2LongHashMap;

/**
 * The workload generator's own picture of one instrument's book: which orders rest (with their client order id,
 * session, side, price and quantities) and how many orders rest at each price, so it can aim cancels and replaces at
 * live orders and price new orders passively or aggressively against the real touch. It is kept up to date from the
 * reports of a shadow matcher, never guessed. Used only while generating, so it may allocate.
 */
final class BookModel
{
    static final int NONE = -1;

    private final int instrumentIndex;
    private final int instrumentId;
    private final long tick;
    private final long lowestPrice;
    private final int levelCount;
    private final int[] bidCount;
    private final int[] askCount;
    private int bestBid = NONE;
    private int bestAsk = NONE;

    private final long[] orderId;
    private final long[] clOrdId;
    private final long[] price;
    private final long[] orderQty;
    private final long[] leavesQty;
    private final int[] sessionId;
    private final boolean[] buy;
    private final boolean[] resting;
    private final int[] densePosition;
    private final int[] dense;
    private final int[] nextFree;
    private final Long2LongHashMap slotById = new Long2LongHashMap(NONE);
    private int freeHead;
    private int liveCount;
    private int restingCount;

    /**
     * @param instrumentIndex position in the instruments file.
     * @param definition      the instrument; prices stay inside its band.
     * @param capacity        most orders the model can hold at once.
     */
    BookModel(final int instrumentIndex, final InstrumentDefinition definition, final int capacity)
    {
        this.instrumentIndex = instrumentIndex;
        this.instrumentId = definition.id();
        this.tick = definition.tickSize();
        final long bandTicks = Math.max(1, definition.referencePrice() * definition.bandBps() / 10_000 / tick);
        this.lowestPrice = definition.referencePrice() - bandTicks * tick;
        this.levelCount = (int)(2 * bandTicks + 1);
        bidCount = new int[levelCount];
        askCount = new int[levelCount];
        orderId = new long[capacity];
        clOrdId = new long[capacity];
        price = new long[capacity];
        orderQty = new long[capacity];
        leavesQty = new long[capacity];
        sessionId = new int[capacity];
        buy = new boolean[capacity];
        resting = new boolean[capacity];
        densePosition = new int[capacity];
        dense = new int[capacity];
        nextFree = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            nextFree[i] = i + 1 < capacity ? i + 1 : NONE;
        }
    }

    int instrumentIndex()
    {
        return instrumentIndex;
    }

    int instrumentId()
    {
        return instrumentId;
    }

    long tick()
    {
        return tick;
    }

    /**
     * @return orders known to the model: resting ones, plus the incoming one while a command is applied.
     */
    int liveCount()
    {
        return liveCount;
    }

    int restingCount()
    {
        return restingCount;
    }

    /**
     * @return the best bid price, or {@link #NONE} when no bid rests.
     */
    long bestBidPrice()
    {
        return bestBid == NONE ? NONE : priceOf(bestBid);
    }

    /**
     * @return the best ask price, or {@link #NONE} when no ask rests.
     */
    long bestAskPrice()
    {
        return bestAsk == NONE ? NONE : priceOf(bestAsk);
    }

    /**
     * @param random to pick with.
     * @return a uniformly chosen resting order's slot, or {@link #NONE} when the book is empty.
     */
    int randomLive(final SplittableRandom random)
    {
        return liveCount == 0 ? NONE : dense[random.nextInt(liveCount)];
    }

    /**
     * @param i index, 0 to {@link #liveCount()} - 1.
     * @return the slot of the i-th live order, in no particular order.
     */
    int liveAt(final int i)
    {
        return dense[i];
    }

    int slotOf(final long id)
    {
        return (int)slotById.get(id);
    }

    long orderId(final int slot)
    {
        return orderId[slot];
    }

    long clOrdId(final int slot)
    {
        return clOrdId[slot];
    }

    long price(final int slot)
    {
        return price[slot];
    }

    long orderQty(final int slot)
    {
        return orderQty[slot];
    }

    long leavesQty(final int slot)
    {
        return leavesQty[slot];
    }

    int sessionId(final int slot)
    {
        return sessionId[slot];
    }

    boolean isBuy(final int slot)
    {
        return buy[slot];
    }

    boolean isResting(final int slot)
    {
        return resting[slot];
    }

    /**
     * A new order the matcher acknowledged; it rests only once {@link #rest} is called.
     */
    void add(final long id, final long clientId, final int session, final boolean isBuy, final long px, final long qty)
    {
        final int slot = freeHead;
        if (slot == NONE)
        {
            throw new IllegalStateException("book model full: raise its capacity");
        }
        freeHead = nextFree[slot];
        orderId[slot] = id;
        clOrdId[slot] = clientId;
        sessionId[slot] = session;
        buy[slot] = isBuy;
        price[slot] = px;
        orderQty[slot] = qty;
        leavesQty[slot] = qty;
        resting[slot] = false;
        densePosition[slot] = liveCount;
        dense[liveCount++] = slot;
        slotById.put(id, slot);
    }

    /**
     * The order changed: take it off its level until {@link #rest} puts it back at its (new) price.
     */
    void update(final int slot, final long clientId, final long px, final long qty, final long leaves)
    {
        unrest(slot);
        clOrdId[slot] = clientId;
        price[slot] = px;
        orderQty[slot] = qty;
        leavesQty[slot] = leaves;
    }

    void leaves(final int slot, final long leaves)
    {
        leavesQty[slot] = leaves;
    }

    void rest(final int slot)
    {
        if (resting[slot])
        {
            return;
        }
        resting[slot] = true;
        restingCount++;
        final int level = levelOf(price[slot]);
        if (buy[slot])
        {
            bidCount[level]++;
            bestBid = Math.max(bestBid, level);
        }
        else
        {
            askCount[level]++;
            bestAsk = bestAsk == NONE ? level : Math.min(bestAsk, level);
        }
    }

    void remove(final int slot)
    {
        unrest(slot);
        slotById.remove(orderId[slot]);
        final int position = densePosition[slot];
        final int last = dense[--liveCount];
        dense[position] = last;
        densePosition[last] = position;
        nextFree[slot] = freeHead;
        freeHead = slot;
    }

    private void unrest(final int slot)
    {
        if (!resting[slot])
        {
            return;
        }
        resting[slot] = false;
        restingCount--;
        final int level = levelOf(price[slot]);
        if (buy[slot])
        {
            if (--bidCount[level] == 0 && level == bestBid)
            {
                while (bestBid >= 0 && bidCount[bestBid] == 0)
                {
                    bestBid--;
                }
            }
        }
        else if (--askCount[level] == 0 && level == bestAsk)
        {
            while (bestAsk < levelCount && askCount[bestAsk] == 0)
            {
                bestAsk++;
            }
            if (bestAsk == levelCount)
            {
                bestAsk = NONE;
            }
        }
    }

    private int levelOf(final long px)
    {
        final long level = (px - lowestPrice) / tick;
        if (level < 0 || level >= levelCount || (px - lowestPrice) % tick != 0)
        {
            throw new IllegalStateException("price outside the band or off tick: " + px);
        }
        return (int)level;
    }

    private long priceOf(final int level)
    {
        return lowestPrice + level * tick;
    }
}
