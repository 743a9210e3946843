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

/**
 * The fast book: price-time priority over pre-allocated order and level pools, sorted price ladders with the touch
 * at the end, and an open-addressing order id index. Follows {@code docs/matching-rules.md} exactly; allocates
 * nothing per command once its ladders have grown to the largest book they have held.
 */
public final class BookMatcher implements Matcher
{
    private final OrderBooks store;
    private final OrderPool orders;
    private final LevelPool levels;
    private final SelfTradePrevention selfTradePrevention;
    private final InstrumentRules instrumentRules;
    private final OrderRules orderRules;

    private ReportSink out;

    /**
     * @param instruments         every instrument, in file order (the order gives the instrument index).
     * @param shardIndex          which shard this is.
     * @param shardCount          how many shards; instrument index i belongs to shard i % shardCount.
     * @param maxOrdersPerInstrument resting orders each instrument may hold.
     * @param selfTradePrevention self-trade mode.
     */
    public BookMatcher(
        final List<InstrumentDefinition> instruments,
        final int shardIndex,
        final int shardCount,
        final int maxOrdersPerInstrument,
        final SelfTradePrevention selfTradePrevention)
    {
        if (maxOrdersPerInstrument < 1 || shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount)
        {
            throw new IllegalArgumentException(
                "maxOrdersPerInstrument=" + maxOrdersPerInstrument + " shard=" + shardIndex + "/" + shardCount);
        }
        this.selfTradePrevention = selfTradePrevention;
        store = new OrderBooks(instruments, shardIndex, shardCount, maxOrdersPerInstrument);
        orders = store.orders;
        levels = store.levels;
        instrumentRules = new InstrumentRules(instruments);
        orderRules = new OrderRules(instrumentRules);
    }

    /**
     * {@inheritDoc}
     */
    public void advanceTime(final long timestampNs, final ReportSink out)
    {
        final ExpiryQueue expiry = store.expiry;
        if (timestampNs < expiry.nextExpireTimeNs(orders))
        {
            return;
        }
        this.out = out;
        final int count = expiry.collectExpired(orders, timestampNs);
        for (int i = 0; i < count; i++)
        {
            final int order = expiry.expired(i);
            publishDone(ExecType.EXPIRED, order, CancelReason.NONE);
            store.removeResting(store.books[orders.instrumentIndex(order)], order);
        }
        this.out = null;
    }

    /**
     * {@inheritDoc}
     */
    public void onCommand(final Command command, final ReportSink out)
    {
        this.out = out;
        switch (command.type)
        {
            case Command.NEW_ORDER -> onNewOrder(store.bookFor(command), command);
            case Command.CANCEL -> onCancel(command);
            case Command.REPLACE -> onReplace(command);
            case Command.MASS_CANCEL -> onBulk(command, BulkCancel.MASS_CANCEL);
            case Command.CANCEL_ON_DISCONNECT -> onBulk(command, BulkCancel.CANCEL_ON_DISCONNECT);
            case Command.ADMIN -> onAdmin(command);
            case Command.CLOCK_TICK ->
            {
                // time already advanced: a tick changes nothing else
            }
            default -> throw new IllegalArgumentException("not a matcher command: " + command);
        }
        this.out = null;
    }

    /**
     * {@inheritDoc}
     */
    public boolean isLive(final int sessionId, final long clOrdId)
    {
        return store.liveOrder(sessionId, clOrdId) != OrderPool.NONE;
    }

    /**
     * {@inheritDoc}
     */
    public long instrumentStateHash(final int instrumentIndex)
    {
        return store.instrumentStateHash(instrumentIndex);
    }

    /**
     * {@inheritDoc}
     */
    public int restingOrderCount()
    {
        return store.restingOrderCount();
    }

    /**
     * {@inheritDoc}
     */
    public void forEachRestingOrder(
        final int instrumentIndex, final RestingOrder scratch, final RestingOrder.Visitor visitor)
    {
        store.forEachRestingOrder(instrumentIndex, scratch, visitor);
    }

    /**
     * {@inheritDoc}
     */
    public void restore(final RestingOrder order)
    {
        store.restore(order);
    }

    /**
     * {@inheritDoc}
     */
    public long lastTradeNumber(final int instrumentIndex)
    {
        return store.owned(instrumentIndex).lastTradeNumber;
    }

    /**
     * {@inheritDoc}
     */
    public void restoreInstrument(
        final int instrumentIndex, final long referencePrice, final boolean halted, final long lastTradeNumber)
    {
        store.owned(instrumentIndex).lastTradeNumber = lastTradeNumber;
        instrumentRules.referencePrice(instrumentIndex, referencePrice);
        instrumentRules.halted(instrumentIndex, halted);
    }

    private void onNewOrder(final InstrumentBook book, final Command command)
    {
        final boolean buy = command.side == Side.BUY;
        final SideBook opposite = book.side(!buy);
        final boolean market = command.ordType == OrdType.MARKET;
        final TimeInForce tif = command.timeInForce;
        if (store.liveOrder(command.sessionId, command.clOrdId) != OrderPool.NONE)
        {
            Reports.rejectNewOrder(out, command, RejectReason.DUPLICATE_CLIENT_ORDER_ID);
            return;
        }
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
        if (restable && store.isFull(book))
        {
            Reports.rejectNewOrder(out, command, RejectReason.BOOK_FULL);
            return;
        }
        final int order = store.newOrder(command, market);
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
        if (orders.leavesQty(order) == 0)
        {
            orders.free(order);
        }
        else if (restable)
        {
            store.rest(book, order);
        }
        else
        {
            publishDone(ExecType.CANCELED, order, CancelReason.IMMEDIATE_REMAINDER);
            orders.free(order);
        }
    }

    private void onCancel(final Command command)
    {
        final int order = store.liveOrder(command.sessionId, command.origClOrdId);
        if (order == OrderPool.NONE)
        {
            Reports.cancelReject(out, command, RejectReason.UNKNOWN_ORDER, CxlRejResponseTo.CANCEL);
            return;
        }
        final InstrumentBook book = store.books[orders.instrumentIndex(order)];
        final Report report = emit(ExecType.CANCELED, order, CancelReason.CLIENT_REQUEST);
        report.leavesQty = 0;
        report.origClOrdId = orders.clOrdId(order);
        report.clOrdId = command.clOrdId;
        out.commit();
        store.removeResting(book, order);
    }

    private void onReplace(final Command command)
    {
        if (store.liveOrder(command.sessionId, command.clOrdId) != OrderPool.NONE)
        {
            Reports.cancelReject(out, command, RejectReason.DUPLICATE_CLIENT_ORDER_ID, CxlRejResponseTo.REPLACE);
            return;
        }
        final int order = store.liveOrder(command.sessionId, command.origClOrdId);
        if (order == OrderPool.NONE)
        {
            Reports.cancelReject(out, command, RejectReason.UNKNOWN_ORDER, CxlRejResponseTo.REPLACE);
            return;
        }
        final int instrumentIndex = orders.instrumentIndex(order);
        final InstrumentBook book = store.books[instrumentIndex];
        final RejectReason rule = orderRules.checkReplace(instrumentIndex, command.price, command.quantity);
        if (rule != RejectReason.NONE)
        {
            Reports.cancelReject(out, command, rule, CxlRejResponseTo.REPLACE);
            return;
        }
        final boolean buy = orders.isBuy(order);
        final SideBook opposite = book.side(!buy);
        if (orders.postOnly(order) && crossesBest(opposite, command.price))
        {
            Reports.cancelReject(out, command, RejectReason.POST_ONLY_WOULD_CROSS, CxlRejResponseTo.REPLACE);
            return;
        }
        final long oldPrice = orders.price(order);
        final long oldQty = orders.orderQty(order);
        final long newLeaves = Math.max(0, command.quantity - orders.cumQty(order));
        store.rekey(order, command.clOrdId);
        orders.orderQty(order, command.quantity);
        if (newLeaves == 0)
        {
            final Report report = emit(ExecType.REPLACED, order, CancelReason.NONE);
            report.price = command.price;
            report.leavesQty = 0;
            report.origClOrdId = command.origClOrdId;
            out.commit();
            store.removeResting(book, order);
        }
        else if (command.price == oldPrice && command.quantity <= oldQty)
        {
            orders.leavesQty(order, newLeaves);
            emitReplaced(order, command.origClOrdId);
        }
        else
        {
            store.unlinkFromLevel(book, order);
            orders.price(order, command.price);
            orders.leavesQty(order, newLeaves);
            emitReplaced(order, command.origClOrdId);
            if (match(book, order, opposite, false))
            {
                if (orders.leavesQty(order) > 0)
                {
                    store.linkToLevel(book, order);
                }
                else
                {
                    store.forget(book, order);
                }
            }
            else
            {
                store.forget(book, order);
            }
        }
    }

    private void emitReplaced(final int order, final long origClOrdId)
    {
        final Report report = emit(ExecType.REPLACED, order, CancelReason.NONE);
        report.origClOrdId = origClOrdId;
        out.commit();
    }

    private void onAdmin(final Command command)
    {
        orderRules.applyAdmin(command);
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

    private void onBulk(final Command command, final BulkCancel kind)
    {
        if (command.instrumentIndex != Command.ALL_INSTRUMENTS)
        {
            final InstrumentBook book = store.bookFor(command);
            cancelWhere(book, command.sessionId, kind);
            return;
        }
        for (final int index : store.ownedIndexes)
        {
            cancelWhere(store.books[index], command.sessionId, kind);
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
            int order = levels.head(level);
            while (order != OrderPool.NONE)
            {
                final int next = orders.next(order);
                if (kind.applies(orders, order, sessionId))
                {
                    publishDone(kind.execType, order, kind.reason);
                    levelRemoved = store.removeResting(book, order);
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
        final long limit = orders.price(incoming);
        final int session = orders.sessionId(incoming);
        final boolean preventSelfTrade = selfTradePrevention != SelfTradePrevention.NONE;
        while (orders.leavesQty(incoming) > 0)
        {
            final int level = opposite.bestLevel();
            if (level == SideBook.NONE || (!market && !opposite.crosses(limit, levels.price(level))))
            {
                break;
            }
            int resting = levels.head(level);
            while (resting != OrderPool.NONE && orders.leavesQty(incoming) > 0)
            {
                final int next = orders.next(resting);
                if (preventSelfTrade && orders.sessionId(resting) == session)
                {
                    if (!preventSelfTrade(book, incoming, resting))
                    {
                        return false;
                    }
                }
                else
                {
                    fill(book, incoming, resting, levels.price(level));
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
            store.removeResting(book, resting);
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
        final long quantity = Math.min(orders.leavesQty(incoming), orders.leavesQty(resting));
        final long execId = Reports.execId(book.instrumentId, ++book.lastTradeNumber);
        orders.leavesQty(incoming, orders.leavesQty(incoming) - quantity);
        orders.cumQty(incoming, orders.cumQty(incoming) + quantity);
        orders.leavesQty(resting, orders.leavesQty(resting) - quantity);
        orders.cumQty(resting, orders.cumQty(resting) + quantity);
        emitTrade(incoming, price, quantity, execId);
        emitTrade(resting, price, quantity, execId);
        if (orders.leavesQty(resting) == 0)
        {
            store.removeResting(book, resting);
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
            if (!market && !opposite.crosses(command.price, levels.price(level)))
            {
                return false;
            }
            for (int order = levels.head(level); order != OrderPool.NONE; order = orders.next(order))
            {
                if (selfTradePrevention != SelfTradePrevention.NONE && orders.sessionId(order) == command.sessionId)
                {
                    if (selfTradePrevention == SelfTradePrevention.CANCEL_RESTING)
                    {
                        continue;
                    }
                    return false;
                }
                available += orders.leavesQty(order);
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
        return best != SideBook.NONE && opposite.crosses(price, levels.price(best));
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
        report.sessionId = o.sessionId(order);
        report.gatewayId = o.gatewayId(order);
        report.instrumentIndex = o.instrumentIndex(order);
        report.instrumentId = store.books[o.instrumentIndex(order)].instrumentId;
        report.orderId = o.orderId(order);
        report.clOrdId = o.clOrdId(order);
        report.price = o.price(order);
        report.orderQty = o.orderQty(order);
        report.leavesQty = o.leavesQty(order);
        report.cumQty = o.cumQty(order);
        report.side = o.side(order);
        report.ordType = o.ordType(order);
        report.timeInForce = o.timeInForce(order);
        report.cancelReason = reason;
        return report;
    }

}
