package io.pushline.engine.match;

import io.pushline.config.InstrumentDefinition;
import io.pushline.sbe.AdminAction;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.CxlRejResponseTo;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pushline.engine.match.MatcherScenario.INSTRUMENTS;
import static io.pushline.engine.match.MatcherScenario.RULED;
import static io.pushline.engine.match.MatcherScenario.S1;
import static io.pushline.engine.match.MatcherScenario.S2;
import static io.pushline.engine.match.MatcherScenario.S3;
import static io.pushline.engine.match.MatcherScenario.after;
import static io.pushline.engine.match.MatcherScenario.cancelReject;
import static io.pushline.engine.match.MatcherScenario.canceled;
import static io.pushline.engine.match.MatcherScenario.ended;
import static io.pushline.engine.match.MatcherScenario.execId;
import static io.pushline.engine.match.MatcherScenario.replaced;
import static io.pushline.engine.match.MatcherScenario.report;
import static io.pushline.engine.match.MatcherScenario.trade;
import static io.pushline.sbe.ExecType.CANCELED;
import static io.pushline.sbe.ExecType.EXPIRED;
import static io.pushline.sbe.ExecType.NEW;
import static io.pushline.sbe.ExecType.UNSOLICITED_CANCEL;
import static io.pushline.sbe.Side.BUY;
import static io.pushline.sbe.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scenarios from {@code docs/matching-rules.md} about time and instrument state: GTD expiry on every command's time,
 * admin commands, and the replace rules the matcher checks. {@link MatcherConformanceTest} adds the scenarios about
 * orders, matching and cancels; each implementation subclasses that and says how to build itself (shard 0 of 1).
 */
public abstract class MatcherTimeAndRulesConformanceTest
{
    static final int MAX_ORDERS = 1_000;
    private static final CancelReason NO_REASON = CancelReason.NONE;

    MatcherScenario m;

    protected abstract Matcher newMatcher(
        List<InstrumentDefinition> instruments, int maxOrders, SelfTradePrevention stp);

    @BeforeEach
    void setUp()
    {
        use(MAX_ORDERS, SelfTradePrevention.NONE);
    }

    void use(final int maxOrders, final SelfTradePrevention stp)
    {
        m = new MatcherScenario(newMatcher(INSTRUMENTS, maxOrders, stp));
    }

    void assertLive(final Command order, final boolean live)
    {
        assertEquals(live, m.matcher().isLive(order.sessionId, order.clOrdId), order::toString);
    }

    private static Report expired(final Command order, final long cum)
    {
        return ended(order, EXPIRED, NO_REASON, cum);
    }

    /** A LIMIT GTC order on the instrument with rules (tick 5, lot 10, band 950 to 1,050, notional 500,000). */
    private Command ruled(final int sessionId, final long clOrdId, final Side side, final long price, final long qty)
    {
        return m.order(RULED, sessionId, clOrdId, side, OrdType.LIMIT, TimeInForce.GTC, price, qty);
    }

    /** Send a replace that must be refused and leave the order as it was. */
    private void expectReplaceRefused(final Command order, final Command replace, final RejectReason reason)
    {
        final long hash = m.hash(order.instrumentIndex);
        m.expect(replace, cancelReject(replace, reason, CxlRejResponseTo.REPLACE));
        assertEquals(hash, m.hash(order.instrumentIndex), replace::toString);
        assertLive(order, true);
    }

    // ---------------------------------------------------------------- GTD expiry: time advances with every command

    @Test
    void shouldExpireDueGtdOrdersByExpiryThenOrderIdThenOtherInstrumentsBeforeCommandReports()
    {
        final Command late = m.given(m.gtd(0, S1, 1, BUY, 99, 3_000));
        final Command early1 = m.given(m.gtd(0, S2, 2, SELL, 105, 2_000));
        final Command early2 = m.given(m.gtd(0, S1, 3, BUY, 98, 2_000));
        final Command notDue = m.given(m.gtd(0, S1, 4, BUY, 97, 3_001));
        final Command otherInstrument = m.given(m.gtd(1, S1, 5, BUY, 97, 2_000));
        m.given(m.limit(S3, 6, SELL, 99, 3));
        m.timeIs(3_000);
        final Command touch = m.limit(S3, 7, BUY, 90, 1);
        m.expect(touch, expired(early1, 0), expired(early2, 0), expired(late, 3), expired(otherInstrument, 0),
            report(touch, NEW, 1, 0));
        assertLive(notDue, true);
        assertLive(otherInstrument, false);
        m.expect(m.clockTick());
        m.timeIs(3_001);
        m.expect(m.clockTick(), expired(notDue, 0));
    }

    @Test
    void shouldExpireBeforeMatchingOrCancellingWhenOrderIsDue()
    {
        final Command ask = m.given(m.gtd(0, S2, 1, SELL, 101, 2_000));
        m.timeIs(2_000);
        final Command ioc = m.limit(S1, 2, BUY, 101, 5, TimeInForce.IOC);
        m.expect(ioc, expired(ask, 0), report(ioc, NEW, 5, 0),
            ended(ioc, CANCELED, CancelReason.IMMEDIATE_REMAINDER, 0));
        final Command bid = m.given(m.gtd(0, S1, 3, BUY, 99, 2_500));
        m.timeIs(2_600);
        final Command cancel = m.cancel(bid, 4);
        m.expect(cancel, expired(bid, 0), cancelReject(cancel, RejectReason.UNKNOWN_ORDER, CxlRejResponseTo.CANCEL));
    }

    @Test
    void shouldExpireEveryInstrumentInIndexOrderWhenClockTicks()
    {
        final Command i2 = m.given(m.gtd(2, S1, 1, BUY, 99, 2_000));
        final Command i0 = m.given(m.gtd(0, S1, 2, BUY, 99, 2_500));
        final Command i1a = m.given(m.gtd(1, S2, 3, SELL, 101, 1_500));
        final Command i1b = m.given(m.gtd(1, S1, 4, BUY, 99, 1_400));
        final Command kept = m.given(m.gtd(1, S1, 5, BUY, 98, 9_000));
        m.timeIs(1_200);
        m.expect(m.clockTick());
        m.timeIs(3_000);
        m.expect(m.clockTick(), expired(i0, 0), expired(i1b, 0), expired(i1a, 0), expired(i2, 0));
        assertLive(kept, true);
        assertEquals(1, m.matcher().restingOrderCount());
    }

    @Test
    void shouldExpireEveryInstrumentInIndexOrderWhenNewOrderIsForAnotherInstrument()
    {
        final Command i3 = m.given(m.gtd(RULED, S2, 1, SELL, 1_000, 2_000));
        final Command i2 = m.given(m.gtd(2, S1, 2, BUY, 99, 1_500));
        final Command i0 = m.given(m.gtd(0, S1, 3, BUY, 99, 2_000));
        final Command i1 = m.given(m.gtd(1, S3, 4, SELL, 101, 2_001));
        m.timeIs(2_000);
        final Command other = m.order(1, S2, 5, BUY, OrdType.LIMIT, TimeInForce.DAY, 101, 4);
        m.expect(other, expired(i0, 0), expired(i2, 0), expired(i3, 0), report(other, NEW, 4, 0),
            trade(other, 101, 4, 0, 4, execId(other, 1)), trade(i1, 101, 4, 6, 4, execId(other, 1)));
        assertLive(i1, true);
        assertEquals(1, m.matcher().restingOrderCount());
    }

    @Test
    void shouldExpireBeforeCancelReportsWhenCancelNamesAnotherOrder()
    {
        final Command day = m.given(m.limit(S1, 1, BUY, 99, 5));
        final Command due = m.given(m.gtd(2, S2, 2, SELL, 101, 2_000));
        m.timeIs(2_000);
        final Command cancel = m.cancel(day, 3);
        m.expect(cancel, expired(due, 0), canceled(day, cancel, 0));
        assertEquals(0, m.matcher().restingOrderCount());
    }

    @Test
    void shouldExpireBeforeBulkCancelsWhichThenSkipExpiredOrders()
    {
        final Command day0 = m.given(m.limit(S1, 1, BUY, 99, 5));
        final Command ownDue = m.given(m.gtd(1, S1, 2, BUY, 99, 2_000));
        final Command foreignDue = m.given(m.gtd(2, S2, 3, SELL, 101, 2_000));
        final Command ownLater = m.given(m.gtd(2, S1, 4, BUY, 98, 5_000));
        m.timeIs(2_000);
        final Command mc = m.massCancel(S1, Command.ALL_INSTRUMENTS);
        final CancelReason reason = CancelReason.MASS_CANCEL;
        m.expect(mc, expired(ownDue, 0), expired(foreignDue, 0), ended(day0, CANCELED, reason, 0),
            ended(ownLater, CANCELED, reason, 0));
        final Command day1 = m.given(m.order(1, S2, 5, BUY, OrdType.LIMIT, TimeInForce.DAY, 99, 5));
        final Command laterDue = m.given(m.gtd(0, S3, 6, SELL, 101, 2_500));
        m.timeIs(2_500);
        m.expect(m.cancelOnDisconnect(S2), expired(laterDue, 0),
            ended(day1, UNSOLICITED_CANCEL, CancelReason.CANCEL_ON_DISCONNECT, 0));
        assertEquals(0, m.matcher().restingOrderCount());
    }

    @Test
    void shouldExpireButNotApplyCommandWhenValidationRejectedIt()
    {
        final Command bid = m.given(m.limit(S1, 1, BUY, 99, 5));
        final Command due1 = m.given(m.gtd(0, S2, 2, SELL, 101, 2_000));
        final Command due2 = m.given(m.gtd(1, S2, 3, SELL, 101, 3_000));
        m.timeIs(2_000);
        final Command refusedOrder = m.limit(S3, 4, SELL, 99, 5);
        refusedOrder.rejectReason = RejectReason.INSTRUMENT_HALTED;
        m.expect(refusedOrder, expired(due1, 0));
        m.timeIs(3_000);
        final Command refusedCancel = m.cancel(bid, 5);
        refusedCancel.rejectReason = RejectReason.DUPLICATE_CLIENT_ORDER_ID;
        m.expect(refusedCancel, expired(due2, 0));
        assertLive(bid, true);
        assertEquals(1, m.matcher().restingOrderCount());
    }

    // ---------------------------------------------------------------- admin commands

    @Test
    void shouldReportNothingButExpiriesWhenAdminHaltResumeOrSetReferencePrice()
    {
        final Command bid = m.given(m.limit(S1, 1, BUY, 99, 1));
        final Command due = m.given(m.gtd(0, S2, 2, SELL, 101, 1_500));
        m.timeIs(2_000);
        m.expect(m.admin(0, AdminAction.HALT), expired(due, 0));
        final long hash = m.hash(0);
        for (final AdminAction action : List.of(AdminAction.SET_REFERENCE_PRICE, AdminAction.RESUME))
        {
            m.expect(m.admin(0, action));
            assertEquals(hash, m.hash(0), action::toString);
        }
        assertEquals(1, m.matcher().restingOrderCount());
        final Command cancelAll = m.admin(0, AdminAction.CANCEL_ALL);
        m.expect(cancelAll, ended(bid, UNSOLICITED_CANCEL, CancelReason.ADMIN, 0));
    }

    // ---------------------------------------------------------------- replace rules, checked by the matcher

    @Test
    void shouldRejectReplaceAndKeepOrderWhenInstrumentIsHaltedUntilResume()
    {
        final Command bid = m.given(ruled(S1, 1, BUY, 1_000, 100));
        final Command other = m.given(ruled(S2, 2, BUY, 990, 10));
        final Command plain = m.given(m.limit(S1, 3, BUY, 99, 5));
        m.expect(m.admin(RULED, AdminAction.HALT));
        expectReplaceRefused(bid, m.replace(bid, 4, 1_005, 100), RejectReason.INSTRUMENT_HALTED);
        expectReplaceRefused(bid, m.replace(bid, 5, 1_002, 0), RejectReason.INSTRUMENT_HALTED);
        final Command elsewhere = m.replace(plain, 6, 98, 5);
        m.expect(elsewhere, replaced(plain, elsewhere, 5, 0));
        final Command cancel = m.cancel(other, 7);
        m.expect(cancel, canceled(other, cancel, 0));

        m.expect(m.admin(RULED, AdminAction.RESUME));
        final Command resumed = m.replace(bid, 8, 1_005, 100);
        m.expect(resumed, replaced(bid, resumed, 100, 0));
        m.expect(m.admin(RULED, AdminAction.HALT));
        final Command halted = m.replace(after(bid, resumed), 9, 1_000, 100);
        expectReplaceRefused(after(bid, resumed), halted, RejectReason.INSTRUMENT_HALTED);
    }

    @Test
    void shouldRejectReplaceAndKeepOrderWhenQuantityBreaksRules()
    {
        final Command ask = m.given(ruled(S1, 1, SELL, 1_000, 100));
        expectReplaceRefused(ask, m.replace(ask, 2, 1_000, 0), RejectReason.QUANTITY_NOT_POSITIVE);
        expectReplaceRefused(ask, m.replace(ask, 3, 1_000, -10), RejectReason.QUANTITY_NOT_POSITIVE);
        expectReplaceRefused(ask, m.replace(ask, 4, 1_000, 105), RejectReason.QUANTITY_NOT_LOT_MULTIPLE);
        expectReplaceRefused(ask, m.replace(ask, 5, 1_000, 1_010), RejectReason.QUANTITY_OVER_MAX);
        expectReplaceRefused(ask, m.replace(ask, 6, 1_002, 105), RejectReason.QUANTITY_NOT_LOT_MULTIPLE);
        final Command bigger = m.replace(ask, 7, 1_000, 500);
        m.expect(bigger, replaced(ask, bigger, 500, 0));
    }

    @Test
    void shouldRejectReplaceAndKeepOrderWhenPriceBreaksRules()
    {
        final Command bid = m.given(ruled(S1, 1, BUY, 1_000, 100));
        expectReplaceRefused(bid, m.replace(bid, 2, 0, 100), RejectReason.PRICE_NOT_POSITIVE);
        expectReplaceRefused(bid, m.replace(bid, 3, -5, 100), RejectReason.PRICE_NOT_POSITIVE);
        expectReplaceRefused(bid, m.replace(bid, 4, 1_002, 100), RejectReason.PRICE_NOT_ON_TICK);
        expectReplaceRefused(bid, m.replace(bid, 5, 1_057, 100), RejectReason.PRICE_NOT_ON_TICK);
        expectReplaceRefused(bid, m.replace(bid, 6, 1_055, 100), RejectReason.PRICE_OUTSIDE_BAND);
        expectReplaceRefused(bid, m.replace(bid, 7, 945, 100), RejectReason.PRICE_OUTSIDE_BAND);
        final Command top = m.replace(bid, 8, 1_050, 100);
        m.expect(top, replaced(bid, top, 100, 0));
        final Command bottom = m.replace(after(bid, top), 9, 950, 100);
        m.expect(bottom, replaced(after(bid, top), bottom, 100, 0));
        final Command plain = m.given(m.limit(S1, 10, BUY, 99, 5));
        expectReplaceRefused(plain, m.replace(plain, 11, 0, 5), RejectReason.PRICE_NOT_POSITIVE);
    }

    @Test
    void shouldCheckBandAroundNewReferenceWhenReferencePriceIsSet()
    {
        final Command bid = m.given(ruled(S1, 1, BUY, 1_000, 10));
        expectReplaceRefused(bid, m.replace(bid, 2, 1_100, 10), RejectReason.PRICE_OUTSIDE_BAND);
        m.expect(m.admin(RULED, AdminAction.SET_REFERENCE_PRICE, 1_100));
        expectReplaceRefused(bid, m.replace(bid, 3, 1_000, 10), RejectReason.PRICE_OUTSIDE_BAND);
        final Command up = m.replace(bid, 4, 1_100, 10);
        m.expect(up, replaced(bid, up, 10, 0));
        final Command low = m.replace(after(bid, up), 5, 1_045, 10);
        m.expect(low, replaced(after(bid, up), low, 10, 0));
    }

    @Test
    void shouldRejectReplaceAndKeepOrderWhenNotionalIsOverLimit()
    {
        final Command bid = m.given(ruled(S1, 1, BUY, 1_000, 100));
        expectReplaceRefused(bid, m.replace(bid, 2, 1_000, 510), RejectReason.NOTIONAL_OVER_LIMIT);
        expectReplaceRefused(bid, m.replace(bid, 3, 1_050, 480), RejectReason.NOTIONAL_OVER_LIMIT);
        final Command atLimit = m.replace(bid, 4, 1_000, 500);
        m.expect(atLimit, replaced(bid, atLimit, 500, 0));
    }

    @Test
    void shouldAnswerUnknownOrderBeforeAnyRuleWhenOrderIsNotLive()
    {
        final Command ask = m.given(ruled(S2, 1, SELL, 1_000, 10));
        final Command taker = m.given(ruled(S1, 2, BUY, 1_000, 10));
        final Command filled = m.replace(ask, 3, 1_002, 105);
        m.expect(filled, cancelReject(filled, RejectReason.UNKNOWN_ORDER, CxlRejResponseTo.REPLACE));
        assertLive(taker, false);

        final Command due = m.given(m.gtd(RULED, S1, 4, BUY, 990, 2_000));
        final Command foreign = m.replace(due, 5, 1_002, 10);
        foreign.sessionId = S3;
        foreign.gatewayId = MatcherScenario.gatewayOf(S3);
        m.expect(foreign, cancelReject(foreign, RejectReason.UNKNOWN_ORDER, CxlRejResponseTo.REPLACE));
        m.expect(m.admin(RULED, AdminAction.HALT));
        m.timeIs(2_000);
        final Command expiredNow = m.replace(due, 6, 1_002, 10);
        m.expect(expiredNow, expired(due, 0),
            cancelReject(expiredNow, RejectReason.UNKNOWN_ORDER, CxlRejResponseTo.REPLACE));
    }

    @Test
    void shouldCheckRulesBeforePostOnlyWhenReplacingPostOnlyOrder()
    {
        final Command bid = ruled(S1, 1, BUY, 990, 10);
        bid.postOnly = true;
        m.given(bid);
        m.given(ruled(S2, 2, SELL, 1_000, 10));
        expectReplaceRefused(bid, m.replace(bid, 3, 1_002, 10), RejectReason.PRICE_NOT_ON_TICK);
        expectReplaceRefused(bid, m.replace(bid, 4, 1_000, 15), RejectReason.QUANTITY_NOT_LOT_MULTIPLE);
        expectReplaceRefused(bid, m.replace(bid, 5, 1_000, 10), RejectReason.POST_ONLY_WOULD_CROSS);
        final Command passive = m.replace(bid, 6, 995, 10);
        m.expect(passive, replaced(bid, passive, 10, 0));
    }
}
