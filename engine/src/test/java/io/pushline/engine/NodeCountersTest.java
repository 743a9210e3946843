package io.pushline.engine;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.chain.NodeChain;
import io.pushline.engine.chain.NodeCounters;
import io.pushline.engine.match.Command;
import io.pushline.sbe.AdminAction;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-node counters after a known workload, read from the test thread.
 */
class NodeCountersTest
{
    /** Valid resting buys of session 1. */
    private static final int RESTING = 20;
    /** Unknown instrument, zero quantity, price off tick. */
    private static final int VALIDATION_REJECTS = 3;
    /**
     * Post-only that would cross, fill-or-kill that cannot fill, and (with one shard, where the shard alone knows
     * which ids are live) a cancel of an unknown id and a duplicate client order id.
     */
    private static final int MATCHER_REJECTS = 4;
    /** RESTING, one ask, the matcher rejects, one IOC that trades, one cancel, HALT and RESUME. */
    private static final int ROUTED = RESTING + 1 + MATCHER_REJECTS + 1 + 1 + 2;
    /** ROUTED, the validation rejects, one malformed input. */
    private static final int COMMANDS = ROUTED + VALIDATION_REJECTS + 1;
    /** A NEW per accepted order, one per reject, NEW and two TRADE for the IOC, one CANCELED. */
    private static final int REPORTS = RESTING + 1 + VALIDATION_REJECTS + MATCHER_REJECTS + 3 + 1;

    private final SbeCommands sbe = new SbeCommands();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private final CapturedOutput output = new CapturedOutput();

    /**
     * The validate node counts every command, malformed ones included.
     */
    @ParameterizedTest
    @EnumSource(value = ChainLayout.class, names = {"ONE_THREAD", "STAGED"})
    void shouldCountEveryCommandInValidateWhenWorkloadRuns(final ChainLayout layout)
    {
        try (Engine engine = launch(layout))
        {
            runWorkload(engine);
            assertEquals(COMMANDS, engine.chain().validateCounters().events(), "validate events");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChainLayout.class, names = {"ONE_THREAD", "STAGED"})
    void shouldCountMatchAndRespondEventsWhenWorkloadRuns(final ChainLayout layout)
    {
        try (Engine engine = launch(layout))
        {
            runWorkload(engine);
            final NodeChain chain = engine.chain();
            assertEquals(REPORTS, output.count(), "reports");
            assertEquals(ROUTED, chain.matchCounters(0).events(), "match events: commands routed to the shard");
            assertEquals(COMMANDS, chain.respondCounters().events(), "respond events: every command");
            if (layout == ChainLayout.ONE_THREAD)
            {
                assertEquals(COMMANDS, chain.chainCounters().events(), "chain events");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChainLayout.class, names = {"ONE_THREAD", "STAGED"})
    void shouldCountRejectsWhereDecidedAndMalformedInputInValidateWhenWorkloadRuns(final ChainLayout layout)
    {
        try (Engine engine = launch(layout))
        {
            runWorkload(engine);
            final NodeChain chain = engine.chain();
            assertEquals(VALIDATION_REJECTS, chain.validateCounters().rejects(), "validate rejects");
            assertEquals(VALIDATION_REJECTS + MATCHER_REJECTS, chain.respondCounters().rejects(), "respond rejects");
            assertEquals(1, chain.validateCounters().malformedInputs(), "validate malformed inputs");
            assertEquals(0, chain.respondCounters().malformedInputs(), "respond malformed inputs");
        }
    }

    /**
     * Busy time stays within the time the engine ran. On one thread only the chain is timed (timing each node would
     * cost a clock read per node per event), so its nodes report batches but no busy time.
     */
    @ParameterizedTest
    @EnumSource(value = ChainLayout.class, names = {"ONE_THREAD", "STAGED"})
    void shouldReportBatchesAndBusyTimeWithinWallClockWhenWorkloadRuns(final ChainLayout layout)
    {
        final long startNs = System.nanoTime();
        try (Engine engine = launch(layout))
        {
            runWorkload(engine);
            final long elapsedNs = System.nanoTime() - startNs;
            final NodeChain chain = engine.chain();
            if (layout == ChainLayout.ONE_THREAD)
            {
                assertBatchesAndBusyTime("chain", chain.chainCounters(), elapsedNs);
                for (final NodeCounters node : List.of(
                    chain.matchCounters(0), chain.respondCounters(), chain.validateCounters()))
                {
                    assertTrue(node.batches() >= 1, "batches");
                    assertEquals(0, node.busyNs(), "a node on the one thread is not timed on its own");
                }
            }
            else
            {
                assertBatchesAndBusyTime("match", chain.matchCounters(0), elapsedNs);
                assertBatchesAndBusyTime("respond", chain.respondCounters(), elapsedNs);
                assertBatchesAndBusyTime("validate", chain.validateCounters(), elapsedNs);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChainLayout.class, names = {"ONE_THREAD", "STAGED"})
    void shouldPublishCountersToTestThreadWhileEngineRuns(final ChainLayout layout)
    {
        final int orders = 20_000;
        try (Engine engine = launch(layout))
        {
            final NodeChain chain = engine.chain();
            long lastRespond = 0;
            long lastMatch = 0;
            for (int i = 1; i <= orders; i++)
            {
                offer(engine, order(1, i, 1, Side.BUY, OrdType.LIMIT, TimeInForce.IOC, 980_000, 1));
                if (i % 500 == 0)
                {
                    final long respond = chain.respondCounters().events();
                    final long match = chain.matchCounters(0).events();
                    assertTrue(respond >= lastRespond && respond <= i, "respond events " + respond + " after " + i);
                    assertTrue(match >= lastMatch && match <= i, "match events " + match + " after " + i);
                    lastRespond = respond;
                    lastMatch = match;
                }
            }
            awaitValue(orders, () -> chain.respondCounters().events(), "respond events");
            awaitValue(orders, () -> chain.matchCounters(0).events(), "match events");
            assertTrue(chain.respondCounters().batches() >= 1, "respond batches");
            engine.awaitIdle();
            assertEquals(2L * orders, output.count());
        }
    }

    private Engine launch(final ChainLayout layout)
    {
        return Engine.launch(new Engine.Context()
            .instruments(TestInstruments.of(2))
            .layout(layout)
            .maxOrdersPerInstrument(1024)
            .ringSize(64)
            .outputSink(output));
    }

    /**
     * The known workload; waits until the engine is idle.
     */
    private void runWorkload(final Engine engine)
    {
        for (int i = 0; i < RESTING; i++)
        {
            offer(engine, limit(1, 1 + i, Side.BUY, 990_000 - i * 100L, 10));
        }
        offer(engine, limit(2, 1, Side.SELL, 1_010_000, 10));

        final Command unknownInstrument = limit(1, 100, Side.BUY, 990_000, 10);
        unknownInstrument.instrumentId = 99;
        offer(engine, unknownInstrument);
        offer(engine, limit(1, 101, Side.BUY, 990_000, 0));
        offer(engine, limit(1, 102, Side.BUY, 990_050, 10));
        offer(engine, cancel(1, 103, 999));
        offer(engine, limit(1, 1, Side.BUY, 980_000, 10));

        final Command postOnly = limit(1, 104, Side.BUY, 1_010_000, 10);
        postOnly.postOnly = true;
        offer(engine, postOnly);
        offer(engine, order(1, 105, 1, Side.BUY, OrdType.LIMIT, TimeInForce.FOK, 1_010_000, 100));

        offer(engine, order(3, 1, 1, Side.SELL, OrdType.LIMIT, TimeInForce.IOC, 990_000, 10));
        offer(engine, cancel(1, 106, 2));
        offer(engine, admin(AdminAction.HALT));
        offer(engine, admin(AdminAction.RESUME));
        final int length = sbe.encode(limit(1, 107, Side.BUY, 990_000, 10), buffer, 0);
        engine.offer(buffer, 0, length - 3);
        assertEquals(COMMANDS, engine.lastSequence(), "commands offered");
        engine.awaitIdle();
    }

    private static void assertBatchesAndBusyTime(final String node, final NodeCounters counters, final long elapsedNs)
    {
        assertTrue(counters.batches() >= 1, node + " batches " + counters.batches());
        assertTrue(counters.busyNs() > 0, node + " busy ns " + counters.busyNs());
        assertTrue(counters.busyNs() <= elapsedNs,
            node + " busy ns " + counters.busyNs() + " exceeds the " + elapsedNs + " ns the engine has run");
    }

    private static void awaitValue(final long expected, final LongSupplier counter, final String name)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long value;
        while ((value = counter.getAsLong()) != expected)
        {
            assertTrue(value < expected, name + " overshot: " + value);
            assertTrue(System.nanoTime() < deadline, name + " stuck at " + value + ", expected " + expected);
            Thread.yield();
        }
    }

    private void offer(final Engine engine, final Command command)
    {
        engine.offer(buffer, 0, sbe.encode(command, buffer, 0));
    }

    private static Command limit(final int session, final long clOrdId, final Side side, final long price,
        final long quantity)
    {
        return order(session, clOrdId, 1, side, OrdType.LIMIT, TimeInForce.DAY, price, quantity);
    }

    private static Command order(final int session, final long clOrdId, final int instrumentId, final Side side,
        final OrdType ordType, final TimeInForce timeInForce, final long price, final long quantity)
    {
        final Command c = new Command().reset();
        c.type = Command.NEW_ORDER;
        c.sessionId = session;
        c.gatewayId = 1;
        c.clOrdId = clOrdId;
        c.instrumentId = instrumentId;
        c.side = side;
        c.ordType = ordType;
        c.timeInForce = timeInForce;
        c.price = price;
        c.quantity = quantity;
        return c;
    }

    private static Command cancel(final int session, final long clOrdId, final long origClOrdId)
    {
        final Command c = new Command().reset();
        c.type = Command.CANCEL;
        c.sessionId = session;
        c.gatewayId = 1;
        c.clOrdId = clOrdId;
        c.origClOrdId = origClOrdId;
        return c;
    }

    private static Command admin(final AdminAction action)
    {
        final Command c = new Command().reset();
        c.type = Command.ADMIN;
        c.gatewayId = 1;
        c.instrumentId = 2;
        c.adminAction = action;
        return c;
    }
}
