package io.pushline.engine.match;

import io.pushline.sbe.AdminAction;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.CxlRejResponseTo;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pushline.engine.match.MatcherScenario.INSTRUMENTS;
import static io.pushline.engine.match.MatcherScenario.S1;
import static io.pushline.engine.match.MatcherScenario.S2;
import static io.pushline.engine.match.MatcherScenario.S3;
import static io.pushline.engine.match.MatcherScenario.after;
import static io.pushline.engine.match.MatcherScenario.cancelReject;
import static io.pushline.engine.match.MatcherScenario.canceled;
import static io.pushline.engine.match.MatcherScenario.ended;
import static io.pushline.engine.match.MatcherScenario.execId;
import static io.pushline.engine.match.MatcherScenario.rejected;
import static io.pushline.engine.match.MatcherScenario.replaced;
import static io.pushline.engine.match.MatcherScenario.report;
import static io.pushline.engine.match.MatcherScenario.trade;
import static io.pushline.sbe.ExecType.CANCELED;
import static io.pushline.sbe.ExecType.NEW;
import static io.pushline.sbe.ExecType.UNSOLICITED_CANCEL;
import static io.pushline.sbe.Side.BUY;
import static io.pushline.sbe.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenarios from {@code docs/matching-rules.md}, checked to the field, that every {@link Matcher} must pass: orders,
 * matching, replaces, cancels, self-trade prevention, bulk cancels, the state hash; the scenarios about time and
 * instrument state come from {@link MatcherTimeAndRulesConformanceTest}. Each implementation gets a subclass that says
 * how to build it (shard 0 of 1).
 */
public abstract class MatcherConformanceTest extends MatcherTimeAndRulesConformanceTest
{
    private static Report stp(final Command order, final long cum)
    {
        return ended(order, UNSOLICITED_CANCEL, CancelReason.SELF_TRADE_PREVENTION, cum);
    }

    // ---------------------------------------------------------------- order types and time in force

    @Test
    void shouldAckAndRestWhenLimitDayGtcOrGtdDoesNotCross()
    {
        final Command day = m.limit(S1, 1, BUY, 99, 10);
        m.expect(day, report(day, NEW, 10, 0));
        final Command gtc = m.limit(S1, 2, SELL, 101, 10, TimeInForce.GTC);
        m.expect(gtc, report(gtc, NEW, 10, 0));
        final Command gtd = m.gtd(0, S1, 3, SELL, 102, 5_000);
        m.expect(gtd, report(gtd, NEW, 10, 0));
        assertLive(day, true);
        assertLive(gtc, true);
        assertLive(gtd, true);
        assertEquals(3, m.matcher().restingOrderCount());
    }

    @Test
    void shouldFillAcrossSeveralPriceLevelsWhenBuyLimitSweepsAsks()
    {
        final Command a1 = m.given(m.limit(S2, 1, SELL, 101, 5));
        final Command a2 = m.given(m.limit(S2, 2, SELL, 102, 5));
        final Command a3 = m.given(m.limit(S2, 3, SELL, 103, 5));
        final Command b = m.limit(S1, 4, BUY, 102, 12);
        m.expect(b,
            report(b, NEW, 12, 0),
            trade(b, 101, 5, 7, 5, execId(b, 1)),
            trade(a1, 101, 5, 0, 5, execId(b, 1)),
            trade(b, 102, 5, 2, 10, execId(b, 2)),
            trade(a2, 102, 5, 0, 5, execId(b, 2)));
        assertLive(a1, false);
        assertLive(a2, false);
        assertLive(a3, true);
        assertLive(b, true);
        assertEquals(2, m.matcher().restingOrderCount());

        final Command s = m.limit(S3, 5, SELL, 100, 3, TimeInForce.IOC);
        m.expect(s,
            report(s, NEW, 3, 0),
            trade(s, 102, 2, 1, 2, execId(s, 1)),
            trade(b, 102, 2, 0, 12, execId(s, 1)),
            ended(s, CANCELED, CancelReason.IMMEDIATE_REMAINDER, 2));
    }

    @Test
    void shouldTradeAtRestingPricesAndRestRemainderWhenSellLimitCrossesBids()
    {
        final Command b1 = m.given(m.limit(S1, 1, BUY, 100, 3));
        final Command b2 = m.given(m.limit(S1, 2, BUY, 99, 4));
        final Command s = m.limit(S2, 3, SELL, 98, 10, TimeInForce.GTC);
        m.expect(s,
            report(s, NEW, 10, 0),
            trade(s, 100, 3, 7, 3, execId(s, 1)),
            trade(b1, 100, 3, 0, 3, execId(s, 1)),
            trade(s, 99, 4, 3, 7, execId(s, 2)),
            trade(b2, 99, 4, 0, 4, execId(s, 2)));
        final Command b3 = m.limit(S3, 4, BUY, 98, 3);
        m.expect(b3,
            report(b3, NEW, 3, 0),
            trade(b3, 98, 3, 0, 3, execId(b3, 1)),
            trade(s, 98, 3, 0, 10, execId(b3, 1)));
        assertEquals(0, m.matcher().restingOrderCount());
    }

    @Test
    void shouldMatchBestPriceThenOldestWhenSeveralOrdersCanTrade()
    {
        final Command a1 = m.given(m.limit(S2, 1, SELL, 101, 5));
        final Command a2 = m.given(m.limit(S3, 2, SELL, 101, 5));
        final Command a3 = m.given(m.limit(S3, 3, SELL, 100, 5));
        final Command b = m.limit(S1, 4, BUY, 101, 12);
        m.expect(b,
            report(b, NEW, 12, 0),
            trade(b, 100, 5, 7, 5, execId(b, 1)),
            trade(a3, 100, 5, 0, 5, execId(b, 1)),
            trade(b, 101, 5, 2, 10, execId(b, 2)),
            trade(a1, 101, 5, 0, 5, execId(b, 2)),
            trade(b, 101, 2, 0, 12, execId(b, 3)),
            trade(a2, 101, 2, 3, 2, execId(b, 3)));
    }

    @Test
    void shouldCancelRemainderWhenLimitIocFillsPartlyOrNotAtAll()
    {
        final Command a = m.given(m.limit(S2, 1, SELL, 101, 5));
        final Command none = m.limit(S1, 2, BUY, 100, 5, TimeInForce.IOC);
        m.expect(none, report(none, NEW, 5, 0), ended(none, CANCELED, CancelReason.IMMEDIATE_REMAINDER, 0));
        final Command part = m.limit(S1, 3, BUY, 101, 8, TimeInForce.IOC);
        m.expect(part,
            report(part, NEW, 8, 0),
            trade(part, 101, 5, 3, 5, execId(part, 1)),
            trade(a, 101, 5, 0, 5, execId(part, 1)),
            ended(part, CANCELED, CancelReason.IMMEDIATE_REMAINDER, 5));
        assertEquals(0, m.matcher().restingOrderCount());
    }

    @Test
    void shouldSweepAtAnyPriceAndCancelRemainderWhenMarketIoc()
    {
        final Command a1 = m.given(m.limit(S2, 1, SELL, 101, 2));
        final Command a2 = m.given(m.limit(S2, 2, SELL, 150, 3));
        final Command b = m.market(S1, 3, BUY, 10, TimeInForce.IOC);
        m.expect(b,
            report(b, NEW, 10, 0),
            trade(b, 101, 2, 8, 2, execId(b, 1)),
            trade(a1, 101, 2, 0, 2, execId(b, 1)),
            trade(b, 150, 3, 5, 5, execId(b, 2)),
            trade(a2, 150, 3, 0, 3, execId(b, 2)),
            ended(b, CANCELED, CancelReason.IMMEDIATE_REMAINDER, 5));
    }

    @Test
    void shouldFillCompletelyWhenLimitFokIsFillableAcrossLevels()
    {
        final Command a1 = m.given(m.limit(S2, 1, SELL, 101, 4));
        final Command a2 = m.given(m.limit(S2, 2, SELL, 102, 4));
        final Command b = m.limit(S1, 3, BUY, 102, 6, TimeInForce.FOK);
        m.expect(b,
            report(b, NEW, 6, 0),
            trade(b, 101, 4, 2, 4, execId(b, 1)),
            trade(a1, 101, 4, 0, 4, execId(b, 1)),
            trade(b, 102, 2, 0, 6, execId(b, 2)),
            trade(a2, 102, 2, 2, 2, execId(b, 2)));
        assertLive(a2, true);
    }

    @Test
    void shouldRejectAndChangeNothingWhenFokIsNotFillable()
    {
        m.given(m.limit(S2, 1, SELL, 101, 4));
        m.given(m.limit(S2, 2, SELL, 103, 4));
        final long before = m.hash(0);
        final Command limitFok = m.limit(S1, 3, BUY, 102, 6, TimeInForce.FOK);
        m.expect(limitFok, rejected(limitFok, RejectReason.FOK_NOT_FILLABLE));
        final Command marketFok = m.market(S1, 4, BUY, 9, TimeInForce.FOK);
        m.expect(marketFok, rejected(marketFok, RejectReason.FOK_NOT_FILLABLE));
        assertEquals(before, m.hash(0));
        assertEquals(2, m.matcher().restingOrderCount());

        final Command fillable = m.market(S1, 5, BUY, 8, TimeInForce.FOK);
        assertEquals(5, m.send(fillable).size(), "NEW and two fills");
        assertEquals(0, m.matcher().restingOrderCount());
    }

    // ---------------------------------------------------------------- post-only and book full

    @Test
    void shouldRejectPostOnlyWhenItWouldCrossAndRestItOtherwise()
    {
        m.given(m.limit(S2, 1, SELL, 101, 5));
        m.given(m.limit(S2, 2, BUY, 98, 5));
        final Command crossingBuy = m.postOnly(S1, 3, BUY, 101, 5);
        m.expect(crossingBuy, rejected(crossingBuy, RejectReason.POST_ONLY_WOULD_CROSS));
        final Command crossingSell = m.postOnly(S1, 4, SELL, 98, 5);
        m.expect(crossingSell, rejected(crossingSell, RejectReason.POST_ONLY_WOULD_CROSS));
        final Command passive = m.postOnly(S1, 5, BUY, 100, 5);
        m.expect(passive, report(passive, NEW, 5, 0));
        assertEquals(3, m.matcher().restingOrderCount());
    }

    @Test
    void shouldRejectBookFullWhenInstrumentAlreadyRestsMaxOrders()
    {
        use(2, SelfTradePrevention.NONE);
        final Command b1 = m.given(m.limit(S1, 1, BUY, 99, 5));
        final Command a1 = m.given(m.limit(S2, 2, SELL, 101, 5));
        final Command crossing = m.limit(S1, 3, BUY, 101, 1);
        m.expect(crossing, rejected(crossing, RejectReason.BOOK_FULL));
        final Command otherInstrument = m.gtd(1, S1, 4, BUY, 99, 9_000);
        m.expect(otherInstrument, report(otherInstrument, NEW, 10, 0));
        m.given(m.cancel(otherInstrument, 40));
        final Command ioc = m.limit(S1, 5, BUY, 101, 1, TimeInForce.IOC);
        m.expect(ioc,
            report(ioc, NEW, 1, 0),
            trade(ioc, 101, 1, 0, 1, execId(ioc, 1)),
            trade(a1, 101, 1, 4, 1, execId(ioc, 1)));
        m.given(m.cancel(b1, 6));
        final Command gtc = m.limit(S1, 7, BUY, 99, 5, TimeInForce.GTC);
        m.expect(gtc, report(gtc, NEW, 5, 0));
        assertEquals(2, m.matcher().restingOrderCount());
    }

    // ---------------------------------------------------------------- replace

    @Test
    void shouldKeepPriorityWhenReplaceOnlyDecreasesQuantityAtSamePrice()
    {
        final Command a1 = m.given(m.limit(S2, 1, SELL, 101, 10));
        final Command a2 = m.given(m.limit(S3, 2, SELL, 101, 10));
        final Command r = m.replace(a1, 11, 101, 6);
        m.expect(r, replaced(a1, r, 6, 0));
        final Command same = m.replace(after(a1, r), 12, 101, 6);
        m.expect(same, replaced(after(a1, r), same, 6, 0));
        final Command b = m.limit(S1, 3, BUY, 101, 6);
        m.expect(b,
            report(b, NEW, 6, 0),
            trade(b, 101, 6, 0, 6, execId(b, 1)),
            trade(after(after(a1, r), same), 101, 6, 0, 6, execId(b, 1)));
        assertLive(a2, true);
    }

    @Test
    void shouldLosePriorityWhenReplaceIncreasesQuantity()
    {
        final Command a1 = m.given(m.limit(S2, 1, SELL, 101, 10));
        final Command a2 = m.given(m.limit(S3, 2, SELL, 101, 10));
        final Command r = m.replace(a1, 11, 101, 12);
        m.expect(r, replaced(a1, r, 12, 0));
        final Command b = m.limit(S1, 3, BUY, 101, 6);
        m.expect(b,
            report(b, NEW, 6, 0),
            trade(b, 101, 6, 0, 6, execId(b, 1)),
            trade(a2, 101, 6, 4, 6, execId(b, 1)));
    }

    @Test
    void shouldLosePriorityWhenReplaceChangesPriceEvenIfItComesBack()
    {
        final Command a1 = m.given(m.limit(S2, 1, SELL, 101, 10));
        final Command a2 = m.given(m.limit(S3, 2, SELL, 101, 10));
        final Command away = m.replace(a1, 11, 102, 10);
        m.expect(away, replaced(a1, away, 10, 0));
        final Command moved = after(a1, away);
        final Command back = m.replace(moved, 12, 101, 5);
        m.expect(back, replaced(moved, back, 5, 0));
        final Command b = m.limit(S1, 3, BUY, 101, 12);
        m.expect(b,
            report(b, NEW, 12, 0),
            trade(b, 101, 10, 2, 10, execId(b, 1)),
            trade(a2, 101, 10, 0, 10, execId(b, 1)),
            trade(b, 101, 2, 0, 12, execId(b, 2)),
            trade(after(moved, back), 101, 2, 3, 2, execId(b, 2)));
    }

    @Test
    void shouldFinishOrderWhenReplaceQuantityIsAtOrBelowFilledQuantity()
    {
        final Command a1 = m.given(m.limit(S2, 1, SELL, 101, 10));
        m.given(m.limit(S1, 2, BUY, 101, 4));
        final Command atFilled = m.replace(a1, 11, 101, 4);
        m.expect(atFilled, replaced(a1, atFilled, 0, 4));
        assertLive(a1, false);
        assertLive(after(a1, atFilled), false);
        final Command finished = m.replace(after(a1, atFilled), 12, 101, 10);
        m.expect(finished, cancelReject(finished, RejectReason.UNKNOWN_ORDER, CxlRejResponseTo.REPLACE));

        final Command a2 = m.given(m.limit(S2, 3, SELL, 105, 10));
        m.given(m.limit(S1, 4, BUY, 105, 4));
        final Command below = m.replace(a2, 13, 107, 3);
        m.expect(below, replaced(a2, below, 0, 4));
        assertEquals(0, m.matcher().restingOrderCount());
        assertEquals(StateHash.EMPTY, m.hash(0));
    }

    @Test
    void shouldTradeAsAggressorWhenReplacedPriceCrosses()
    {
        final Command b1 = m.given(m.limit(S1, 1, BUY, 99, 10));
        final Command a1 = m.given(m.limit(S2, 2, SELL, 101, 4));
        final Command a2 = m.given(m.limit(S2, 3, SELL, 102, 3));
        final Command r = m.replace(b1, 4, 102, 10);
        final Command b1r = after(b1, r);
        m.expect(r,
            replaced(b1, r, 10, 0),
            trade(b1r, 101, 4, 6, 4, execId(r, 1)),
            trade(a1, 101, 4, 0, 4, execId(r, 1)),
            trade(b1r, 102, 3, 3, 7, execId(r, 2)),
            trade(a2, 102, 3, 0, 3, execId(r, 2)));
        assertLive(b1r, true);
        assertLive(b1, false);
        final Command s = m.limit(S3, 5, SELL, 102, 3);
        m.expect(s,
            report(s, NEW, 3, 0),
            trade(s, 102, 3, 0, 3, execId(s, 1)),
            trade(b1r, 102, 3, 0, 10, execId(s, 1)));
    }

    @Test
    void shouldRejectReplaceAndKeepOrderWhenPostOnlyWouldCross()
    {
        final Command b = m.given(m.postOnly(S1, 1, BUY, 99, 5));
        m.given(m.limit(S2, 2, SELL, 101, 5));
        final long before = m.hash(0);
        final Command crossing = m.replace(b, 3, 101, 5);
        m.expect(crossing, cancelReject(crossing, RejectReason.POST_ONLY_WOULD_CROSS, CxlRejResponseTo.REPLACE));
        assertEquals(before, m.hash(0));
        assertLive(b, true);
        final Command passive = m.replace(b, 4, 100, 5);
        m.expect(passive, replaced(b, passive, 5, 0));
    }

    @Test
    void shouldRejectReplaceWhenOrderIsUnknownOrOfAnotherSession()
    {
        final Command foreign = m.given(m.limit(S2, 7, SELL, 101, 5));
        final Command ofForeign = m.replace(foreign, 8, 102, 5);
        ofForeign.sessionId = S1;
        ofForeign.gatewayId = MatcherScenario.gatewayOf(S1);
        final Command unknown = m.replace(foreign, 8, 102, 5);
        unknown.sessionId = S1;
        unknown.gatewayId = MatcherScenario.gatewayOf(S1);
        unknown.orderId = 4242;
        final List<Report> foreignReports = m.send(ofForeign);
        assertEquals(List.of(cancelReject(ofForeign, RejectReason.UNKNOWN_ORDER, CxlRejResponseTo.REPLACE)),
            foreignReports);
        assertEquals(foreignReports, m.send(unknown));
        assertLive(foreign, true);
    }

    // ---------------------------------------------------------------- cancel

    @Test
    void shouldCancelWithCancelClOrdIdWhenOrderIsLiveThenRejectSecondCancel()
    {
        final Command b = m.given(m.limit(S1, 1, BUY, 100, 10));
        m.given(m.limit(S2, 2, SELL, 100, 3));
        final Command c = m.cancel(b, 50);
        m.expect(c, canceled(b, c, 3));
        assertLive(b, false);
        final Command again = m.cancel(b, 51);
        m.expect(again, cancelReject(again, RejectReason.UNKNOWN_ORDER, CxlRejResponseTo.CANCEL));
        assertEquals(0, m.matcher().restingOrderCount());
    }

    @Test
    void shouldAnswerCancelOfAnotherSessionsOrderExactlyLikeUnknownOrder()
    {
        final Command foreign = m.given(m.limit(S2, 7, SELL, 101, 5));
        final Command ofForeign = m.cancel(S1, 8, foreign.orderId, 7, 0);
        final Command unknown = m.cancel(S1, 8, 4242, 7, 0);
        final List<Report> foreignReports = m.send(ofForeign);
        final List<Report> unknownReports = m.send(unknown);
        assertEquals(List.of(cancelReject(ofForeign, RejectReason.UNKNOWN_ORDER, CxlRejResponseTo.CANCEL)),
            foreignReports);
        assertEquals(unknownReports, foreignReports);
        assertLive(foreign, true);
    }

    @Test
    void shouldReportEntryGatewayWhenCancelArrivesThroughAnotherGateway()
    {
        final Command b = m.given(m.limit(S1, 1, BUY, 100, 10));
        final Command c = m.cancel(b, 2);
        c.gatewayId = 7;
        m.expect(c, canceled(b, c, 0));
    }

    @Test
    void shouldRejectCancelWhenClOrdIdWasReplaced()
    {
        final Command b = m.given(m.limit(S1, 1, BUY, 100, 10));
        final Command r = m.given(m.replace(b, 2, 100, 8));
        final Command stale = m.cancel(b, 3);
        m.expect(stale, cancelReject(stale, RejectReason.UNKNOWN_ORDER, CxlRejResponseTo.CANCEL));
        final Command current = m.cancel(after(b, r), 4);
        m.expect(current, canceled(after(b, r), current, 0));
    }

    // ---------------------------------------------------------------- self-trade prevention

    @Test
    void shouldTradeWithOwnOrderWhenSelfTradePreventionIsNone()
    {
        final Command a = m.given(m.limit(S1, 1, SELL, 101, 5));
        final Command b = m.limit(S1, 2, BUY, 101, 5);
        m.expect(b,
            report(b, NEW, 5, 0),
            trade(b, 101, 5, 0, 5, execId(b, 1)),
            trade(a, 101, 5, 0, 5, execId(b, 1)));
    }

    @Test
    void shouldCancelOwnRestingOrdersAndContinueWhenCancelResting()
    {
        use(MAX_ORDERS, SelfTradePrevention.CANCEL_RESTING);
        final Command own1 = m.given(m.limit(S1, 1, SELL, 101, 5));
        final Command other = m.given(m.limit(S2, 2, SELL, 101, 5));
        final Command own2 = m.given(m.limit(S1, 3, SELL, 102, 5));
        final Command b = m.limit(S1, 4, BUY, 102, 8);
        m.expect(b,
            report(b, NEW, 8, 0),
            stp(own1, 0),
            trade(b, 101, 5, 3, 5, execId(b, 1)),
            trade(other, 101, 5, 0, 5, execId(b, 1)),
            stp(own2, 0));
        assertLive(b, true);
        assertEquals(1, m.matcher().restingOrderCount());
    }

    @Test
    void shouldCancelIncomingOrderAndStopWhenCancelAggressing()
    {
        use(MAX_ORDERS, SelfTradePrevention.CANCEL_AGGRESSING);
        final Command other1 = m.given(m.limit(S2, 1, SELL, 101, 3));
        final Command own = m.given(m.limit(S1, 2, SELL, 101, 5));
        final Command other2 = m.given(m.limit(S2, 3, SELL, 101, 5));
        final Command b = m.limit(S1, 4, BUY, 101, 10);
        m.expect(b,
            report(b, NEW, 10, 0),
            trade(b, 101, 3, 7, 3, execId(b, 1)),
            trade(other1, 101, 3, 0, 3, execId(b, 1)),
            stp(b, 3));
        assertLive(own, true);
        assertLive(other2, true);
        assertLive(b, false);
    }

    @Test
    void shouldCancelRestingThenIncomingWhenCancelBoth()
    {
        use(MAX_ORDERS, SelfTradePrevention.CANCEL_BOTH);
        final Command other1 = m.given(m.limit(S2, 1, SELL, 101, 3));
        final Command own = m.given(m.limit(S1, 2, SELL, 101, 5));
        final Command other2 = m.given(m.limit(S2, 3, SELL, 101, 5));
        final Command b = m.limit(S1, 4, BUY, 101, 10);
        m.expect(b,
            report(b, NEW, 10, 0),
            trade(b, 101, 3, 7, 3, execId(b, 1)),
            trade(other1, 101, 3, 0, 3, execId(b, 1)),
            stp(own, 0),
            stp(b, 3));
        assertLive(other2, true);
        assertEquals(1, m.matcher().restingOrderCount());
    }

    @Test
    void shouldCountOwnOrdersInFokWalkWhenSelfTradePreventionIsNone()
    {
        final Command own = m.given(m.limit(S1, 1, SELL, 101, 5));
        final Command fok = m.limit(S1, 2, BUY, 101, 5, TimeInForce.FOK);
        m.expect(fok,
            report(fok, NEW, 5, 0),
            trade(fok, 101, 5, 0, 5, execId(fok, 1)),
            trade(own, 101, 5, 0, 5, execId(fok, 1)));
    }

    @Test
    void shouldSkipOwnOrdersInFokWalkWhenCancelResting()
    {
        use(MAX_ORDERS, SelfTradePrevention.CANCEL_RESTING);
        final Command own = m.given(m.limit(S1, 1, SELL, 101, 5));
        final Command other = m.given(m.limit(S2, 2, SELL, 101, 5));
        final Command tooBig = m.limit(S1, 3, BUY, 101, 6, TimeInForce.FOK);
        m.expect(tooBig, rejected(tooBig, RejectReason.FOK_NOT_FILLABLE));
        assertLive(own, true);
        final Command fok = m.limit(S1, 4, BUY, 101, 5, TimeInForce.FOK);
        m.expect(fok,
            report(fok, NEW, 5, 0),
            stp(own, 0),
            trade(fok, 101, 5, 0, 5, execId(fok, 1)),
            trade(other, 101, 5, 0, 5, execId(fok, 1)));
    }

    @Test
    void shouldStopFokWalkAtOwnOrderWhenCancelAggressingOrCancelBoth()
    {
        for (final SelfTradePrevention mode : List.of(
            SelfTradePrevention.CANCEL_AGGRESSING, SelfTradePrevention.CANCEL_BOTH))
        {
            use(MAX_ORDERS, mode);
            final Command before = m.given(m.limit(S2, 1, SELL, 101, 2));
            m.given(m.limit(S1, 2, SELL, 101, 5));
            m.given(m.limit(S2, 3, SELL, 101, 10));
            final long hash = m.hash(0);
            final Command blocked = m.market(S1, 4, BUY, 3, TimeInForce.FOK);
            m.expect(blocked, rejected(blocked, RejectReason.FOK_NOT_FILLABLE));
            assertEquals(hash, m.hash(0), mode::toString);
            final Command fits = m.market(S1, 5, BUY, 2, TimeInForce.FOK);
            m.expect(fits,
                report(fits, NEW, 2, 0),
                trade(fits, 101, 2, 0, 2, execId(fits, 1)),
                trade(before, 101, 2, 0, 2, execId(fits, 1)));
        }
    }

    @Test
    void shouldApplySelfTradePreventionWhenReplacedOrderMatches()
    {
        use(MAX_ORDERS, SelfTradePrevention.CANCEL_AGGRESSING);
        final Command b = m.given(m.limit(S1, 1, BUY, 99, 5));
        final Command own = m.given(m.limit(S1, 2, SELL, 101, 5));
        final Command r = m.replace(b, 3, 101, 5);
        m.expect(r, replaced(b, r, 5, 0), stp(after(b, r), 0));
        assertLive(after(b, r), false);
        assertLive(own, true);
        assertEquals(1, m.matcher().restingOrderCount());
    }

    // ---------------------------------------------------------------- bulk cancels

    @Test
    void shouldCancelSessionOrdersInCanonicalOrderWhenMassCancelOneInstrument()
    {
        final Command b1 = m.given(m.limit(S1, 1, BUY, 99, 1));
        final Command b2 = m.given(m.limit(S1, 2, BUY, 100, 2));
        final Command foreign = m.given(m.limit(S2, 3, BUY, 100, 3));
        final Command b3 = m.given(m.limit(S1, 4, BUY, 100, 4, TimeInForce.GTC));
        final Command a1 = m.given(m.limit(S1, 5, SELL, 102, 5));
        final Command a2 = m.given(m.limit(S1, 6, SELL, 101, 6));
        final Command otherInstrument = m.given(m.order(1, S1, 7, BUY, OrdType.LIMIT, TimeInForce.DAY, 99, 7));
        final Command mc = m.massCancel(S1, 0);
        final CancelReason reason = CancelReason.MASS_CANCEL;
        m.expect(mc, ended(b2, CANCELED, reason, 0), ended(b3, CANCELED, reason, 0), ended(b1, CANCELED, reason, 0),
            ended(a2, CANCELED, reason, 0), ended(a1, CANCELED, reason, 0));
        assertLive(foreign, true);
        assertLive(otherInstrument, true);
        assertEquals(2, m.matcher().restingOrderCount());
    }

    @Test
    void shouldCancelSessionOrdersInInstrumentOrderWhenMassCancelAll()
    {
        final Command i2 = m.given(m.order(2, S1, 1, SELL, OrdType.LIMIT, TimeInForce.GTC, 101, 1));
        final Command i0 = m.given(m.order(0, S1, 2, BUY, OrdType.LIMIT, TimeInForce.DAY, 99, 2));
        final Command i1 = m.given(m.gtd(1, S1, 3, BUY, 99, 1_000_000));
        final Command foreign = m.given(m.order(1, S2, 4, SELL, OrdType.LIMIT, TimeInForce.DAY, 101, 4));
        final Command partly = m.given(m.order(1, S2, 5, SELL, OrdType.LIMIT, TimeInForce.IOC, 99, 4));
        final Command mc = m.massCancel(S1, Command.ALL_INSTRUMENTS);
        final CancelReason reason = CancelReason.MASS_CANCEL;
        m.expect(mc, ended(i0, CANCELED, reason, 0), ended(i1, CANCELED, reason, 4), ended(i2, CANCELED, reason, 0));
        assertLive(foreign, true);
        assertLive(partly, false);
        assertEquals(1, m.matcher().restingOrderCount());
    }

    @Test
    void shouldCancelOnlySessionDayOrdersWhenCancelOnDisconnect()
    {
        final Command gtc = m.given(m.limit(S1, 1, BUY, 99, 1, TimeInForce.GTC));
        final Command day1 = m.given(m.order(1, S1, 2, BUY, OrdType.LIMIT, TimeInForce.DAY, 99, 2));
        final Command gtd = m.given(m.gtd(0, S1, 3, BUY, 98, 1_000_000));
        final Command day0 = m.given(m.limit(S1, 4, SELL, 101, 4));
        final Command foreign = m.given(m.limit(S2, 5, SELL, 102, 5));
        final Command cod = m.cancelOnDisconnect(S1);
        final CancelReason reason = CancelReason.CANCEL_ON_DISCONNECT;
        m.expect(cod, ended(day0, UNSOLICITED_CANCEL, reason, 0), ended(day1, UNSOLICITED_CANCEL, reason, 0));
        assertLive(gtc, true);
        assertLive(gtd, true);
        assertLive(foreign, true);
    }

    @Test
    void shouldCancelEveryOrderOfInstrumentWhenAdminCancelAllOrHaltAndCancel()
    {
        for (final AdminAction action : List.of(AdminAction.CANCEL_ALL, AdminAction.HALT_AND_CANCEL))
        {
            use(MAX_ORDERS, SelfTradePrevention.NONE);
            final CancelReason reason = action == AdminAction.CANCEL_ALL ? CancelReason.ADMIN : CancelReason.HALT;
            final Command a = m.given(m.limit(S2, 1, SELL, 101, 1));
            final Command b1 = m.given(m.limit(S1, 2, BUY, 99, 2, TimeInForce.GTC));
            final Command b2 = m.given(m.limit(S3, 3, BUY, 100, 3));
            final Command other = m.given(m.order(1, S1, 4, BUY, OrdType.LIMIT, TimeInForce.DAY, 99, 4));
            final Command admin = m.admin(0, action);
            m.expect(admin, ended(b2, UNSOLICITED_CANCEL, reason, 0), ended(b1, UNSOLICITED_CANCEL, reason, 0),
                ended(a, UNSOLICITED_CANCEL, reason, 0));
            assertEquals(StateHash.EMPTY, m.hash(0));
            assertLive(other, true);
        }
    }

    // ---------------------------------------------------------------- isLive and state hash

    @Test
    void shouldBeLiveOnlyWhileRestingUnderCurrentClOrdId()
    {
        final Command b = m.given(m.limit(S1, 1, BUY, 100, 10));
        assertTrue(m.matcher().isLive(S1, 1));
        assertFalse(m.matcher().isLive(S1, 2));
        assertFalse(m.matcher().isLive(S2, 1), "another session's id space");
        final Command r = m.given(m.replace(b, 2, 100, 10));
        assertFalse(m.matcher().isLive(S1, 1));
        assertTrue(m.matcher().isLive(S1, 2));
        m.given(m.limit(S2, 3, SELL, 100, 4));
        assertLive(after(b, r), true);
        m.given(m.limit(S2, 4, SELL, 100, 6));
        assertLive(after(b, r), false);
    }

    @Test
    void shouldHashRestingOrdersInCanonicalOrderWithExpiryOnlyForGtdWhenBookHasBothSides()
    {
        assertEquals(StateHash.EMPTY, m.hash(0));
        final Command day = m.limit(S1, 1, BUY, 99, 5);
        day.expireTimeNs = 5_000;
        final Command b1 = m.given(day);
        final Command b2 = m.given(m.limit(S2, 2, BUY, 100, 6, TimeInForce.GTC));
        final Command a1 = m.given(m.gtd(0, S1, 3, SELL, 101, 7_000));
        final Command b3 = m.given(m.limit(S3, 4, BUY, 100, 7));
        m.given(m.limit(S2, 5, SELL, 100, 2));
        long expected = StateHash.EMPTY;
        expected = StateHash.order(expected, b2.orderId, S2, 2, 1, 100, 6, 4, 2, TimeInForce.GTC.value(), 0);
        expected = StateHash.order(expected, b3.orderId, S3, 4, 1, 100, 7, 7, 0, TimeInForce.DAY.value(), 0);
        expected = StateHash.order(expected, b1.orderId, S1, 1, 1, 99, 5, 5, 0, TimeInForce.DAY.value(), 0);
        expected = StateHash.order(expected, a1.orderId, S1, 3, 2, 101, 10, 10, 0, TimeInForce.GTD.value(), 7_000);
        assertEquals(expected, m.hash(0));
        assertEquals(StateHash.EMPTY, m.hash(1));
    }

    @Test
    void shouldHaveEqualHashesForEqualBooksAndDifferentHashesOtherwise()
    {
        final MatcherScenario first = m;
        use(MAX_ORDERS, SelfTradePrevention.NONE);
        final MatcherScenario second = m;
        for (final MatcherScenario s : List.of(first, second))
        {
            s.given(s.limit(S1, 1, BUY, 99, 5));
            s.given(s.limit(S2, 2, SELL, 101, 5));
            s.given(s.order(1, S1, 3, SELL, OrdType.LIMIT, TimeInForce.GTC, 101, 5));
        }
        for (int i = 0; i < INSTRUMENTS.size(); i++)
        {
            assertEquals(first.hash(i), second.hash(i), "instrument " + i);
        }
        second.given(second.limit(S3, 4, BUY, 101, 1));
        assertNotEquals(first.hash(0), second.hash(0), "a partial fill changes the hash");
        assertEquals(first.hash(1), second.hash(1));
        first.given(first.limit(S3, 4, BUY, 101, 1));
        assertEquals(first.hash(0), second.hash(0));
        final Command orderAt98 = first.given(first.limit(S1, 5, BUY, 98, 5));
        second.given(second.limit(S1, 5, BUY, 97, 5));
        assertNotEquals(first.hash(0), second.hash(0), "a different price changes the hash");
        first.given(first.cancel(orderAt98, 6));
        assertNotEquals(first.hash(0), second.hash(0));
        assertNotEquals(StateHash.EMPTY, first.hash(0));
    }
}
