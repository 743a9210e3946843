package io.pushline.engine.match;

import java.util.List;

import io.pushline.config.InstrumentDefinition;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.collections.LongHashSet;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradeIdAndBandTest
{
    private static final List<InstrumentDefinition> ONE =
        List.of(new InstrumentDefinition(7, "X", 100, 1, 1_000_000, 1000, 10_000_000, Long.MAX_VALUE));

    @Test
    void shouldGiveEveryFillItsOwnExecIdWhenOneOrderSweepsMoreThan65536Orders()
    {
        final int restingOrders = 70_001;
        final BookMatcher book = new BookMatcher(ONE, 0, 1, restingOrders + 1, SelfTradePrevention.NONE);
        final CapturingReportSink sink = new CapturingReportSink();
        for (int i = 1; i <= restingOrders; i++)
        {
            book.onCommand(order(i, 2, Side.SELL, OrdType.LIMIT, TimeInForce.GTC, 1_000_000, 1), sink);
        }
        sink.clear();

        book.onCommand(order(restingOrders + 1, 1, Side.BUY, OrdType.MARKET, TimeInForce.IOC, 0, 70_000), sink);

        final LongHashSet execIds = new LongHashSet();
        int trades = 0;
        for (final Report r : sink.copies())
        {
            if (r.execType == ExecType.TRADE && r.sessionId == 1)
            {
                trades++;
                assertTrue(execIds.add(r.execId), "duplicate execId " + r.execId);
                assertEquals(Reports.execId(7, trades), r.execId);
            }
        }
        assertEquals(70_000, trades);
        assertEquals(70_000, book.lastTradeNumber(0));
    }

    @Test
    void shouldCompareBandExactlyWhenProductsPassTwoToTheSixtyThree()
    {
        final InstrumentRules rules = new InstrumentRules(ONE);

        assertTrue(rules.outsideBand(0, 922_337_204_685_500L), "a price far above the band");
        assertTrue(rules.outsideBand(0, Long.MAX_VALUE - 99));
        assertFalse(rules.outsideBand(0, 1_100_000), "exactly on the band's edge");
        assertTrue(rules.outsideBand(0, 1_100_100));
        assertTrue(InstrumentRules.greaterProduct(1L << 62, 4, Long.MAX_VALUE, 1));
        assertFalse(InstrumentRules.greaterProduct(Long.MAX_VALUE, 1, 1L << 62, 2));
        assertTrue(InstrumentRules.greaterProduct(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 1));

        final List<InstrumentDefinition> wide =
            List.of(new InstrumentDefinition(8, "W", 1, 1, 1_000_000_000_000_000L, 10_000, 1, Long.MAX_VALUE));
        assertFalse(new InstrumentRules(wide).outsideBand(0, 1_500_000_000_000_000L),
            "a band whose reference * bps passes 2^63 still accepts prices inside it");
    }

    private static Command order(
        final long clOrdId, final int session, final Side side, final OrdType type, final TimeInForce tif,
        final long price, final long quantity)
    {
        final Command c = new Command().reset();
        c.type = Command.NEW_ORDER;
        c.sessionId = session;
        c.gatewayId = 1;
        c.sequence = clOrdId;
        c.orderId = clOrdId;
        c.clOrdId = clOrdId;
        c.instrumentIndex = 0;
        c.instrumentId = 7;
        c.side = side;
        c.ordType = type;
        c.timeInForce = tif;
        c.price = price;
        c.quantity = quantity;
        return c;
    }
}
