package io.pushline.replay;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pushline.engine.chain.OutputSink;
import io.pushline.protocol.MessageGuard;
import io.pushline.sbe.BooleanType;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.Side;
import io.pushline.sbe.SnapshotBeginDecoder;
import io.pushline.sbe.SnapshotInstrumentDecoder;
import io.pushline.sbe.SnapshotOrderDecoder;
import org.agrona.DirectBuffer;

/**
 * The books as the engine's snapshot writer lists them ({@link io.pushline.engine.Engine#takeSnapshot}): instrument
 * state, and every resting order in priority order (bids best to worst, then asks best to worst, oldest first within
 * a price). Prints price levels (price, quantity, order count) and a session's open orders.
 */
public final class BookView implements OutputSink
{
    /**
     * One resting order.
     *
     * @param instrumentId instrument id.
     * @param side         side.
     * @param price        limit price.
     * @param leavesQty    open quantity.
     * @param orderQty     order quantity.
     * @param cumQty       filled quantity.
     * @param orderId      engine order id.
     * @param clOrdId      client order id.
     * @param sessionId    owning session.
     * @param timeInForce  time in force name.
     * @param expireTimeNs GTD expiry, else 0.
     */
    public record Order(int instrumentId, Side side, long price, long leavesQty, long orderQty, long cumQty,
        long orderId, long clOrdId, int sessionId, String timeInForce, long expireTimeNs)
    {
    }

    /**
     * One price level.
     *
     * @param price    level price.
     * @param quantity open quantity at it.
     * @param orders   orders at it.
     */
    public record Level(long price, long quantity, int orders)
    {
    }

    /**
     * Run-time state of one instrument.
     *
     * @param instrumentId   instrument id.
     * @param referencePrice reference price of the band.
     * @param halted         halted.
     * @param trades         trades so far.
     */
    public record Instrument(int instrumentId, long referencePrice, boolean halted, long trades)
    {
    }

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SnapshotBeginDecoder begin = new SnapshotBeginDecoder();
    private final SnapshotInstrumentDecoder instrument = new SnapshotInstrumentDecoder();
    private final SnapshotOrderDecoder order = new SnapshotOrderDecoder();
    private final Map<Integer, Instrument> instruments = new LinkedHashMap<>();
    private final List<Order> orders = new ArrayList<>();
    private long timestampNs;

    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final int templateId = MessageGuard.check(buffer, offset, length);
        if (templateId == SnapshotBeginDecoder.TEMPLATE_ID)
        {
            timestampNs = begin.wrapAndApplyHeader(buffer, offset, header).timestampNs();
        }
        else if (templateId == SnapshotInstrumentDecoder.TEMPLATE_ID)
        {
            instrument.wrapAndApplyHeader(buffer, offset, header);
            instruments.put(instrument.instrumentId(), new Instrument(instrument.instrumentId(),
                instrument.referencePrice(), instrument.halted() == BooleanType.TRUE, instrument.lastTradeNumber()));
        }
        else if (templateId == SnapshotOrderDecoder.TEMPLATE_ID)
        {
            order.wrapAndApplyHeader(buffer, offset, header);
            orders.add(new Order(order.instrumentId(), order.side(), order.price(), order.leavesQty(),
                order.orderQty(), order.cumQty(), order.orderId(), order.clOrdId(), order.sessionId(),
                order.timeInForce().name(), order.expireTimeNs()));
        }
    }

    /**
     * @return engine time of the state.
     */
    public long timestampNs()
    {
        return timestampNs;
    }

    /**
     * @return instruments in engine order.
     */
    public Map<Integer, Instrument> instruments()
    {
        return instruments;
    }

    /**
     * @return every resting order in priority order.
     */
    public List<Order> orders()
    {
        return orders;
    }

    /**
     * @param instrumentId instrument.
     * @param side         side.
     * @param depth        most levels, best first.
     * @return the best levels of that side.
     */
    public List<Level> levels(final int instrumentId, final Side side, final int depth)
    {
        final List<Level> levels = new ArrayList<>();
        long price = 0;
        long quantity = 0;
        int count = 0;
        for (final Order o : orders)
        {
            if (o.instrumentId() != instrumentId || o.side() != side)
            {
                continue;
            }
            if (count > 0 && o.price() != price)
            {
                levels.add(new Level(price, quantity, count));
                if (levels.size() == depth)
                {
                    return levels;
                }
                quantity = 0;
                count = 0;
            }
            price = o.price();
            quantity += o.leavesQty();
            count++;
        }
        if (count > 0 && levels.size() < depth)
        {
            levels.add(new Level(price, quantity, count));
        }
        return levels;
    }

    /**
     * Print the books, top {@code depth} levels per side, of every instrument (or one).
     *
     * @param out          where to print.
     * @param depth        levels per side.
     * @param instrumentId one instrument, or null for all.
     * @param showEmpty    print instruments whose book is empty too.
     */
    public void printBooks(final PrintWriter out, final int depth, final Integer instrumentId, final boolean showEmpty)
    {
        for (final Instrument i : instruments.values())
        {
            if (instrumentId != null && i.instrumentId() != instrumentId)
            {
                continue;
            }
            final List<Level> bids = levels(i.instrumentId(), Side.BUY, depth);
            final List<Level> asks = levels(i.instrumentId(), Side.SELL, depth);
            if (!showEmpty && bids.isEmpty() && asks.isEmpty() && !i.halted())
            {
                continue;
            }
            out.printf("instrument %d%s  reference %d  trades %d%n", i.instrumentId(), i.halted() ? " HALTED" : "",
                i.referencePrice(), i.trades());
            out.printf("  %8s %14s %14s | %-14s %-14s %-8s%n", "orders", "bid qty", "bid", "ask", "ask qty", "orders");
            for (int row = 0; row < Math.max(bids.size(), asks.size()); row++)
            {
                final Level bid = row < bids.size() ? bids.get(row) : null;
                final Level ask = row < asks.size() ? asks.get(row) : null;
                out.printf("  %8s %14s %14s | %-14s %-14s %-8s%n",
                    bid == null ? "" : bid.orders(), bid == null ? "" : bid.quantity(), bid == null ? "" : bid.price(),
                    ask == null ? "" : ask.price(), ask == null ? "" : ask.quantity(), ask == null ? "" : ask.orders());
            }
        }
    }

    /**
     * Print a session's open orders in priority order.
     *
     * @param out       where to print.
     * @param sessionId the session.
     */
    public void printOpenOrders(final PrintWriter out, final int sessionId)
    {
        int count = 0;
        for (final Order o : orders)
        {
            if (o.sessionId() == sessionId)
            {
                count++;
            }
        }
        out.printf("session %d: %d open orders%n", sessionId, count);
        for (final Order o : orders)
        {
            if (o.sessionId() == sessionId)
            {
                out.printf("  instrument %d %-4s %s price %d leaves %d of %d (cum %d) orderId %d clOrdId %d%s%n",
                    o.instrumentId(), o.side(), o.timeInForce(), o.price(), o.leavesQty(), o.orderQty(), o.cumQty(),
                    o.orderId(), o.clOrdId(), o.expireTimeNs() != 0 ? " expires " + o.expireTimeNs() : "");
            }
        }
    }
}
