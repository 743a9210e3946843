package io.pushline.engine.match;

import java.util.List;

import io.pushline.config.InstrumentDefinition;
import io.pushline.sbe.AdminAction;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.CxlRejResponseTo;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.collections.Long2LongHashMap;

/**
 * The fast book: price-time priority over pre-allocated order and level pools, sorted price ladders with the touch
 * at the end, and an open-addressing order id index. Follows {@code docs/matching-rules.md} exactly; allocates
 * nothing per command once its ladders have grown to the largest book they have held.
 */
public final class BookMatcher implements Matcher
{
    private static final long MISSING = -1L;

    private final OrderPool orders;
    private final LevelPool levels;
    private final Long2LongHashMap orderIndex;
    private final InstrumentBook[] books;
    private final int[] ownedIndexes;
    private final int maxOrders;
    private final SelfTradePrevention selfTradePrevention;
    private final ExpiryQueue expiry;
    private int restingCount;

    private ReportSink out;
    private long commandSequence;
    private int fillCount;

    /**
     * @param instruments         every instrument, in file order (the order gives the instrument index).
     * @param shardIndex          which shard this is.
     * @param shardCount          how many shards; instrument index i belongs to shard i % shardCount.
     * @param maxOrders           resting orders this shard may hold.
     * @param selfTradePrevention self-trade mode.
     */
    public BookMatcher(
        final List<InstrumentDefinition> instruments,
        final int shardIndex,
        final int shardCount,
        final int maxOrders,
        final SelfTradePrevention selfTradePrevention)
    {
        if (maxOrders < 1 || shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount)
        {
            throw new IllegalArgumentException("maxOrders=" + maxOrders + " shard=" + shardIndex + "/" + shardCount);
        }
        this.maxOrders = maxOrders;
        this.selfTradePrevention = selfTradePrevention;
        // one spare slot for an incoming order that will not rest while the book is full
        orders = new OrderPool(maxOrders + 1);
        levels = new LevelPool(maxOrders + 1);
        orderIndex = new Long2LongHashMap(Math.max(16, (int)Math.min(1 << 30, (long)(maxOrders / 0.6))), 0.65f,
            MISSING);
        expiry = new ExpiryQueue(maxOrders + 1);
        books = new InstrumentBook[instruments.size()];
        int owned = 0;
        for (int i = shardIndex; i < instruments.size(); i += shardCount)
        {
            owned++;
        }
        ownedIndexes = new int[owned];
        for (int i = shardIndex, n = 0; i < instruments.size(); i += shardCount)
        {
            books[i] = new InstrumentBook(instruments.get(i).id(), i);
            ownedIndexes[n++] = i;
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onCommand(final Command command, final ReportSink out)
    {
        this.out = out;
        this.commandSequence = command.sequence;
        this.fillCount = 0;
        switch (command.type)
        {
            case Command.NEW_ORDER -> onNewOrder(bookFor(command), command);
            case Command.CANCEL -> onCancel(bookFor(command), command);
            case Command.REPLACE -> onReplace(bookFor(command), command);
            case Command.MASS_CANCEL -> onBulk(command, BulkCancel.MASS_CANCEL);
            case Command.CANCEL_ON_DISCONNECT -> onBulk(command, BulkCancel.CANCEL_ON_DISCONNECT);
            case Command.ADMIN -> onAdmin(command);
            case Command.CLOCK_TICK -> onClockTick(command);
            default -> throw new IllegalArgumentException("not a matcher command: " + command);
        }
        this.out = null;
    }

    /**
     * {@inheritDoc}
     */
    public boolean isLive(final long orderId, final long clOrdId)
    {
        final long handle = orderIndex.get(orderId);
        return handle != MISSING && orders.clOrdId[(int)handle] == clOrdId;
    }

    /**
     * {@inheritDoc}
     */
    public long instrumentStateHash(final int instrumentIndex)
    {
        final InstrumentBook book = books[instrumentIndex];
        if (book == null)
        {
            throw new IllegalArgumentException("instrument index " + instrumentIndex + " is not in this shard");
        }
        long hash = StateHash.EMPTY;
        hash = hashSide(hash, book.bids);
        return hashSide(hash, book.asks);
    }

    /**
     * {@inheritDoc}
     */
    public int restingOrderCount()
    {
        return restingCount;
    }

    private InstrumentBook bookFor(final Command command)
    {
        final InstrumentBook book = books[command.instrumentIndex];
        if (book == null)
        {
            throw new IllegalArgumentException("instrument not in this shard: " + command);
        }
        expire(book, command.timestampNs);
        return book;
    }

    private void onNewOrder(final InstrumentBook book, final Command command)
    {
        final boolean buy = command.side == Side.BUY;
        final SideBook opposite = book.side(!buy);
        final boolean market = command.ordType == OrdType.MARKET;
        final TimeInForce tif = command.timeInForce;
        if (tif == TimeInForce.FOK && !fillable(opposite, command, market))
        {
            Reports.rejectNewOrder(out, command, RejectReason.FOK_NOT_FILLABLE);
            return;
        }
        if (command.postOnly && crossesBest(opposite, command.price))
        {
            Reports.rejectNewOrder(out, command, RejectReason.POST_ONLY_WOULD_CROSS);
            return;
        }
        final boolean restable = !market &&
            (tif == TimeInForce.DAY || tif == TimeInForce.GTC || tif == TimeInForce.GTD);
        if (restable && restingCount >= maxOrders)
        {
            Reports.rejectNewOrder(out, command, RejectReason.BOOK_FULL);
            return;
        }
        final int order = newOrder(command, market);
        publish(ExecType.NEW, order, CancelReason.NONE);
        if (match(book, order, opposite, market))
        {
            finishIncoming(book, order, restable);
        }
        else
        {
            orders.free(order);
        }
    }

    private void finishIncoming(final InstrumentBook book, final int order, final boolean restable)
    {
        if (orders.leavesQty[order] == 0)
        {
            orders.free(order);
        }
        else if (restable)
        {
            rest(book, order);
        }
        else
        {
            publishDone(ExecType.CANCELED, order, CancelReason.IMMEDIATE_REMAINDER);
            orders.free(order);
        }
    }

    private int newOrder(final Command command, final boolean market)
    {
        final int order = orders.allocate();
        orders.orderId[order] = command.orderId;
        orders.clOrdId[order] = command.clOrdId;
        orders.price[order] = market ? 0 : command.price;
        orders.orderQty[order] = command.quantity;
        orders.leavesQty[order] = command.quantity;
        orders.cumQty[order] = 0;
        orders.expireTimeNs[order] = command.timeInForce == TimeInForce.GTD ? command.expireTimeNs : 0;
        orders.sessionId[order] = command.sessionId;
        orders.gatewayId[order] = command.gatewayId;
        orders.instrumentIndex[order] = command.instrumentIndex;
        orders.side[order] = command.side;
        orders.ordType[order] = command.ordType;
        orders.timeInForce[order] = command.timeInForce;
        orders.postOnly[order] = command.postOnly;
        return order;
    }

    private void onCancel(final InstrumentBook book, final Command command)
    {
        final int order = liveOrder(command);
        if (order == OrderPool.NONE)
        {
            Reports.cancelReject(out, command, RejectReason.UNKNOWN_ORDER, CxlRejResponseTo.CANCEL);
            return;
        }
        final Report report = emit(ExecType.CANCELED, order, CancelReason.CLIENT_REQUEST);
        report.leavesQty = 0;
        report.origClOrdId = orders.clOrdId[order];
        report.clOrdId = command.clOrdId;
        out.commit();
        removeResting(book, order);
    }

    private void onReplace(final InstrumentBook book, final Command command)
    {
        final int order = liveOrder(command);
        if (order == OrderPool.NONE)
        {
            Reports.cancelReject(out, command, RejectReason.UNKNOWN_ORDER, CxlRejResponseTo.REPLACE);
            return;
        }
        final boolean buy = orders.side[order] == Side.BUY;
        final SideBook opposite = book.side(!buy);
        if (orders.postOnly[order] && crossesBest(opposite, command.price))
        {
            Reports.cancelReject(out, command, RejectReason.POST_ONLY_WOULD_CROSS, CxlRejResponseTo.REPLACE);
            return;
        }
        final long oldPrice = orders.price[order];
        final long oldQty = orders.orderQty[order];
        final long oldLeaves = orders.leavesQty[order];
        final long newLeaves = Math.max(0, command.quantity - orders.cumQty[order]);
        orders.clOrdId[order] = command.clOrdId;
        orders.orderQty[order] = command.quantity;
        if (newLeaves == 0)
        {
            final Report report = emit(ExecType.REPLACED, order, CancelReason.NONE);
            report.price = command.price;
            report.leavesQty = 0;
            report.origClOrdId = command.origClOrdId;
            out.commit();
            removeResting(book, order);
        }
        else if (command.price == oldPrice && command.quantity <= oldQty)
        {
            orders.leavesQty[order] = newLeaves;
            levels.totalQty[orders.level[order]] -= oldLeaves - newLeaves;
            emitReplaced(order, command.origClOrdId);
        }
        else
        {
            unlinkFromLevel(book, order);
            orders.price[order] = command.price;
            orders.leavesQty[order] = newLeaves;
            emitReplaced(order, command.origClOrdId);
            if (match(book, order, opposite, false))
            {
                if (orders.leavesQty[order] > 0)
                {
                    linkToLevel(book, order);
                }
                else
                {
                    forget(book, order);
                }
            }
            else
            {
                forget(book, order);
            }
        }
    }

    private void emitReplaced(final int order, final long origClOrdId)
    {
        final Report report = emit(ExecType.REPLACED, order, CancelReason.NONE);
        report.origClOrdId = origClOrdId;
        out.commit();
    }

    private int liveOrder(final Command command)
    {
        final long handle = orderIndex.get(command.orderId);
        if (handle == MISSING)
        {
            return OrderPool.NONE;
        }
        final int order = (int)handle;
        final boolean live = orders.clOrdId[order] == command.origClOrdId &&
            orders.sessionId[order] == command.sessionId &&
            orders.instrumentIndex[order] == command.instrumentIndex;
        return live ? order : OrderPool.NONE;
    }

    private void onAdmin(final Command command)
    {
        final AdminAction action = command.adminAction;
        if (action == AdminAction.CANCEL_ALL)
        {
            onBulk(command, BulkCancel.ADMIN);
        }
        else if (action == AdminAction.HALT_AND_CANCEL)
        {
            onBulk(command, BulkCancel.HALT);
        }
    }

    private void onClockTick(final Command command)
    {
        for (final int index : ownedIndexes)
        {
            expire(books[index], command.timestampNs);
        }
    }

    private void onBulk(final Command command, final BulkCancel kind)
    {
        if (command.instrumentIndex != Command.ALL_INSTRUMENTS)
        {
            final InstrumentBook book = bookFor(command);
            cancelWhere(book, command.sessionId, kind);
            return;
        }
        for (final int index : ownedIndexes)
        {
            final InstrumentBook book = books[index];
            expire(book, command.timestampNs);
            cancelWhere(book, command.sessionId, kind);
        }
    }

    private void cancelWhere(final InstrumentBook book, final int sessionId, final BulkCancel kind)
    {
        cancelWhere(book, book.bids, sessionId, kind);
        cancelWhere(book, book.asks, sessionId, kind);
    }

    private void cancelWhere(final InstrumentBook book, final SideBook side, final int sessionId, final BulkCancel kind)
    {
        int rank = 0;
        while (rank < side.size())
        {
            final int level = side.levelAtRank(rank);
            boolean levelRemoved = false;
            int order = levels.head[level];
            while (order != OrderPool.NONE)
            {
                final int next = orders.next[order];
                if (kind.applies(orders, order, sessionId))
                {
                    publishDone(kind.execType, order, kind.reason);
                    levelRemoved = removeResting(book, order);
                }
                order = next;
            }
            if (!levelRemoved)
            {
                rank++;
            }
        }
    }

    /**
     * Match an incoming (or re-priced) order against the opposite side.
     *
     * @return false if self-trade prevention cancelled the incoming order, which must then be released.
     */
    private boolean match(final InstrumentBook book, final int incoming, final SideBook opposite, final boolean market)
    {
        final long limit = orders.price[incoming];
        final int session = orders.sessionId[incoming];
        final boolean preventSelfTrade = selfTradePrevention != SelfTradePrevention.NONE;
        while (orders.leavesQty[incoming] > 0)
        {
            final int level = opposite.bestLevel();
            if (level == SideBook.NONE || (!market && !opposite.crosses(limit, levels.price[level])))
            {
                break;
            }
            int resting = levels.head[level];
            while (resting != OrderPool.NONE && orders.leavesQty[incoming] > 0)
            {
                final int next = orders.next[resting];
                if (preventSelfTrade && orders.sessionId[resting] == session)
                {
                    if (!preventSelfTrade(book, incoming, resting))
                    {
                        return false;
                    }
                }
                else
                {
                    fill(book, incoming, resting, levels.price[level]);
                }
                resting = next;
            }
        }
        return true;
    }

    private boolean preventSelfTrade(final InstrumentBook book, final int incoming, final int resting)
    {
        final SelfTradePrevention mode = selfTradePrevention;
        if (mode == SelfTradePrevention.CANCEL_RESTING || mode == SelfTradePrevention.CANCEL_BOTH)
        {
            publishDone(ExecType.UNSOLICITED_CANCEL, resting, CancelReason.SELF_TRADE_PREVENTION);
            removeResting(book, resting);
        }
        if (mode == SelfTradePrevention.CANCEL_AGGRESSING || mode == SelfTradePrevention.CANCEL_BOTH)
        {
            publishDone(ExecType.UNSOLICITED_CANCEL, incoming, CancelReason.SELF_TRADE_PREVENTION);
            return false;
        }
        return true;
    }

    private void fill(final InstrumentBook book, final int incoming, final int resting, final long price)
    {
        final long quantity = Math.min(orders.leavesQty[incoming], orders.leavesQty[resting]);
        final long execId = (commandSequence << 16) | ++fillCount;
        orders.leavesQty[incoming] -= quantity;
        orders.cumQty[incoming] += quantity;
        orders.leavesQty[resting] -= quantity;
        orders.cumQty[resting] += quantity;
        levels.totalQty[orders.level[resting]] -= quantity;
        emitTrade(incoming, price, quantity, execId);
        emitTrade(resting, price, quantity, execId);
        if (orders.leavesQty[resting] == 0)
        {
            removeResting(book, resting);
        }
    }

    private void emitTrade(final int order, final long price, final long quantity, final long execId)
    {
        final Report report = emit(ExecType.TRADE, order, CancelReason.NONE);
        report.lastPx = price;
        report.lastQty = quantity;
        report.execId = execId;
        out.commit();
    }

    private boolean fillable(final SideBook opposite, final Command command, final boolean market)
    {
        long available = 0;
        final long wanted = command.quantity;
        for (int rank = 0; rank < opposite.size(); rank++)
        {
            final int level = opposite.levelAtRank(rank);
            if (!market && !opposite.crosses(command.price, levels.price[level]))
            {
                return false;
            }
            for (int order = levels.head[level]; order != OrderPool.NONE; order = orders.next[order])
            {
                if (selfTradePrevention != SelfTradePrevention.NONE && orders.sessionId[order] == command.sessionId)
                {
                    if (selfTradePrevention == SelfTradePrevention.CANCEL_RESTING)
                    {
                        continue;
                    }
                    return false;
                }
                available += orders.leavesQty[order];
                if (available >= wanted)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean crossesBest(final SideBook opposite, final long price)
    {
        final int best = opposite.bestLevel();
        return best != SideBook.NONE && opposite.crosses(price, levels.price[best]);
    }

    private void rest(final InstrumentBook book, final int order)
    {
        linkToLevel(book, order);
        orderIndex.put(orders.orderId[order], order);
        restingCount++;
        if (orders.timeInForce[order] == TimeInForce.GTD)
        {
            expiry.add(book, orders, order);
        }
    }

    private void linkToLevel(final InstrumentBook book, final int order)
    {
        final SideBook side = book.side(orders.side[order] == Side.BUY);
        final int level = side.findOrInsert(orders.price[order], levels);
        final int tail = levels.tail[level];
        orders.level[order] = level;
        orders.prev[order] = tail;
        orders.next[order] = OrderPool.NONE;
        if (tail == OrderPool.NONE)
        {
            levels.head[level] = order;
        }
        else
        {
            orders.next[tail] = order;
        }
        levels.tail[level] = order;
        levels.count[level]++;
        levels.totalQty[level] += orders.leavesQty[order];
    }

    /**
     * @return true if the order's price level became empty and was removed.
     */
    private boolean unlinkFromLevel(final InstrumentBook book, final int order)
    {
        final int level = orders.level[order];
        final int prev = orders.prev[order];
        final int next = orders.next[order];
        if (prev == OrderPool.NONE)
        {
            levels.head[level] = next;
        }
        else
        {
            orders.next[prev] = next;
        }
        if (next == OrderPool.NONE)
        {
            levels.tail[level] = prev;
        }
        else
        {
            orders.prev[next] = prev;
        }
        levels.totalQty[level] -= orders.leavesQty[order];
        orders.level[order] = OrderPool.NONE;
        if (--levels.count[level] == 0)
        {
            book.side(orders.side[order] == Side.BUY).remove(levels.price[level]);
            levels.free(level);
            return true;
        }
        return false;
    }

    private boolean removeResting(final InstrumentBook book, final int order)
    {
        final boolean levelRemoved = unlinkFromLevel(book, order);
        forget(book, order);
        return levelRemoved;
    }

    /** Drop an order that is no longer in a level from the index, the expiry list and the pool. */
    private void forget(final InstrumentBook book, final int order)
    {
        orderIndex.remove(orders.orderId[order]);
        if (orders.timeInForce[order] == TimeInForce.GTD)
        {
            expiry.remove(book, orders, order);
        }
        restingCount--;
        orders.free(order);
    }

    private void expire(final InstrumentBook book, final long nowNs)
    {
        if (book.gtdCount == 0 || nowNs < book.minExpireTimeNs)
        {
            return;
        }
        final int count = expiry.collectExpired(book, orders, nowNs);
        for (int i = 0; i < count; i++)
        {
            final int order = expiry.expired(i);
            publishDone(ExecType.EXPIRED, order, CancelReason.NONE);
            removeResting(book, order);
        }
    }

    private void publish(final ExecType execType, final int order, final CancelReason reason)
    {
        emit(execType, order, reason);
        out.commit();
    }

    /** Publish a report that ends the order: leaves 0 in the report; the pool keeps its leaves until removal. */
    private void publishDone(final ExecType execType, final int order, final CancelReason reason)
    {
        emit(execType, order, reason).leavesQty = 0;
        out.commit();
    }

    private Report emit(final ExecType execType, final int order, final CancelReason reason)
    {
        final Report report = out.claim();
        final OrderPool o = orders;
        report.kind = Report.EXECUTION;
        report.execType = execType;
        report.sessionId = o.sessionId[order];
        report.gatewayId = o.gatewayId[order];
        report.instrumentIndex = o.instrumentIndex[order];
        report.instrumentId = books[o.instrumentIndex[order]].instrumentId;
        report.orderId = o.orderId[order];
        report.clOrdId = o.clOrdId[order];
        report.price = o.price[order];
        report.orderQty = o.orderQty[order];
        report.leavesQty = o.leavesQty[order];
        report.cumQty = o.cumQty[order];
        report.side = o.side[order];
        report.ordType = o.ordType[order];
        report.timeInForce = o.timeInForce[order];
        report.cancelReason = reason;
        return report;
    }

    private long hashSide(final long start, final SideBook side)
    {
        long hash = start;
        for (int rank = 0; rank < side.size(); rank++)
        {
            for (int o = levels.head[side.levelAtRank(rank)]; o != OrderPool.NONE; o = orders.next[o])
            {
                hash = StateHash.order(hash, orders.orderId[o], orders.sessionId[o], orders.clOrdId[o],
                    orders.side[o].value(), orders.price[o], orders.orderQty[o], orders.leavesQty[o],
                    orders.cumQty[o], orders.timeInForce[o].value(), orders.expireTimeNs[o]);
            }
        }
        return hash;
    }
}
