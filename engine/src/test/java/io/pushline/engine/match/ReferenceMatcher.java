package io.pushline.engine.match;

import io.pushline.config.InstrumentDefinition;
import io.pushline.sbe.AdminAction;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.CxlRejResponseTo;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The reference book: a plain, obviously correct implementation of {@code docs/matching-rules.md}, written for
 * clarity, not speed. Per instrument a sorted map of price levels per side (each level a FIFO queue), a sorted set of
 * GTD orders by expiry, and one map of all resting orders by order id; plus its own copy of the instrument rule state
 * (halted, reference price) for replaces, kept up to date by the admin commands it is sent. The fast book is compared
 * against it report by report in the differential test.
 */
public final class ReferenceMatcher implements Matcher
{
    private static final Comparator<Order> BY_EXPIRY =
        Comparator.comparingLong((Order o) -> o.expireTimeNs).thenComparingLong(o -> o.orderId);

    /** A resting (or, while it is being matched, incoming) order. */
    private static final class Order
    {
        long orderId;
        int sessionId;
        int gatewayId;
        int instrumentIndex;
        long clOrdId;
        Side side;
        OrdType ordType;
        TimeInForce timeInForce;
        boolean postOnly;
        long price;
        long orderQty;
        long leavesQty;
        long cumQty;
        long expireTimeNs;
    }

    /** The book of one instrument. */
    private static final class Book
    {
        final int index;
        final int instrumentId;
        long lastTradeNumber;
        /** Best (highest) price first. */
        final TreeMap<Long, ArrayDeque<Order>> bids = new TreeMap<>(Comparator.reverseOrder());
        /** Best (lowest) price first. */
        final TreeMap<Long, ArrayDeque<Order>> asks = new TreeMap<>();
        final TreeSet<Order> gtdOrders = new TreeSet<>(BY_EXPIRY);

        Book(final int index, final int instrumentId)
        {
            this.index = index;
            this.instrumentId = instrumentId;
        }

        TreeMap<Long, ArrayDeque<Order>> sideOf(final Side side)
        {
            return side == Side.BUY ? bids : asks;
        }

        TreeMap<Long, ArrayDeque<Order>> oppositeOf(final Side side)
        {
            return side == Side.BUY ? asks : bids;
        }

        /** Resting orders in canonical order: bids best to worst, then asks best to worst, oldest first. */
        List<Order> canonicalOrders()
        {
            final List<Order> result = new ArrayList<>();
            bids.values().forEach(result::addAll);
            asks.values().forEach(result::addAll);
            return result;
        }
    }

    private final Book[] books;
    /** Identity of an order for its session: the session and the client order id it rests under. */
    private record SessionId(int sessionId, long clOrdId)
    {
    }

    private final Map<Long, Order> restingById = new HashMap<>();
    /** Exactly the live orders, by (session, current client order id). */
    private final Map<SessionId, Order> liveBySessionId = new HashMap<>();
    private final int maxOrders;
    private final SelfTradePrevention selfTradePrevention;
    private final InstrumentRules instrumentRules;
    private final OrderRules orderRules;

    private Command command;
    private ReportSink out;
    private int fillCount;

    /**
     * @param instruments         every instrument, in instruments file order.
     * @param shardIndex          which shard this is.
     * @param shardCount          how many shards there are; this one owns index i when i % shardCount == shardIndex.
     * @param maxOrders           most orders each instrument rests.
     * @param selfTradePrevention what to do when an order would trade with an order of its own session.
     */
    public ReferenceMatcher(
        final List<InstrumentDefinition> instruments,
        final int shardIndex,
        final int shardCount,
        final int maxOrders,
        final SelfTradePrevention selfTradePrevention)
    {
        books = new Book[instruments.size()];
        for (int i = 0; i < books.length; i++)
        {
            if (i % shardCount == shardIndex)
            {
                books[i] = new Book(i, instruments.get(i).id());
            }
        }
        this.maxOrders = maxOrders;
        this.selfTradePrevention = selfTradePrevention;
        this.instrumentRules = new InstrumentRules(instruments);
        this.orderRules = new OrderRules(instrumentRules);
    }

    /** Expire every due GTD order of every book of this shard: books in ascending index, each by expiry then id. */
    public void advanceTime(final long timestampNs, final ReportSink out)
    {
        this.out = out;
        for (final Book book : books)
        {
            if (book != null)
            {
                while (!book.gtdOrders.isEmpty() && book.gtdOrders.first().expireTimeNs <= timestampNs)
                {
                    final Order order = book.gtdOrders.first();
                    removeFromBook(book, order);
                    order.leavesQty = 0;
                    emit(order, ExecType.EXPIRED);
                    out.commit();
                }
            }
        }
        this.out = null;
    }

    public void onCommand(final Command command, final ReportSink out)
    {
        if (command.rejectReason != RejectReason.NONE)
        {
            return;
        }
        this.command = command;
        this.out = out;
        this.fillCount = 0;
        switch (command.type)
        {
            case Command.NEW_ORDER -> onNewOrder(bookOf(command.instrumentIndex));
            case Command.CANCEL -> onCancel();
            case Command.REPLACE -> onReplace();
            case Command.MASS_CANCEL -> forEachTargetBook(command.instrumentIndex, book -> cancelWhere(
                book, o -> o.sessionId == command.sessionId, ExecType.CANCELED, CancelReason.MASS_CANCEL));
            case Command.CANCEL_ON_DISCONNECT -> forEachTargetBook(Command.ALL_INSTRUMENTS, book -> cancelWhere(
                book, o -> o.sessionId == command.sessionId && o.timeInForce == TimeInForce.DAY,
                ExecType.UNSOLICITED_CANCEL, CancelReason.CANCEL_ON_DISCONNECT));
            case Command.ADMIN -> onAdmin();
            default -> { } // CLOCK_TICK: time already advanced, nothing else to do
        }
        this.command = null;
        this.out = null;
    }

    public boolean isLive(final int sessionId, final long clOrdId)
    {
        return liveBySessionId.containsKey(new SessionId(sessionId, clOrdId));
    }

    public long instrumentStateHash(final int instrumentIndex)
    {
        final Book book = bookOf(instrumentIndex);
        if (book == null)
        {
            throw new IllegalArgumentException("instrument index not in this shard: " + instrumentIndex);
        }
        long hash = StateHash.EMPTY;
        for (final Order o : book.canonicalOrders())
        {
            hash = StateHash.order(hash, o.orderId, o.sessionId, o.clOrdId, o.side.value(), o.price, o.orderQty,
                o.leavesQty, o.cumQty, o.timeInForce.value(), o.expireTimeNs);
        }
        return hash;
    }

    public int restingOrderCount()
    {
        return restingById.size();
    }

    /** Orders resting in one instrument: capacity is per instrument (maxOrders is per instrument). */
    private int countIn(final Book book)
    {
        return book.canonicalOrders().size();
    }

    public void forEachRestingOrder(
        final int instrumentIndex, final RestingOrder scratch, final RestingOrder.Visitor visitor)
    {
        final Book book = bookOf(instrumentIndex);
        if (book == null)
        {
            throw new IllegalArgumentException("instrument index not in this shard: " + instrumentIndex);
        }
        for (final Order o : book.canonicalOrders())
        {
            scratch.orderId = o.orderId;
            scratch.clOrdId = o.clOrdId;
            scratch.sessionId = o.sessionId;
            scratch.gatewayId = o.gatewayId;
            scratch.instrumentIndex = o.instrumentIndex;
            scratch.side = o.side;
            scratch.timeInForce = o.timeInForce;
            scratch.postOnly = o.postOnly;
            scratch.price = o.price;
            scratch.orderQty = o.orderQty;
            scratch.leavesQty = o.leavesQty;
            scratch.cumQty = o.cumQty;
            scratch.expireTimeNs = o.expireTimeNs;
            visitor.onOrder(scratch);
        }
    }

    public long lastTradeNumber(final int instrumentIndex)
    {
        return bookOf(instrumentIndex).lastTradeNumber;
    }

    public void restoreInstrument(
        final int instrumentIndex, final long referencePrice, final boolean halted, final long lastTradeNumber)
    {
        if (bookOf(instrumentIndex) == null)
        {
            throw new IllegalArgumentException("instrument index not in this shard: " + instrumentIndex);
        }
        bookOf(instrumentIndex).lastTradeNumber = lastTradeNumber;
        instrumentRules.referencePrice(instrumentIndex, referencePrice);
        instrumentRules.halted(instrumentIndex, halted);
    }

    public void restore(final RestingOrder from)
    {
        final Book book = bookOf(from.instrumentIndex);
        if (book == null)
        {
            throw new IllegalArgumentException("instrument index not in this shard: " + from.instrumentIndex);
        }
        if (countIn(book) >= maxOrders)
        {
            throw new IllegalStateException("snapshot holds more resting orders for an instrument than " + maxOrders);
        }
        final Order order = new Order();
        order.orderId = from.orderId;
        order.clOrdId = from.clOrdId;
        order.sessionId = from.sessionId;
        order.gatewayId = from.gatewayId;
        order.instrumentIndex = from.instrumentIndex;
        order.side = from.side;
        order.ordType = OrdType.LIMIT;
        order.timeInForce = from.timeInForce;
        order.postOnly = from.postOnly;
        order.price = from.price;
        order.orderQty = from.orderQty;
        order.leavesQty = from.leavesQty;
        order.cumQty = from.cumQty;
        order.expireTimeNs = from.expireTimeNs;
        addToBook(book, order);
    }

    private Book bookOf(final int instrumentIndex)
    {
        return instrumentIndex >= 0 && instrumentIndex < books.length ? books[instrumentIndex] : null;
    }

    /** Act on one book of this shard, or on every book of this shard in ascending index. */
    private void forEachTargetBook(final int instrumentIndex, final Consumer<Book> action)
    {
        if (instrumentIndex == Command.ALL_INSTRUMENTS)
        {
            for (final Book book : books)
            {
                if (book != null)
                {
                    action.accept(book);
                }
            }
        }
        else
        {
            final Book book = bookOf(instrumentIndex);
            if (book != null)
            {
                action.accept(book);
            }
        }
    }

    private void onNewOrder(final Book book)
    {
        if (book == null)
        {
            return;
        }
        final Order order = newOrderFrom(command);
        final TimeInForce tif = order.timeInForce;
        if (isLive(command.sessionId, command.clOrdId))
        {
            rejectNewOrder(order, RejectReason.DUPLICATE_CLIENT_ORDER_ID);
            return;
        }
        final boolean restable = order.ordType == OrdType.LIMIT &&
            (tif == TimeInForce.DAY || tif == TimeInForce.GTC || tif == TimeInForce.GTD);

        if (tif == TimeInForce.FOK && fokWalk(book, order) < order.orderQty)
        {
            rejectNewOrder(order, RejectReason.FOK_NOT_FILLABLE);
            return;
        }
        if (order.postOnly && wouldCross(book, order.side, order.price))
        {
            rejectNewOrder(order, RejectReason.POST_ONLY_WOULD_CROSS);
            return;
        }
        if (restable && countIn(book) >= maxOrders)
        {
            rejectNewOrder(order, RejectReason.BOOK_FULL);
            return;
        }

        emit(order, ExecType.NEW);
        out.commit();
        match(book, order);
        if (order.leavesQty > 0)
        {
            if (restable)
            {
                addToBook(book, order);
            }
            else
            {
                order.leavesQty = 0;
                emit(order, ExecType.CANCELED).cancelReason = CancelReason.IMMEDIATE_REMAINDER;
                out.commit();
            }
        }
    }

    private static Order newOrderFrom(final Command c)
    {
        final Order order = new Order();
        order.orderId = c.orderId;
        order.sessionId = c.sessionId;
        order.gatewayId = c.gatewayId;
        order.instrumentIndex = c.instrumentIndex;
        order.clOrdId = c.clOrdId;
        order.side = c.side;
        order.ordType = c.ordType;
        order.timeInForce = c.timeInForce;
        order.postOnly = c.postOnly;
        order.price = c.ordType == OrdType.MARKET ? 0 : c.price;
        order.orderQty = c.quantity;
        order.leavesQty = c.quantity;
        order.cumQty = 0;
        order.expireTimeNs = c.timeInForce == TimeInForce.GTD ? c.expireTimeNs : 0;
        return order;
    }

    private void rejectNewOrder(final Order order, final RejectReason reason)
    {
        order.orderId = 0;
        order.leavesQty = 0;
        final Report r = emit(order, ExecType.REJECTED);
        r.rejectReason = reason;
        out.commit();
    }

    /** Quantity a FOK order could take, walking the opposite side in priority order with the self-trade rules. */
    private long fokWalk(final Book book, final Order order)
    {
        long walked = 0;
        for (final Map.Entry<Long, ArrayDeque<Order>> level : book.oppositeOf(order.side).entrySet())
        {
            if (!acceptsPrice(order, level.getKey()))
            {
                return walked;
            }
            for (final Order resting : level.getValue())
            {
                if (resting.sessionId == order.sessionId && selfTradePrevention != SelfTradePrevention.NONE)
                {
                    if (selfTradePrevention == SelfTradePrevention.CANCEL_RESTING)
                    {
                        continue;
                    }
                    return walked;
                }
                walked += resting.leavesQty;
                if (walked >= order.orderQty)
                {
                    return walked;
                }
            }
        }
        return walked;
    }

    private static boolean acceptsPrice(final Order order, final long restingPrice)
    {
        if (order.ordType == OrdType.MARKET)
        {
            return true;
        }
        return order.side == Side.BUY ? restingPrice <= order.price : restingPrice >= order.price;
    }

    private static boolean wouldCross(final Book book, final Side side, final long price)
    {
        final TreeMap<Long, ArrayDeque<Order>> opposite = book.oppositeOf(side);
        if (opposite.isEmpty())
        {
            return false;
        }
        final long best = opposite.firstKey();
        return side == Side.BUY ? price >= best : price <= best;
    }

    /** Match an incoming order (not in the book) against the opposite side. */
    private void match(final Book book, final Order incoming)
    {
        final TreeMap<Long, ArrayDeque<Order>> opposite = book.oppositeOf(incoming.side);
        while (incoming.leavesQty > 0 && !opposite.isEmpty() && acceptsPrice(incoming, opposite.firstKey()))
        {
            final Order resting = opposite.firstEntry().getValue().peekFirst();
            if (resting.sessionId == incoming.sessionId && selfTradePrevention != SelfTradePrevention.NONE)
            {
                if (selfTradePrevention != SelfTradePrevention.CANCEL_AGGRESSING)
                {
                    removeFromBook(book, resting);
                    resting.leavesQty = 0;
                    emit(resting, ExecType.UNSOLICITED_CANCEL).cancelReason = CancelReason.SELF_TRADE_PREVENTION;
                    out.commit();
                }
                if (selfTradePrevention != SelfTradePrevention.CANCEL_RESTING)
                {
                    incoming.leavesQty = 0;
                    emit(incoming, ExecType.UNSOLICITED_CANCEL).cancelReason = CancelReason.SELF_TRADE_PREVENTION;
                    out.commit();
                    return;
                }
                continue;
            }
            final long qty = Math.min(incoming.leavesQty, resting.leavesQty);
            final long px = resting.price;
            final long execId = Reports.execId(book.instrumentId, ++book.lastTradeNumber);
            incoming.leavesQty -= qty;
            incoming.cumQty += qty;
            resting.leavesQty -= qty;
            resting.cumQty += qty;
            emitTrade(incoming, px, qty, execId);
            emitTrade(resting, px, qty, execId);
            if (resting.leavesQty == 0)
            {
                removeFromBook(book, resting);
            }
        }
    }

    private void emitTrade(final Order order, final long px, final long qty, final long execId)
    {
        final Report r = emit(order, ExecType.TRADE);
        r.lastPx = px;
        r.lastQty = qty;
        r.execId = execId;
        out.commit();
    }

    /** The live order the command names: the session's order resting under origClOrdId, on this shard. */
    private Order liveOrderOfSession()
    {
        return liveBySessionId.get(new SessionId(command.sessionId, command.origClOrdId));
    }

    private void onCancel()
    {
        final Order order = liveOrderOfSession();
        if (order == null)
        {
            cancelReject(RejectReason.UNKNOWN_ORDER, CxlRejResponseTo.CANCEL);
            return;
        }
        final Book book = books[order.instrumentIndex];
        removeFromBook(book, order);
        final long origClOrdId = order.clOrdId;
        order.clOrdId = command.clOrdId;
        order.leavesQty = 0;
        final Report r = emit(order, ExecType.CANCELED);
        r.origClOrdId = origClOrdId;
        r.cancelReason = CancelReason.CLIENT_REQUEST;
        out.commit();
    }

    private void onReplace()
    {
        if (isLive(command.sessionId, command.clOrdId))
        {
            cancelReject(RejectReason.DUPLICATE_CLIENT_ORDER_ID, CxlRejResponseTo.REPLACE);
            return;
        }
        final Order order = liveOrderOfSession();
        if (order == null)
        {
            cancelReject(RejectReason.UNKNOWN_ORDER, CxlRejResponseTo.REPLACE);
            return;
        }
        final Book book = books[order.instrumentIndex];
        final RejectReason broken = orderRules.checkReplace(order.instrumentIndex, command.price, command.quantity);
        if (broken != RejectReason.NONE)
        {
            cancelReject(broken, CxlRejResponseTo.REPLACE);
            return;
        }
        if (order.postOnly && wouldCross(book, order.side, command.price))
        {
            cancelReject(RejectReason.POST_ONLY_WOULD_CROSS, CxlRejResponseTo.REPLACE);
            return;
        }
        final long oldClOrdId = order.clOrdId;
        final boolean keepsPriority = command.price == order.price && command.quantity <= order.orderQty;
        if (!keepsPriority)
        {
            removeFromBook(book, order);
        }
        else
        {
            liveBySessionId.remove(new SessionId(order.sessionId, oldClOrdId));
            liveBySessionId.put(new SessionId(order.sessionId, command.clOrdId), order);
        }
        order.clOrdId = command.clOrdId;
        order.price = command.price;
        order.orderQty = command.quantity;
        order.leavesQty = Math.max(0, command.quantity - order.cumQty);
        emit(order, ExecType.REPLACED).origClOrdId = oldClOrdId;
        out.commit();

        if (order.leavesQty == 0)
        {
            if (keepsPriority)
            {
                removeFromBook(book, order);
            }
        }
        else if (!keepsPriority)
        {
            match(book, order);
            if (order.leavesQty > 0)
            {
                addToBook(book, order);
            }
        }
    }

    /**
     * Every admin action updates the rule state (HALT and HALT_AND_CANCEL halt, RESUME resumes, SET_REFERENCE_PRICE
     * moves the band); CANCEL_ALL and HALT_AND_CANCEL then cancel every order of the instrument.
     */
    private void onAdmin()
    {
        orderRules.applyAdmin(command);
        final CancelReason reason = command.adminAction == AdminAction.CANCEL_ALL ? CancelReason.ADMIN :
            command.adminAction == AdminAction.HALT_AND_CANCEL ? CancelReason.HALT : null;
        if (reason != null)
        {
            forEachTargetBook(command.instrumentIndex,
                book -> cancelWhere(book, o -> true, ExecType.UNSOLICITED_CANCEL, reason));
        }
    }

    /** Cancel, in canonical order, every resting order of the book that passes the filter. */
    private void cancelWhere(
        final Book book, final Predicate<Order> filter, final ExecType execType, final CancelReason reason)
    {
        for (final Order order : book.canonicalOrders())
        {
            if (filter.test(order))
            {
                removeFromBook(book, order);
                order.leavesQty = 0;
                emit(order, execType).cancelReason = reason;
                out.commit();
            }
        }
    }

    private void cancelReject(final RejectReason reason, final CxlRejResponseTo responseTo)
    {
        final Report r = out.claim();
        r.kind = Report.CANCEL_REJECT;
        r.sessionId = command.sessionId;
        r.gatewayId = command.gatewayId;
        r.instrumentId = command.instrumentId;
        r.instrumentIndex = command.instrumentIndex;
        r.orderId = 0;
        r.clOrdId = command.clOrdId;
        r.origClOrdId = command.origClOrdId;
        r.rejectReason = reason;
        r.responseTo = responseTo;
        out.commit();
    }

    /** Claim a report about an order and fill the common fields; the caller adds the rest, then commits. */
    private Report emit(final Order order, final ExecType execType)
    {
        final Report r = out.claim();
        r.kind = Report.EXECUTION;
        r.execType = execType;
        r.sessionId = order.sessionId;
        r.gatewayId = order.gatewayId;
        r.instrumentIndex = order.instrumentIndex;
        r.instrumentId = books[order.instrumentIndex].instrumentId;
        r.orderId = order.orderId;
        r.clOrdId = order.clOrdId;
        r.side = order.side;
        r.ordType = order.ordType;
        r.timeInForce = order.timeInForce;
        r.price = order.price;
        r.orderQty = order.orderQty;
        r.leavesQty = order.leavesQty;
        r.cumQty = order.cumQty;
        return r;
    }

    private void addToBook(final Book book, final Order order)
    {
        book.sideOf(order.side).computeIfAbsent(order.price, p -> new ArrayDeque<>()).addLast(order);
        if (order.timeInForce == TimeInForce.GTD)
        {
            book.gtdOrders.add(order);
        }
        restingById.put(order.orderId, order);
        liveBySessionId.put(new SessionId(order.sessionId, order.clOrdId), order);
    }

    private void removeFromBook(final Book book, final Order order)
    {
        final TreeMap<Long, ArrayDeque<Order>> side = book.sideOf(order.side);
        final ArrayDeque<Order> level = side.get(order.price);
        level.remove(order);
        if (level.isEmpty())
        {
            side.remove(order.price);
        }
        book.gtdOrders.remove(order);
        restingById.remove(order.orderId);
        liveBySessionId.remove(new SessionId(order.sessionId, order.clOrdId));
    }
}
