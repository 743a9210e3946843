package io.pushline.engine.match;

import java.util.List;

import io.pushline.config.InstrumentDefinition;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.TimeInForce;

/**
 * Where a shard's orders live: the order and level pools, the order id index, each instrument's price ladders and
 * GTD list. Knows how to put an order in the book and take it out, and nothing about matching.
 */
final class OrderBooks
{
    private static final int INITIAL_INDEX_CAPACITY = 1 << 12;
    /** The pool addresses eight longs per order with an int index. */
    private static final long MAX_POOL = Integer.MAX_VALUE / 8;

    final OrderPool orders;
    final LevelPool levels;
    final InstrumentBook[] books;
    final int[] ownedIndexes;
    final ExpiryQueue expiry;
    private final LiveOrderIds liveIds;
    private final int maxOrdersPerInstrument;
    private int restingCount;

    OrderBooks(
        final List<InstrumentDefinition> instruments,
        final int shardIndex,
        final int shardCount,
        final int maxOrdersPerInstrument)
    {
        this.maxOrdersPerInstrument = maxOrdersPerInstrument;
        int owned = 0;
        for (int i = shardIndex; i < instruments.size(); i += shardCount)
        {
            owned++;
        }
        // capacity per instrument, so BOOK_FULL does not depend on how instruments are spread over shards; one spare
        // slot for an incoming order that will not rest while every book is full
        final long capacity = (long)owned * maxOrdersPerInstrument + 1;
        if (capacity > MAX_POOL)
        {
            throw new IllegalArgumentException(owned + " instruments x maxOrdersPerInstrument " +
                maxOrdersPerInstrument + " exceeds " + MAX_POOL + " orders per shard");
        }
        orders = new OrderPool((int)capacity);
        levels = new LevelPool((int)capacity);
        // sized for a typical book, not the largest: inserts into a table sized for maxOrders land on cold cache
        // lines (measured: 9.8M against 11.2M commands/s). It grows only when the book passes its largest size so far.
        liveIds = new LiveOrderIds(INITIAL_INDEX_CAPACITY);
        expiry = new ExpiryQueue((int)capacity);
        books = new InstrumentBook[instruments.size()];
        ownedIndexes = new int[owned];
        for (int i = shardIndex, n = 0; i < instruments.size(); i += shardCount)
        {
            books[i] = new InstrumentBook(instruments.get(i).id(), i);
            ownedIndexes[n++] = i;
        }
    }

    /**
     * @return true if the instrument already rests its maximum of orders.
     */
    boolean isFull(final InstrumentBook book)
    {
        return book.restingCount >= maxOrdersPerInstrument;
    }

    /**
     * @return the resting order of the session under this client order id, or {@link OrderPool#NONE}.
     */
    int liveOrder(final int sessionId, final long clOrdId)
    {
        final int handle = liveIds.get(sessionId, clOrdId);
        return handle == LiveOrderIds.MISSING ? OrderPool.NONE : handle;
    }

    /** A resting order takes a new client order id (replace). */
    void rekey(final int order, final long clOrdId)
    {
        final int sessionId = orders.sessionId(order);
        liveIds.remove(sessionId, orders.clOrdId(order));
        orders.clOrdId(order, clOrdId);
        liveIds.put(sessionId, clOrdId, order);
    }

    long instrumentStateHash(final int instrumentIndex)
    {
        final InstrumentBook book = owned(instrumentIndex);
        long hash = StateHash.EMPTY;
        hash = hashSide(hash, book.bids);
        return hashSide(hash, book.asks);
    }

    int restingOrderCount()
    {
        return restingCount;
    }

    void forEachRestingOrder(
        final int instrumentIndex, final RestingOrder scratch, final RestingOrder.Visitor visitor)
    {
        final InstrumentBook book = owned(instrumentIndex);
        forEachRestingOrder(book.bids, scratch, visitor);
        forEachRestingOrder(book.asks, scratch, visitor);
    }

    void restore(final RestingOrder order)
    {
        final InstrumentBook book = owned(order.instrumentIndex);
        if (isFull(book))
        {
            throw new IllegalStateException("snapshot holds more resting orders for instrument " + book.instrumentId +
                " than maxOrdersPerInstrument=" + maxOrdersPerInstrument);
        }
        final int handle = orders.allocate();
        orders.orderId(handle, order.orderId);
        orders.clOrdId(handle, order.clOrdId);
        orders.price(handle, order.price);
        orders.orderQty(handle, order.orderQty);
        orders.leavesQty(handle, order.leavesQty);
        orders.cumQty(handle, order.cumQty);
        orders.expireTimeNs(handle, order.expireTimeNs);
        orders.sessionId(handle, order.sessionId);
        orders.gatewayId(handle, order.gatewayId);
        orders.instrumentIndex(handle, order.instrumentIndex);
        orders.enums(handle, order.side, OrdType.LIMIT, order.timeInForce);
        orders.postOnly(handle, order.postOnly);
        rest(book, handle);
    }

    private void forEachRestingOrder(
        final SideBook side, final RestingOrder scratch, final RestingOrder.Visitor visitor)
    {
        for (int rank = 0; rank < side.size(); rank++)
        {
            for (int o = levels.head(side.levelAtRank(rank)); o != OrderPool.NONE; o = orders.next(o))
            {
                scratch.orderId = orders.orderId(o);
                scratch.clOrdId = orders.clOrdId(o);
                scratch.sessionId = orders.sessionId(o);
                scratch.gatewayId = orders.gatewayId(o);
                scratch.instrumentIndex = orders.instrumentIndex(o);
                scratch.side = orders.side(o);
                scratch.timeInForce = orders.timeInForce(o);
                scratch.postOnly = orders.postOnly(o);
                scratch.price = orders.price(o);
                scratch.orderQty = orders.orderQty(o);
                scratch.leavesQty = orders.leavesQty(o);
                scratch.cumQty = orders.cumQty(o);
                scratch.expireTimeNs = orders.expireTimeNs(o);
                visitor.onOrder(scratch);
            }
        }
    }

    InstrumentBook owned(final int instrumentIndex)
    {
        final InstrumentBook book = instrumentIndex >= 0 && instrumentIndex < books.length ?
            books[instrumentIndex] : null;
        if (book == null)
        {
            throw new IllegalArgumentException("instrument index " + instrumentIndex + " is not in this shard");
        }
        return book;
    }

    InstrumentBook bookFor(final Command command)
    {
        final InstrumentBook book = books[command.instrumentIndex];
        if (book == null)
        {
            throw new IllegalArgumentException("instrument not in this shard: " + command);
        }
        return book;
    }

    int newOrder(final Command command, final boolean market)
    {
        final int order = orders.allocate();
        orders.orderId(order, command.orderId);
        orders.clOrdId(order, command.clOrdId);
        orders.price(order, market ? 0 : command.price);
        orders.orderQty(order, command.quantity);
        orders.leavesQty(order, command.quantity);
        orders.cumQty(order, 0);
        orders.expireTimeNs(order, command.timeInForce == TimeInForce.GTD ? command.expireTimeNs : 0);
        orders.sessionId(order, command.sessionId);
        orders.gatewayId(order, command.gatewayId);
        orders.instrumentIndex(order, command.instrumentIndex);
        orders.enums(order, command.side, command.ordType, command.timeInForce);
        orders.postOnly(order, command.postOnly);
        return order;
    }

    void rest(final InstrumentBook book, final int order)
    {
        linkToLevel(book, order);
        liveIds.put(orders.sessionId(order), orders.clOrdId(order), order);
        restingCount++;
        book.restingCount++;
        if (orders.is(order, TimeInForce.GTD))
        {
            expiry.add(orders, order);
        }
    }

    void linkToLevel(final InstrumentBook book, final int order)
    {
        final SideBook side = book.side(orders.isBuy(order));
        final int level = side.findOrInsert(orders.price(order), levels);
        final int tail = levels.tail(level);
        orders.level(order, level);
        orders.prev(order, tail);
        orders.next(order, OrderPool.NONE);
        if (tail == OrderPool.NONE)
        {
            levels.head(level, order);
        }
        else
        {
            orders.next(tail, order);
        }
        levels.tail(level, order);
        levels.count(level, levels.count(level) + 1);
    }

    /**
     * @return true if the order's price level became empty and was removed.
     */
    boolean unlinkFromLevel(final InstrumentBook book, final int order)
    {
        final int level = orders.level(order);
        final int prev = orders.prev(order);
        final int next = orders.next(order);
        if (prev == OrderPool.NONE)
        {
            levels.head(level, next);
        }
        else
        {
            orders.next(prev, next);
        }
        if (next == OrderPool.NONE)
        {
            levels.tail(level, prev);
        }
        else
        {
            orders.prev(next, prev);
        }
        orders.level(order, OrderPool.NONE);
        if (levels.decrementCount(level) == 0)
        {
            book.side(orders.isBuy(order)).remove(levels.price(level));
            levels.free(level);
            return true;
        }
        return false;
    }

    boolean removeResting(final InstrumentBook book, final int order)
    {
        final boolean levelRemoved = unlinkFromLevel(book, order);
        forget(book, order);
        return levelRemoved;
    }

    /** Drop an order that is no longer in a level from the index, the expiry list and the pool. */
    void forget(final InstrumentBook book, final int order)
    {
        liveIds.remove(orders.sessionId(order), orders.clOrdId(order));
        if (orders.is(order, TimeInForce.GTD))
        {
            expiry.remove(orders, order);
        }
        restingCount--;
        book.restingCount--;
        orders.free(order);
    }

    private long hashSide(final long start, final SideBook side)
    {
        long hash = start;
        for (int rank = 0; rank < side.size(); rank++)
        {
            for (int o = levels.head(side.levelAtRank(rank)); o != OrderPool.NONE; o = orders.next(o))
            {
                hash = StateHash.order(hash, orders.orderId(o), orders.sessionId(o), orders.clOrdId(o),
                    orders.side(o).value(), orders.price(o), orders.orderQty(o), orders.leavesQty(o),
                    orders.cumQty(o), orders.timeInForce(o).value(), orders.expireTimeNs(o));
            }
        }
        return hash;
    }
}
