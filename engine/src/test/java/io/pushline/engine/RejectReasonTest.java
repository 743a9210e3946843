package io.pushline.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.match.Command;
import io.pushline.protocol.Envelope;
import io.pushline.sbe.AdminAction;
import io.pushline.sbe.AdminCommandEncoder;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.CancelRejectDecoder;
import io.pushline.sbe.CxlRejResponseTo;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.MassCancelReportDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.NewOrderEncoder;
import io.pushline.sbe.OrdStatus;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every reject reason the engine can give, provoked through the engine: SBE commands in, SBE reports out, each
 * report checked field by field. A test names the reasons it provokes with {@link Provokes}; after the test each
 * named reason must have been seen in a report, and {@link #shouldProvokeEveryReasonWhenSchemaDefinesIt} fails
 * for a reason of the schema that no test names, so a new enum value fails the build until a test covers it.
 */
class RejectReasonTest
{
    /** Never produced by the engine: no reject, SBE's own values, and the gateway's reasons (gateway tests). */
    private static final Set<RejectReason> NOT_FROM_ENGINE = EnumSet.of(RejectReason.NONE, RejectReason.NULL_VAL,
        RejectReason.SBE_UNKNOWN, RejectReason.THROTTLED, RejectReason.NOT_LOGGED_ON, RejectReason.ENGINE_TIMEOUT,
        RejectReason.ENGINE_UNAVAILABLE);
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int GATEWAY = 3;
    private static final int S1 = 1;
    private static final int S2 = 2;
    private static final int COUNTERPARTY = 9;
    private static final int UNKNOWN_INSTRUMENT = 77;
    private static final long REF = 1_000_000;
    private static final long BID = 990_000;
    private static final long ASK = 1_010_000;
    private static final long MAX_QTY = 100_000;
    /** Tick 100, lot 10, reference 1_000_000, band 10 %, max quantity 100_000, max notional = 100_000 at REF. */
    private static final List<InstrumentDefinition> INSTRUMENTS = List.of(
        new InstrumentDefinition(1, "ONE", 100, 10, REF, 1000, MAX_QTY, 100_000_000_000L),
        new InstrumentDefinition(2, "TWO", 100, 10, REF, 1000, MAX_QTY, 100_000_000_000L));
    private static final String EXECUTION = "session=%d gateway=%d ts=%d seq=%d orderId=%d clOrdId=%d orig=%d " +
        "execId=%d px=%d qty=%d lastPx=%d lastQty=%d leaves=%d cum=%d instrument=%d %s/%s %s %s %s reject=%s cancel=%s";
    private static final String CANCEL_REJECT = "session=%d gateway=%d ts=%d seq=%d orderId=%d clOrdId=%d orig=%d " +
        "reject=%s to=%s";
    /** The reject reasons a test provokes through the engine. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Provokes
    {
        RejectReason[] value();
    }

    private final SbeCommands sbe = new SbeCommands();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private final Set<RejectReason> observed = EnumSet.noneOf(RejectReason.class);
    private Engine engine;
    private CapturedOutput output;
    private int cursor;
    private long nowNs = 1_000_000_000L;
    private long nextClOrdId = 10_000;

    @BeforeEach
    void start()
    {
        start(1024);
    }

    private void start(final int maxOrders)
    {
        if (engine != null)
        {
            engine.close();
        }
        output = new CapturedOutput();
        cursor = 0;
        engine = launch(maxOrders, EngineConfiguration.CLIENT_ORDER_ID_CAPACITY_DEFAULT, output);
    }

    private Engine launch(final int maxOrders, final int idCapacity, final CapturedOutput sink)
    {
        return Engine.launch(new Engine.Context().instruments(INSTRUMENTS).maxOrdersPerInstrument(maxOrders)
            .ringSize(256).clientOrderIdCapacity(idCapacity).clock(() -> nowNs).outputSink(sink));
    }

    @AfterEach
    void stop(final TestInfo info)
    {
        engine.close();
        final Provokes provokes = info.getTestMethod().orElseThrow().getAnnotation(Provokes.class);
        for (final RejectReason reason : provokes == null ? new RejectReason[0] : provokes.value())
        {
            assertTrue(observed.contains(reason), "test names " + reason + " but no report carried it");
        }
    }

    @Test
    void shouldProvokeEveryReasonWhenSchemaDefinesIt()
    {
        final Set<RejectReason> named = Arrays.stream(RejectReasonTest.class.getDeclaredMethods())
            .filter(method -> method.isAnnotationPresent(Provokes.class) && method.isAnnotationPresent(Test.class))
            .flatMap(method -> Arrays.stream(method.getAnnotation(Provokes.class).value()))
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(RejectReason.class)));
        final List<RejectReason> missing = Arrays.stream(RejectReason.values())
            .filter(reason -> !NOT_FROM_ENGINE.contains(reason) && !named.contains(reason))
            .collect(Collectors.toList());
        assertEquals(List.of(), missing, "reject reasons no test provokes through the engine");
    }

    @Test
    @Provokes(RejectReason.UNKNOWN_INSTRUMENT)
    void shouldRejectOrderMassCancelAndAdminWhenInstrumentUnknown()
    {
        assertRejected(send(on(UNKNOWN_INSTRUMENT, limit(S1, 1, Side.BUY, REF, 10))), RejectReason.UNKNOWN_INSTRUMENT);
        assertRejected(send(on(0, market(S1, 2, Side.SELL, 10))), RejectReason.UNKNOWN_INSTRUMENT);
        final Command massCancel = on(UNKNOWN_INSTRUMENT, cancel(S1, 3, 0));
        massCancel.type = Command.MASS_CANCEL;
        massCancel.instrumentIndex = 0;
        final List<Integer> reports = reportsOf(send(massCancel));
        assertEquals(1, reports.size());
        final MassCancelReportDecoder r = new MassCancelReportDecoder()
            .wrapAndApplyHeader(output.buffer(), output.offset(reports.get(0)), new MessageHeaderDecoder());
        assertEquals("session=1 gateway=3 seq=" + massCancel.sequence + " clOrdId=3 count=0 instrument=77 " +
            "UNKNOWN_INSTRUMENT", "session=" + r.sessionId() + " gateway=" + r.gatewayId() + " seq=" + r.sequence() +
            " clOrdId=" + r.clOrdId() + " count=" + r.canceledCount() + " instrument=" + r.instrumentId() + " " +
            r.rejectReason());
        observed.add(r.rejectReason());
        assertRejected(send(admin(AdminAction.HALT, UNKNOWN_INSTRUMENT, 0)), RejectReason.UNKNOWN_INSTRUMENT);
        assertCanTrade(S1, 1, REF);
        assertCanTrade(S2, 2, REF);
    }

    @Test
    @Provokes(RejectReason.INSTRUMENT_HALTED)
    void shouldRejectOrdersAndReplacesWhenHaltedAndAcceptThemWhenResumed()
    {
        accept(limit(S1, 1, Side.BUY, BID, 10));
        assertNoReport(send(admin(AdminAction.HALT, 1, 0)));
        assertRejected(send(limit(S1, 2, Side.BUY, BID, 10)), RejectReason.INSTRUMENT_HALTED);
        assertRejected(send(market(S2, 2, Side.SELL, 10)), RejectReason.INSTRUMENT_HALTED);
        assertReplaceRejected(replace(S1, 3, 1, BID, 20), RejectReason.INSTRUMENT_HALTED);
        accept(on(2, limit(S2, 4, Side.BUY, BID, 10)));
        assertCanceled(send(cancel(S1, 5, 1)));
        assertNoReport(send(admin(AdminAction.RESUME, 1, 0)));
        accept(limit(S1, 2, Side.BUY, BID, 10));
        assertReplaced(replace(S1, 6, 2, BID, 20));
        assertCanTrade(S1, 1, REF);
        assertCanTrade(S2, 1, REF);
    }

    @Test
    @Provokes({RejectReason.QUANTITY_NOT_POSITIVE, RejectReason.QUANTITY_NOT_LOT_MULTIPLE,
        RejectReason.QUANTITY_OVER_MAX})
    void shouldRejectQuantityWhenNotPositiveNotLotMultipleOrOverMaximum()
    {
        assertRejected(send(limit(S1, 1, Side.BUY, REF, 0)), RejectReason.QUANTITY_NOT_POSITIVE);
        assertRejected(send(limit(S1, 2, Side.SELL, REF, -10)), RejectReason.QUANTITY_NOT_POSITIVE);
        assertRejected(send(limit(S1, 3, Side.SELL, REF, Long.MIN_VALUE)), RejectReason.QUANTITY_NOT_POSITIVE);
        assertRejected(send(market(S1, 4, Side.BUY, 0)), RejectReason.QUANTITY_NOT_POSITIVE);
        assertRejected(send(limit(S1, 5, Side.BUY, REF, 15)), RejectReason.QUANTITY_NOT_LOT_MULTIPLE);
        assertRejected(send(limit(S1, 6, Side.BUY, REF, 1)), RejectReason.QUANTITY_NOT_LOT_MULTIPLE);
        assertRejected(send(market(S1, 7, Side.SELL, 99)), RejectReason.QUANTITY_NOT_LOT_MULTIPLE);
        assertRejected(send(limit(S1, 8, Side.BUY, REF, MAX_QTY + 5)), RejectReason.QUANTITY_NOT_LOT_MULTIPLE);
        assertRejected(send(limit(S1, 9, Side.BUY, REF, MAX_QTY + 10)), RejectReason.QUANTITY_OVER_MAX);
        assertRejected(send(limit(S1, 10, Side.BUY, REF, Long.MAX_VALUE - 7)), RejectReason.QUANTITY_OVER_MAX);
        assertRejected(send(market(S1, 11, Side.SELL, MAX_QTY + 10)), RejectReason.QUANTITY_OVER_MAX);
        accept(ioc(limit(S1, 12, Side.BUY, REF, MAX_QTY)));
        accept(limit(S1, 13, Side.BUY, BID, 10));
        assertReplaceRejected(replace(S1, 14, 13, BID, 0), RejectReason.QUANTITY_NOT_POSITIVE);
        assertReplaceRejected(replace(S1, 14, 13, BID, -10), RejectReason.QUANTITY_NOT_POSITIVE);
        assertReplaceRejected(replace(S1, 14, 13, BID, 25), RejectReason.QUANTITY_NOT_LOT_MULTIPLE);
        assertReplaceRejected(replace(S1, 14, 13, BID, MAX_QTY + 10), RejectReason.QUANTITY_OVER_MAX);
        assertCanTrade(S1, 1, REF);
    }

    @Test
    @Provokes({RejectReason.PRICE_NOT_ON_TICK, RejectReason.PRICE_NOT_POSITIVE})
    void shouldRejectLimitPriceWhenNotOnTickOrNotPositive()
    {
        assertRejected(send(limit(S1, 1, Side.BUY, REF + 50, 10)), RejectReason.PRICE_NOT_ON_TICK);
        assertRejected(send(limit(S1, 2, Side.SELL, REF - 1, 10)), RejectReason.PRICE_NOT_ON_TICK);
        assertRejected(send(limit(S1, 3, Side.BUY, 0, 10)), RejectReason.PRICE_NOT_POSITIVE);
        assertRejected(send(limit(S1, 4, Side.SELL, -100, 10)), RejectReason.PRICE_NOT_POSITIVE);
        assertRejected(send(limit(S1, 5, Side.SELL, Long.MIN_VALUE, 10)), RejectReason.PRICE_NOT_POSITIVE);
        final Command offTick = market(S1, 6, Side.BUY, 10);
        offTick.price = REF + 50;
        accept(offTick);
        accept(limit(S1, 8, Side.BUY, BID, 10));
        assertReplaceRejected(replace(S1, 9, 8, BID + 50, 10), RejectReason.PRICE_NOT_ON_TICK);
        assertReplaceRejected(replace(S1, 9, 8, 0, 10), RejectReason.PRICE_NOT_POSITIVE);
        // the engine answers an off-tick SET_REFERENCE_PRICE with an ExecutionReport (the rules do not say)
        assertRejected(send(admin(AdminAction.SET_REFERENCE_PRICE, 1, REF + 50)), RejectReason.PRICE_NOT_ON_TICK);
        assertCanTrade(S1, 1, REF);
    }

    @Test
    @Provokes(RejectReason.PRICE_OUTSIDE_BAND)
    void shouldRejectPriceOutsideBandOnBothSidesAndMoveBandWithReferencePrice()
    {
        accept(ioc(limit(S1, 1, Side.SELL, 1_100_000, 10)));
        assertRejected(send(limit(S1, 2, Side.SELL, 1_100_100, 10)), RejectReason.PRICE_OUTSIDE_BAND);
        accept(ioc(limit(S1, 3, Side.BUY, 900_000, 10)));
        assertRejected(send(limit(S1, 4, Side.BUY, 899_900, 10)), RejectReason.PRICE_OUTSIDE_BAND);
        accept(market(S1, 5, Side.BUY, 10));
        accept(limit(S1, 6, Side.BUY, 950_000, 10));
        assertReplaceRejected(replace(S1, 7, 6, 1_100_100, 10), RejectReason.PRICE_OUTSIDE_BAND);
        assertReplaceRejected(replace(S1, 7, 6, 899_900, 10), RejectReason.PRICE_OUTSIDE_BAND);
        assertNoReport(send(admin(AdminAction.SET_REFERENCE_PRICE, 1, 1_050_000)));
        assertRejected(send(limit(S1, 8, Side.BUY, 900_000, 10)), RejectReason.PRICE_OUTSIDE_BAND);
        assertRejected(send(limit(S1, 8, Side.SELL, 1_155_100, 10)), RejectReason.PRICE_OUTSIDE_BAND);
        accept(ioc(limit(S1, 8, Side.SELL, 1_155_000, 10)));
        accept(ioc(limit(S1, 9, Side.BUY, 945_000, 10)));
        accept(on(2, ioc(limit(S1, 10, Side.BUY, 900_000, 10))));
        assertCanTrade(S1, 1, 1_050_000);
    }

    @Test
    @Provokes(RejectReason.NOTIONAL_OVER_LIMIT)
    void shouldRejectNotionalOverLimitWithReferencePriceForMarketOrders()
    {
        assertRejected(send(limit(S1, 1, Side.BUY, REF + 100, MAX_QTY)), RejectReason.NOTIONAL_OVER_LIMIT);
        accept(ioc(limit(S1, 2, Side.BUY, REF, MAX_QTY)));
        accept(market(S1, 3, Side.BUY, MAX_QTY));
        accept(limit(S1, 4, Side.BUY, BID, 10));
        assertReplaceRejected(replace(S1, 5, 4, REF + 100, MAX_QTY), RejectReason.NOTIONAL_OVER_LIMIT);
        assertNoReport(send(admin(AdminAction.SET_REFERENCE_PRICE, 1, REF + 100)));
        assertRejected(send(market(S1, 6, Side.SELL, MAX_QTY)), RejectReason.NOTIONAL_OVER_LIMIT);
        accept(market(S1, 6, Side.SELL, MAX_QTY - 10));
        assertNoReport(send(admin(AdminAction.SET_REFERENCE_PRICE, 1, REF)));
        accept(market(S1, 7, Side.SELL, MAX_QTY));
        assertCanTrade(S1, 1, REF);
    }

    @Test
    @Provokes(RejectReason.DUPLICATE_CLIENT_ORDER_ID)
    void shouldRejectOrderOrReplaceWhenIdLiveAndAcceptIdWhenOrderFinished()
    {
        accept(limit(S1, 5, Side.BUY, BID, 10));
        assertRejected(send(limit(S1, 5, Side.BUY, 980_000, 10)), RejectReason.DUPLICATE_CLIENT_ORDER_ID);
        assertRejected(send(market(S1, 5, Side.SELL, 10)), RejectReason.DUPLICATE_CLIENT_ORDER_ID);
        accept(limit(S2, 5, Side.BUY, 980_000, 10));
        assertEquals(3, reportsOf(send(ioc(limit(COUNTERPARTY, 1, Side.SELL, BID, 10)))).size(), "fill of S1's 5");
        accept(limit(S1, 5, Side.BUY, 970_000, 10));
        assertRejected(send(limit(S1, 5, Side.BUY, 970_000, 10)), RejectReason.DUPLICATE_CLIENT_ORDER_ID);
        assertCanceled(send(cancel(S1, 6, 5)));
        accept(limit(S1, 5, Side.BUY, 960_000, 10));
        accept(ioc(limit(S1, 8, Side.BUY, 960_000, 10)));
        accept(ioc(limit(S1, 8, Side.BUY, 960_000, 10)));
        accept(limit(S1, 1, Side.BUY, 950_000, 10));
        assertReplaceRejected(replace(S1, 5, 1, 950_000, 20), RejectReason.DUPLICATE_CLIENT_ORDER_ID);
        assertReplaceRejected(replace(S1, 1, 1, 950_000, 20), RejectReason.DUPLICATE_CLIENT_ORDER_ID);
        assertEquals(20, assertReplaced(replace(S1, 3, 1, 950_000, 20)).leavesQty());
        accept(limit(S1, 1, Side.BUY, 940_000, 10));
        assertReplaceRejected(replace(S1, 1, 3, 950_000, 30), RejectReason.DUPLICATE_CLIENT_ORDER_ID);
        assertCanTrade(S1, 1, REF);
        assertCanTrade(S2, 1, REF);
    }

    @Test
    @Provokes(RejectReason.UNKNOWN_ORDER)
    void shouldRejectCancelAndReplaceWhenIdUnknownOrFinished()
    {
        assertCancelRejected(cancel(S1, 1, 99), RejectReason.UNKNOWN_ORDER);
        assertReplaceRejected(replace(S1, 2, 99, BID, 10), RejectReason.UNKNOWN_ORDER);
        accept(limit(S1, 3, Side.BUY, BID, 10));
        assertEquals(3, reportsOf(send(ioc(limit(COUNTERPARTY, 4, Side.SELL, BID, 10)))).size(), "fill of 3");
        assertCancelRejected(cancel(S1, 5, 3), RejectReason.UNKNOWN_ORDER);
        assertReplaceRejected(replace(S1, 6, 3, BID, 10), RejectReason.UNKNOWN_ORDER);
        accept(limit(S1, 7, Side.BUY, BID, 10));
        assertCanceled(send(cancel(S1, 8, 7)));
        assertCancelRejected(cancel(S1, 9, 7), RejectReason.UNKNOWN_ORDER);
        accept(limit(S1, 10, Side.BUY, BID, 10));
        assertReplaced(replace(S1, 11, 10, BID, 20));
        assertCancelRejected(cancel(S1, 12, 10), RejectReason.UNKNOWN_ORDER);
        assertCanceled(send(cancel(S1, 13, 11)));
        assertCanTrade(S1, 1, REF);
    }

    @Test
    @Provokes(RejectReason.UNKNOWN_ORDER)
    void shouldAnswerForOtherSessionsOrderExactlyAsForNeverUsedIdWhenCancelingOrReplacing()
    {
        final byte[] neverUsedCancel = unknownOrderBytes(cancel(S2, 50, 7));
        final byte[] neverUsedReplace = unknownOrderBytes(replace(S2, 51, 7, BID, 20));
        accept(limit(S1, 7, Side.BUY, BID, 10));
        nowNs += 1_000;
        assertArrayEquals(neverUsedCancel, unknownOrderBytes(cancel(S2, 50, 7)));
        assertArrayEquals(neverUsedReplace, unknownOrderBytes(replace(S2, 51, 7, BID, 20)));
        assertArrayEquals(neverUsedReplace, unknownOrderBytes(replace(S2, 51, 7, BID + 1, -5)));
        accept(limit(S2, 7, Side.BUY, 980_000, 10));
        assertCanceled(send(cancel(S2, 8, 7)));
        assertArrayEquals(neverUsedCancel, unknownOrderBytes(cancel(S2, 50, 7)), "own finished order");
        assertArrayEquals(neverUsedReplace, unknownOrderBytes(replace(S2, 51, 7, BID, 20)), "own finished order");
        assertCanceled(send(cancel(S1, 9, 7)));
        assertCanTrade(S1, 1, REF);
        assertCanTrade(S2, 1, REF);
    }

    /**
     * A replace of a finished order is UNKNOWN_ORDER whatever else is wrong with it, and whether or not its id has
     * been swept from the id table: the answer must not depend on clientOrderIdCapacity.
     */
    @Test
    void shouldAnswerReplaceOfFinishedOrderAsUnknownWhateverIdMapCapacity()
    {
        final List<Command> commands = new ArrayList<>(List.of(
            limit(S1, 1, Side.BUY, BID, 10), ioc(limit(COUNTERPARTY, 2, Side.SELL, BID, 10))));
        for (int i = 0; i < 40; i++)
        {
            commands.add(ioc(limit(S1, 100 + i, Side.BUY, 980_000, 10)));
        }
        commands.add(replace(S1, 4, 1, BID + 50, 10));
        final CapturedOutput small = runWithIdsPerSession(commands, 16);
        final CapturedOutput large = runWithIdsPerSession(commands, 1 << 14);
        assertEquals(RejectReason.UNKNOWN_ORDER, cancelReject(small, small.count() - 1).rejectReason(), "map of 16");
        assertEquals(RejectReason.UNKNOWN_ORDER, cancelReject(large, large.count() - 1).rejectReason(), "map of 16k");
        assertEquals(-1, small.firstDifference(large), "output depends on clientOrderIdCapacity");
    }

    @Test
    @Provokes(RejectReason.POST_ONLY_WOULD_CROSS)
    void shouldRejectPostOnlyOrderAndReplaceWhenTheyWouldCross()
    {
        accept(limit(S2, 1, Side.SELL, ASK, 10));
        accept(limit(S2, 2, Side.BUY, BID, 10));
        assertRejected(send(postOnly(limit(S1, 3, Side.BUY, ASK, 10))), RejectReason.POST_ONLY_WOULD_CROSS);
        assertRejected(send(postOnly(limit(S1, 4, Side.BUY, ASK + 500, 10))), RejectReason.POST_ONLY_WOULD_CROSS);
        assertRejected(send(postOnly(limit(S1, 5, Side.SELL, BID, 10))), RejectReason.POST_ONLY_WOULD_CROSS);
        accept(postOnly(limit(S1, 3, Side.BUY, ASK - 100, 10)));
        assertReplaceRejected(replace(S1, 6, 3, ASK, 10), RejectReason.POST_ONLY_WOULD_CROSS);
        assertReplaceRejected(replace(S1, 6, 3, ASK + 100, 20), RejectReason.POST_ONLY_WOULD_CROSS);
        assertReplaceRejected(replace(S1, 6, 3, ASK, 0), RejectReason.QUANTITY_NOT_POSITIVE);
        assertEquals(REF, assertReplaced(replace(S1, 6, 3, REF, 10)).price());
        assertCanceled(send(cancel(S1, 7, 6)));
        assertCanTrade(S1, 1, REF);
    }

    @Test
    @Provokes(RejectReason.FOK_NOT_FILLABLE)
    void shouldRejectFillOrKillWhenBookCannotFillItAndLeaveBookUnchanged()
    {
        accept(limit(S2, 1, Side.SELL, ASK, 10));
        accept(limit(S2, 2, Side.SELL, ASK + 100, 10));
        assertRejected(send(fok(limit(S1, 3, Side.BUY, ASK + 100, 30))), RejectReason.FOK_NOT_FILLABLE);
        assertRejected(send(fok(limit(S1, 4, Side.BUY, ASK, 20))), RejectReason.FOK_NOT_FILLABLE);
        assertRejected(send(fok(market(S1, 5, Side.BUY, 30))), RejectReason.FOK_NOT_FILLABLE);
        // own orders stop the walk under the default CANCEL_AGGRESSING
        assertRejected(send(fok(limit(S2, 6, Side.BUY, ASK, 10))), RejectReason.FOK_NOT_FILLABLE);
        final long hash = engine.stateHash();
        assertEquals(2, engine.restingOrderCount());
        final List<Integer> fills = reportsOf(send(fok(limit(S1, 3, Side.BUY, ASK + 100, 20))));
        assertEquals(5, fills.size(), "NEW and two pairs of TRADE");
        assertEquals(OrdStatus.FILLED, output.execution(fills.get(3)).ordStatus());
        assertTrue(hash != engine.stateHash());
        assertCanTrade(S1, 1, REF);
    }

    @Test
    @Provokes(RejectReason.BOOK_FULL)
    void shouldRejectRestingOrdersWhenBookFullButAcceptImmediateOnes()
    {
        start(2);
        accept(limit(S1, 1, Side.BUY, BID, 10));
        accept(limit(S2, 2, Side.SELL, ASK, 10));
        assertRejected(send(limit(S1, 3, Side.BUY, 980_000, 10)), RejectReason.BOOK_FULL);
        assertRejected(send(tif(limit(S1, 4, Side.SELL, ASK, 10), TimeInForce.GTC)), RejectReason.BOOK_FULL);
        assertRejected(send(gtd(limit(S1, 5, Side.BUY, BID, 10), nowNs + 1_000)), RejectReason.BOOK_FULL);
        assertRejected(send(limit(S1, 6, Side.BUY, ASK, 10)), RejectReason.BOOK_FULL);
        assertEquals(2, reportsOf(send(ioc(limit(S1, 7, Side.BUY, 980_000, 10)))).size(), "IOC: NEW, CANCELED");
        assertEquals(3, reportsOf(send(ioc(limit(S1, 8, Side.BUY, ASK, 10)))).size(), "IOC: NEW, 2 TRADE");
        assertEquals(1, engine.restingOrderCount());
        accept(limit(S1, 3, Side.BUY, 980_000, 10));
        assertRejected(send(limit(S2, 9, Side.SELL, ASK, 10)), RejectReason.BOOK_FULL);
        assertEquals(3, reportsOf(send(market(S2, 10, Side.SELL, 10))).size(), "market: NEW, 2 TRADE");
        assertCanTrade(S2, 1, REF);
    }

    @Test
    @Provokes({RejectReason.INVALID_SIDE, RejectReason.INVALID_ORDER_TYPE, RejectReason.INVALID_TIME_IN_FORCE})
    void shouldRejectShapeWhenEnumByteUnknownOrTypeAndTimeInForceDoNotFit()
    {
        assertRawByteRejected(NewOrderEncoder.sideEncodingOffset(), new byte[] {0, 3, 42, (byte)255},
            RejectReason.INVALID_SIDE, order -> order.side = null);
        assertRawByteRejected(NewOrderEncoder.ordTypeEncodingOffset(), new byte[] {0, 3, (byte)255},
            RejectReason.INVALID_ORDER_TYPE, order -> order.ordType = null);
        assertRawByteRejected(NewOrderEncoder.timeInForceEncodingOffset(), new byte[] {2, 5, 7, (byte)255},
            RejectReason.INVALID_TIME_IN_FORCE, order -> order.timeInForce = null);
        assertRejected(send(postOnly(market(S1, 1, Side.BUY, 10))), RejectReason.INVALID_ORDER_TYPE);
        assertRejected(send(postOnly(tif(market(S1, 2, Side.SELL, 10), TimeInForce.GTC))),
            RejectReason.INVALID_ORDER_TYPE);
        assertRejected(send(tif(market(S1, 3, Side.BUY, 10), TimeInForce.DAY)), RejectReason.INVALID_TIME_IN_FORCE);
        assertRejected(send(tif(market(S1, 4, Side.BUY, 10), TimeInForce.GTC)), RejectReason.INVALID_TIME_IN_FORCE);
        assertRejected(send(gtd(market(S1, 5, Side.BUY, 10), nowNs + 1)), RejectReason.INVALID_TIME_IN_FORCE);
        assertRejected(send(postOnly(ioc(limit(S1, 6, Side.BUY, BID, 10)))), RejectReason.INVALID_TIME_IN_FORCE);
        assertRejected(send(postOnly(tif(limit(S1, 7, Side.BUY, BID, 10), TimeInForce.FOK))),
            RejectReason.INVALID_TIME_IN_FORCE);
        accept(gtd(postOnly(limit(S1, 8, Side.BUY, BID, 10)), nowNs + 1_000));
        assertCanTrade(S1, 1, REF);
    }

    @Test
    @Provokes(RejectReason.INVALID_EXPIRE_TIME)
    void shouldRejectGoodTillDateWhenExpiryNotAfterNow()
    {
        final long[] expiries = {nowNs, nowNs - 1, 0, Long.MIN_VALUE};
        for (int i = 0; i < expiries.length; i++)
        {
            assertRejected(send(gtd(limit(S1, 1 + i, Side.BUY, BID, 10), expiries[i])),
                RejectReason.INVALID_EXPIRE_TIME);
        }
        final Command gtd = accept(gtd(limit(S1, 1, Side.BUY, BID, 10), nowNs + 1));
        final Command due = accept(gtd(limit(S1, 2, Side.BUY, BID, 10), nowNs + 2));
        accept(tif(gtd(limit(S1, 3, Side.BUY, BID - 100, 10), 5), TimeInForce.DAY));
        nowNs += 1;
        final Command tick = new Command().reset();
        tick.type = Command.CLOCK_TICK;
        assertExpired(reportsOf(send(tick)), gtd);
        nowNs += 1;
        final List<Integer> reports = reportsOf(send(cancel(S1, 4, 2)));
        assertEquals(2, reports.size(), "EXPIRED, then the CancelReject");
        assertExpired(reports.subList(0, 1), due);
        assertEquals(RejectReason.UNKNOWN_ORDER, cancelReject(output, reports.get(1)).rejectReason());
        assertEquals(1, engine.restingOrderCount(), "the DAY order ignores its expiry time");
        assertCanTrade(S1, 1, REF);
    }

    @Test
    @Provokes(RejectReason.INVALID_ADMIN_ACTION)
    void shouldRejectAdminCommandWhenActionByteUnknown()
    {
        // the engine answers with an ExecutionReport REJECTED (the rules do not say what answers an admin)
        for (final byte raw : new byte[] {0, 7, 100, (byte)255})
        {
            final Command admin = admin(AdminAction.HALT, 1, 0);
            assertRejected(sendWithByte(admin, AdminCommandEncoder.actionEncodingOffset(), raw),
                RejectReason.INVALID_ADMIN_ACTION);
        }
        accept(limit(S1, 1, Side.BUY, BID, 10));
        assertCanTrade(S1, 1, REF);
    }

    @Test
    void shouldReportFirstFailingCheckWhenSeveralFail()
    {
        assertRejected(send(on(UNKNOWN_INSTRUMENT, tif(market(S1, 1, Side.BUY, 0), TimeInForce.GTC))),
            RejectReason.UNKNOWN_INSTRUMENT);
        assertRejected(send(gtd(market(S1, 1, Side.BUY, 10), 0)), RejectReason.INVALID_TIME_IN_FORCE);
        final Command expiryAndQuantity = gtd(limit(S1, 1, Side.BUY, 0, 0), 0);
        assertRejected(send(expiryAndQuantity), RejectReason.INVALID_EXPIRE_TIME);
        assertRejected(send(limit(S1, 1, Side.BUY, 0, 0)), RejectReason.QUANTITY_NOT_POSITIVE);
        assertRejected(send(limit(S1, 1, Side.BUY, REF + 1, MAX_QTY + 10)), RejectReason.QUANTITY_OVER_MAX);
        assertRejected(send(limit(S1, 1, Side.BUY, REF + 50, MAX_QTY)), RejectReason.PRICE_NOT_ON_TICK);
        assertRejected(send(limit(S1, 1, Side.BUY, 1_100_100, MAX_QTY)), RejectReason.PRICE_OUTSIDE_BAND);
        accept(limit(S1, 1, Side.BUY, BID, 10));
        assertRejected(send(limit(S1, 1, Side.BUY, REF + 100, MAX_QTY)), RejectReason.NOTIONAL_OVER_LIMIT);
        assertReplaceRejected(replace(S1, 1, 1, REF + 100, MAX_QTY), RejectReason.DUPLICATE_CLIENT_ORDER_ID);
        assertReplaceRejected(replace(S1, 2, 1, REF + 100, MAX_QTY), RejectReason.NOTIONAL_OVER_LIMIT);
        assertNoReport(send(admin(AdminAction.HALT, 1, 0)));
        assertRejected(send(limit(S1, 2, Side.BUY, 0, 0)), RejectReason.INSTRUMENT_HALTED);
        assertRejected(send(expiryAndQuantity), RejectReason.INVALID_EXPIRE_TIME);
        assertReplaceRejected(replace(S2, 3, 1, 0, 0), RejectReason.UNKNOWN_ORDER);
        assertReplaceRejected(replace(S1, 3, 1, 0, 0), RejectReason.INSTRUMENT_HALTED);
        assertNoReport(send(admin(AdminAction.RESUME, 1, 0)));
        assertReplaceRejected(replace(S1, 3, 1, 0, 0), RejectReason.QUANTITY_NOT_POSITIVE);
        assertReplaceRejected(replace(S1, 3, 1, 0, 10), RejectReason.PRICE_NOT_POSITIVE);
        assertCanTrade(S1, 1, REF);
    }

    @Test
    void shouldAnswerNothingAndCountMalformedInputWhenFrameTruncatedOrForeign()
    {
        final int length = sbe.encode(limit(S1, 1, Side.BUY, BID, 10), buffer, 0);
        engine.offer(buffer, 0, length - 1);
        engine.offer(buffer, 0, HEADER - 1);
        engine.offer(buffer, 0, 4);
        buffer.putShort(MessageHeaderDecoder.schemaIdEncodingOffset(), (short)7302, ByteOrder.LITTLE_ENDIAN);
        engine.offer(buffer, 0, length);
        buffer.putShort(MessageHeaderDecoder.schemaIdEncodingOffset(), (short)MessageHeaderDecoder.SCHEMA_ID,
            ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(MessageHeaderDecoder.templateIdEncodingOffset(), (short)999, ByteOrder.LITTLE_ENDIAN);
        engine.offer(buffer, 0, length);
        assertEquals(0, engine.offer(buffer, 0, 300), "longer than any command: refused");
        engine.awaitIdle();
        assertEquals(0, output.count(), "no report for a malformed input");
        assertEquals(5, engine.chain().validateCounters().malformedInputs());
        assertEquals(1, engine.refusedInputs());
        final Command order = accept(limit(S1, 1, Side.BUY, BID, 10));
        assertEquals(6, order.sequence, "malformed inputs still take a sequence");
        assertCanTrade(S1, 1, REF);
        assertEquals(5, engine.chain().validateCounters().malformedInputs());
    }

    private static Command limit(final int session, final long clOrdId, final Side side, final long price,
        final long quantity)
    {
        final Command c = new Command().reset();
        c.type = Command.NEW_ORDER;
        c.sessionId = session;
        c.gatewayId = GATEWAY;
        c.clOrdId = clOrdId;
        c.instrumentId = 1;
        c.side = side;
        c.ordType = OrdType.LIMIT;
        c.timeInForce = TimeInForce.DAY;
        c.price = price;
        c.quantity = quantity;
        return c;
    }

    private static Command market(final int session, final long clOrdId, final Side side, final long quantity)
    {
        final Command c = ioc(limit(session, clOrdId, side, 0, quantity));
        c.ordType = OrdType.MARKET;
        return c;
    }

    private static Command ioc(final Command c)
    {
        return tif(c, TimeInForce.IOC);
    }

    private static Command fok(final Command c)
    {
        return tif(c, TimeInForce.FOK);
    }

    private static Command tif(final Command c, final TimeInForce timeInForce)
    {
        c.timeInForce = timeInForce;
        return c;
    }

    private static Command on(final int instrumentId, final Command c)
    {
        c.instrumentId = instrumentId;
        return c;
    }

    private static Command gtd(final Command c, final long expireTimeNs)
    {
        c.expireTimeNs = expireTimeNs;
        return tif(c, TimeInForce.GTD);
    }

    private static Command postOnly(final Command c)
    {
        c.postOnly = true;
        return c;
    }

    private static Command cancel(final int session, final long clOrdId, final long origClOrdId)
    {
        final Command c = new Command().reset();
        c.type = Command.CANCEL;
        c.sessionId = session;
        c.gatewayId = GATEWAY;
        c.clOrdId = clOrdId;
        c.origClOrdId = origClOrdId;
        return c;
    }

    private static Command replace(final int session, final long clOrdId, final long origClOrdId, final long price,
        final long quantity)
    {
        final Command c = cancel(session, clOrdId, origClOrdId);
        c.type = Command.REPLACE;
        c.price = price;
        c.quantity = quantity;
        return c;
    }

    private static Command admin(final AdminAction action, final int instrumentId, final long price)
    {
        final Command c = new Command().reset();
        c.type = Command.ADMIN;
        c.sessionId = 100;
        c.gatewayId = GATEWAY;
        c.adminAction = action;
        c.instrumentId = instrumentId;
        c.price = price;
        return c;
    }

    private Command send(final Command command)
    {
        return sendWithByte(command, -1, (byte)0);
    }

    private Command sendWithByte(final Command command, final int fieldOffset, final byte value)
    {
        final int length = sbe.encode(command, buffer, 0);
        if (fieldOffset >= 0)
        {
            buffer.putByte(HEADER + fieldOffset, value);
        }
        command.sequence = engine.offer(buffer, 0, length);
        command.timestampNs = nowNs;
        return command;
    }

    private CapturedOutput runWithIdsPerSession(final List<Command> commands, final int idCapacity)
    {
        final CapturedOutput captured = new CapturedOutput();
        try (Engine other = launch(64, idCapacity, captured))
        {
            for (final Command command : commands)
            {
                other.offer(buffer, 0, sbe.encode(command, buffer, 0));
            }
            other.awaitIdle();
        }
        return captured;
    }

    /** The reports sent since the last call: all must answer this command, with gap-free report sequences. */
    private List<Integer> reportsOf(final Command command)
    {
        engine.awaitIdle();
        final List<Integer> reports = new ArrayList<>();
        while (cursor < output.count())
        {
            final int i = cursor++;
            assertEquals(command.sequence, Envelope.sequence(output.buffer(), output.offset(i)), command::toString);
            assertEquals(i + 1, output.buffer().getLong(output.offset(i) + HEADER +
                ExecutionReportDecoder.reportSequenceEncodingOffset(), ByteOrder.LITTLE_ENDIAN), "report sequence");
            reports.add(i);
        }
        return reports;
    }

    private void assertNoReport(final Command command)
    {
        assertEquals(List.of(), reportsOf(command), () -> "reports for " + command);
    }

    private Command accept(final Command order)
    {
        final List<Integer> reports = reportsOf(send(order));
        assertTrue(reports.size() >= 1, () -> "no report for " + order);
        final ExecutionReportDecoder r = output.execution(reports.get(0));
        assertEquals("NEW NEW " + order.sequence + " " + order.clOrdId + " " + order.quantity + " " + RejectReason.NONE,
            r.execType() + " " + r.ordStatus() + " " + r.orderId() + " " + r.clOrdId() + " " + r.leavesQty() + " " +
            r.rejectReason(), () -> "answer to " + order);
        return order;
    }

    private void assertCanceled(final Command cancel)
    {
        final List<Integer> reports = reportsOf(cancel);
        assertEquals(1, reports.size(), () -> "reports for " + cancel);
        final ExecutionReportDecoder r = output.execution(reports.get(0));
        assertEquals("CANCELED CLIENT_REQUEST " + cancel.clOrdId + " " + cancel.origClOrdId + " 0",
            r.execType() + " " + r.cancelReason() + " " + r.clOrdId() + " " + r.origClOrdId() + " " + r.leavesQty());
    }

    private ExecutionReportDecoder assertReplaced(final Command replace)
    {
        final List<Integer> reports = reportsOf(send(replace));
        assertTrue(reports.size() >= 1, () -> "no report for " + replace);
        final ExecutionReportDecoder r = output.execution(reports.get(0));
        assertEquals("REPLACED " + replace.clOrdId + " " + replace.origClOrdId + " " + replace.quantity,
            r.execType() + " " + r.clOrdId() + " " + r.origClOrdId() + " " + r.orderQty());
        return r;
    }

    private void assertExpired(final List<Integer> reports, final Command order)
    {
        assertEquals(1, reports.size());
        final ExecutionReportDecoder r = output.execution(reports.get(0));
        assertEquals("EXPIRED EXPIRED " + order.sequence + " " + order.clOrdId + " 0 NONE", r.execType() + " " +
            r.ordStatus() + " " + r.orderId() + " " + r.clOrdId() + " " + r.leavesQty() + " " + r.cancelReason());
    }

    /** Valid orders but for one raw enum byte; the report carries the SBE null value in that field. */
    private void assertRawByteRejected(final int fieldOffset, final byte[] raws, final RejectReason reason,
        final Consumer<Command> clearField)
    {
        for (final byte raw : raws)
        {
            final Command order = limit(S1, raw & 0xFF, Side.BUY, REF, 10);
            sendWithByte(order, fieldOffset, raw);
            clearField.accept(order);
            assertRejected(order, reason);
        }
    }

    /** REJECTED field by field: orderId 0, the order as sent (price 0 for MARKET; raw bad enums null), no fills. */
    private void assertRejected(final Command sent, final RejectReason reason)
    {
        final List<Integer> reports = reportsOf(sent);
        assertEquals(1, reports.size(), () -> "reports for " + sent);
        assertEquals(ExecutionReportDecoder.TEMPLATE_ID, output.templateId(reports.get(0)));
        final ExecutionReportDecoder r = output.execution(reports.get(0));
        final String expected = String.format(EXECUTION, sent.sessionId, sent.gatewayId, sent.timestampNs,
            sent.sequence, 0L, sent.clOrdId, 0L, 0L, sent.ordType == OrdType.MARKET ? 0 : sent.price, sent.quantity,
            0L, 0L, 0L, 0L, sent.instrumentId, ExecType.REJECTED, OrdStatus.REJECTED,
            sent.side == null ? Side.NULL_VAL : sent.side, sent.ordType == null ? OrdType.NULL_VAL : sent.ordType,
            sent.timeInForce == null ? TimeInForce.NULL_VAL : sent.timeInForce, reason, CancelReason.NONE);
        final String actual = String.format(EXECUTION, r.sessionId(), r.gatewayId(), r.timestampNs(), r.sequence(),
            r.orderId(), r.clOrdId(), r.origClOrdId(), r.execId(), r.price(), r.orderQty(), r.lastPx(), r.lastQty(),
            r.leavesQty(), r.cumQty(), r.instrumentId(), r.execType(), r.ordStatus(), r.side(), r.ordType(),
            r.timeInForce(), r.rejectReason(), r.cancelReason());
        assertEquals(expected, actual);
        observed.add(r.rejectReason());
    }

    private void assertCancelReject(final Command sent, final RejectReason reason, final CxlRejResponseTo to)
    {
        final List<Integer> reports = reportsOf(sent);
        assertEquals(1, reports.size(), () -> "reports for " + sent);
        assertEquals(CancelRejectDecoder.TEMPLATE_ID, output.templateId(reports.get(0)));
        final CancelRejectDecoder r = cancelReject(output, reports.get(0));
        assertEquals(String.format(CANCEL_REJECT, sent.sessionId, sent.gatewayId, sent.timestampNs, sent.sequence,
            0L, sent.clOrdId, sent.origClOrdId, reason, to),
            String.format(CANCEL_REJECT, r.sessionId(), r.gatewayId(), r.timestampNs(), r.sequence(), r.orderId(),
            r.clOrdId(), r.origClOrdId(), r.rejectReason(), r.responseTo()));
        observed.add(r.rejectReason());
    }

    private void assertReplaceRejected(final Command replace, final RejectReason reason)
    {
        assertCancelReject(send(replace), reason, CxlRejResponseTo.REPLACE);
    }

    private void assertCancelRejected(final Command cancel, final RejectReason reason)
    {
        assertCancelReject(send(cancel), reason, CxlRejResponseTo.CANCEL);
    }

    /** The CancelReject's bytes with timestamp, sequence and report sequence zeroed. */
    private byte[] unknownOrderBytes(final Command sent)
    {
        assertCancelReject(send(sent), RejectReason.UNKNOWN_ORDER,
            sent.type == Command.CANCEL ? CxlRejResponseTo.CANCEL : CxlRejResponseTo.REPLACE);
        final int offset = output.offset(cursor - 1);
        final int length = cursor < output.count() ? output.offset(cursor) - offset : output.length() - offset;
        final byte[] bytes = new byte[length];
        output.buffer().getBytes(offset, bytes);
        for (final int field : new int[] {CancelRejectDecoder.timestampNsEncodingOffset(),
            CancelRejectDecoder.sequenceEncodingOffset(), CancelRejectDecoder.reportSequenceEncodingOffset()})
        {
            Arrays.fill(bytes, HEADER + field, HEADER + field + Long.BYTES, (byte)0);
        }
        return bytes;
    }

    private static CancelRejectDecoder cancelReject(final CapturedOutput captured, final int index)
    {
        return new CancelRejectDecoder().wrapAndApplyHeader(captured.buffer(), captured.offset(index),
            new MessageHeaderDecoder());
    }

    /** The session rests a buy at the price and a counterparty fills it with an IOC sell. */
    private void assertCanTrade(final int session, final int instrumentId, final long price)
    {
        final Command buy = accept(on(instrumentId, limit(session, nextClOrdId++, Side.BUY, price, 10)));
        final List<Integer> reports = reportsOf(send(on(instrumentId,
            ioc(limit(COUNTERPARTY, nextClOrdId++, Side.SELL, price, 10)))));
        assertEquals(3, reports.size(), "NEW, TRADE, TRADE");
        final ExecutionReportDecoder fill = output.execution(reports.get(2));
        assertEquals("TRADE FILLED session=" + session + " orderId=" + buy.sequence + " lastPx=" + price + " qty=10",
            fill.execType() + " " + fill.ordStatus() + " session=" + fill.sessionId() + " orderId=" + fill.orderId() +
            " lastPx=" + fill.lastPx() + " qty=" + fill.lastQty());
    }
}
