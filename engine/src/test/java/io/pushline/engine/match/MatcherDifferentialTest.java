package io.pushline.engine.match;

import io.pushline.config.InstrumentDefinition;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.RejectReason;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs one seeded random command stream through the reference book and the fast book and requires the same reports,
 * command by command, and the same state hash per instrument every {@value #CHECKPOINT} commands and at the end. Like
 * the chain, each command first advances both books' time (its expiries are compared first), then reaches the books
 * unless validation rejected it: one new order, cancel or replace in {@value #VALIDATION_REJECTS_ONE_IN} is marked
 * rejected by validation, so it only moves time. Every failure names the seed; rerun a seed by putting it in place of
 * {@link #FIXED_SEED}.
 */
public class MatcherDifferentialTest
{
    private static final long FIXED_SEED = 0x5EED_0F_B00CL;
    private static final int CHECKPOINT = 100_000;
    private static final int SESSIONS = 24;
    private static final int INSTRUMENTS = 12;
    /** Per instrument: roomy, so only the dedicated run reaches BOOK_FULL. */
    private static final int MAX_ORDERS = 20_000;
    private static final SelfTradePrevention DEFAULT_STP = SelfTradePrevention.CANCEL_AGGRESSING;
    private static final int VALIDATION_REJECTS_ONE_IN = 200;

    /**
     * The book under test, shard 0 of 1.
     *
     * @param instruments every instrument.
     * @param maxOrders   most resting orders.
     * @param stp         self-trade prevention mode.
     * @return the fast book.
     */
    protected Matcher fastMatcher(
        final List<InstrumentDefinition> instruments, final int maxOrders, final SelfTradePrevention stp)
    {
        return new BookMatcher(instruments, 0, 1, maxOrders, stp);
    }

    @Test
    void shouldAgreeReportByReportWhenFixedSeed()
    {
        final Stats stats = run(FIXED_SEED, 1_000_000, instruments(INSTRUMENTS), MAX_ORDERS, DEFAULT_STP);
        final String seed = "seed=" + FIXED_SEED;
        for (final ExecType type : List.of(ExecType.NEW, ExecType.TRADE, ExecType.CANCELED, ExecType.REPLACED,
            ExecType.REJECTED, ExecType.EXPIRED, ExecType.UNSOLICITED_CANCEL))
        {
            assertTrue(stats.execTypes.getOrDefault(type, 0L) > 0, () -> seed + " never produced " + type);
        }
        for (final RejectReason reason : List.of(
            RejectReason.FOK_NOT_FILLABLE, RejectReason.POST_ONLY_WOULD_CROSS, RejectReason.UNKNOWN_ORDER,
            RejectReason.INSTRUMENT_HALTED, RejectReason.QUANTITY_NOT_POSITIVE, RejectReason.QUANTITY_NOT_LOT_MULTIPLE,
            RejectReason.QUANTITY_OVER_MAX, RejectReason.PRICE_NOT_POSITIVE, RejectReason.PRICE_NOT_ON_TICK,
            RejectReason.PRICE_OUTSIDE_BAND, RejectReason.NOTIONAL_OVER_LIMIT))
        {
            assertTrue(stats.rejects.getOrDefault(reason, 0L) > 0, () -> seed + " never produced " + reason);
        }
        assertTrue(stats.commandsWithExpiries > 0 && stats.validationRejected > 0, () -> seed + " " + stats);
        final double tradeShare = (double)stats.commandsWithTrades / stats.commands;
        assertTrue(tradeShare > 0.03 && tradeShare < 0.2, () -> seed + " share of commands that trade: " + tradeShare);
    }

    @Test
    void shouldAgreeReportByReportWhenSeedFromClock()
    {
        run(System.nanoTime(), 1_000_000, instruments(INSTRUMENTS), MAX_ORDERS, DEFAULT_STP);
    }

    @ParameterizedTest
    @EnumSource(SelfTradePrevention.class)
    void shouldAgreeReportByReportWhenEachSelfTradePreventionMode(final SelfTradePrevention stp)
    {
        final Stats stats = run(FIXED_SEED + 1 + stp.ordinal(), 150_000, instruments(10), MAX_ORDERS, stp);
        if (stp != SelfTradePrevention.NONE)
        {
            assertTrue(stats.cancelReasons.getOrDefault(CancelReason.SELF_TRADE_PREVENTION, 0L) > 0,
                () -> "no self-trade prevention with " + stp);
        }
    }

    @Test
    void shouldAgreeReportByReportWhenBookIsFull()
    {
        final long seed = FIXED_SEED + 17;
        final Stats stats = run(seed, 150_000, instruments(10), 300, SelfTradePrevention.CANCEL_BOTH);
        assertTrue(stats.rejects.getOrDefault(RejectReason.BOOK_FULL, 0L) > 0, () -> "seed=" + seed + " no BOOK_FULL");
    }

    @Test
    @Tag("slow")
    void shouldAgreeReportByReportWhenLongStreams()
    {
        for (final SelfTradePrevention stp : SelfTradePrevention.values())
        {
            run(System.nanoTime(), 5_000_000, instruments(32), 1 << 15, stp);
        }
    }

    /** Instruments with different ticks, lots, bands (one in five without) and notional limits. */
    static List<InstrumentDefinition> instruments(final int count)
    {
        final long[] ticks = {1, 5, 10, 25};
        final long[] lots = {1, 10, 100};
        final List<InstrumentDefinition> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final long tick = ticks[i % ticks.length];
            final long lot = lots[i % lots.length];
            final long reference = tick * (1_000 + 97L * i);
            final int bandBps = i % 5 == 4 ? 0 : 300 + 100 * (i % 4);
            result.add(new InstrumentDefinition(
                1_000 + i, "SYM" + i, tick, lot, reference, bandBps, lot * 5_000, reference * lot * 60));
        }
        return result;
    }

    /** What a stream produced, to show it covers the rules. */
    static final class Stats
    {
        final Map<ExecType, Long> execTypes = new EnumMap<>(ExecType.class);
        final Map<RejectReason, Long> rejects = new EnumMap<>(RejectReason.class);
        final Map<CancelReason, Long> cancelReasons = new EnumMap<>(CancelReason.class);
        long commands;
        long commandsWithTrades;
        long commandsWithExpiries;
        long validationRejected;
        long reports;
        int maxResting;

        void add(final Command command, final CapturingReportSink sink, final int expiries, final int resting)
        {
            commands++;
            if (expiries > 0)
            {
                commandsWithExpiries++;
            }
            if (command.rejectReason != RejectReason.NONE)
            {
                validationRejected++;
            }
            reports += sink.size();
            maxResting = Math.max(maxResting, resting);
            boolean traded = false;
            for (int i = 0; i < sink.size(); i++)
            {
                final Report r = sink.get(i);
                if (r.kind == Report.EXECUTION)
                {
                    execTypes.merge(r.execType, 1L, Long::sum);
                    traded |= r.execType == ExecType.TRADE;
                }
                if (r.rejectReason != RejectReason.NONE)
                {
                    rejects.merge(r.rejectReason, 1L, Long::sum);
                }
                if (r.cancelReason != CancelReason.NONE)
                {
                    cancelReasons.merge(r.cancelReason, 1L, Long::sum);
                }
            }
            if (traded)
            {
                commandsWithTrades++;
            }
        }

        public String toString()
        {
            return "commands=" + commands + " withTrades=" + commandsWithTrades + " withExpiries=" +
                commandsWithExpiries + " validationRejected=" + validationRejected + " reports=" + reports +
                " maxResting=" + maxResting + " execTypes=" + execTypes + " rejects=" + rejects +
                " cancelReasons=" + cancelReasons;
        }
    }

    private Stats run(
        final long seed,
        final int commandCount,
        final List<InstrumentDefinition> instruments,
        final int maxOrders,
        final SelfTradePrevention stp)
    {
        final String context = "seed=" + seed + " stp=" + stp + " instruments=" + instruments.size() +
            " maxOrders=" + maxOrders;
        System.out.println("MatcherDifferentialTest " + context + " commands=" + commandCount);
        final long start = System.nanoTime();
        final Matcher reference = new ReferenceMatcher(instruments, 0, 1, maxOrders, stp);
        final Matcher fast = fastMatcher(instruments, maxOrders, stp);
        final RandomCommandGenerator generator = new RandomCommandGenerator(seed, instruments, SESSIONS);
        final SplittableRandom validation = new SplittableRandom(seed ^ 0x7A11DA7EL);
        final Command command = new Command();
        final Command fastCommand = new Command();
        final CapturingReportSink referenceReports = new CapturingReportSink();
        final CapturingReportSink fastReports = new CapturingReportSink();
        final Stats stats = new Stats();

        for (int i = 1; i <= commandCount; i++)
        {
            generator.next(command);
            final int type = command.type;
            if ((type == Command.NEW_ORDER || type == Command.CANCEL || type == Command.REPLACE) &&
                validation.nextInt(VALIDATION_REJECTS_ONE_IN) == 0)
            {
                command.rejectReason = RejectReason.DUPLICATE_CLIENT_ORDER_ID;
            }
            fastCommand.copyFrom(command);
            referenceReports.clear();
            fastReports.clear();
            reference.advanceTime(command.timestampNs, referenceReports);
            try
            {
                fast.advanceTime(fastCommand.timestampNs, fastReports);
            }
            catch (final RuntimeException | AssertionError e)
            {
                throw new AssertionError(context + " command #" + i + " advanceTime threw: " + command, e);
            }
            if (fastReports.hasPendingClaim() || !referenceReports.sameReportsAs(fastReports))
            {
                throw new AssertionError(mismatch(context, i, command, "advanceTime", referenceReports, fastReports));
            }
            final int expiries = referenceReports.size();
            if (command.rejectReason == RejectReason.NONE)
            {
                reference.onCommand(command, referenceReports);
                try
                {
                    fast.onCommand(fastCommand, fastReports);
                }
                catch (final RuntimeException | AssertionError e)
                {
                    throw new AssertionError(context + " command #" + i + " threw: " + command, e);
                }
                if (fastReports.hasPendingClaim() || !referenceReports.sameReportsAs(fastReports))
                {
                    throw new AssertionError(mismatch(context, i, command,
                        "onCommand (after " + expiries + " expiry reports)", referenceReports, fastReports));
                }
            }
            stats.add(command, referenceReports, expiries, reference.restingOrderCount());
            if (i % CHECKPOINT == 0 || i == commandCount)
            {
                assertSameBooks(context + " after command #" + i + " " + command, instruments.size(), reference, fast);
            }
        }
        System.out.printf("MatcherDifferentialTest %s done in %d ms: %s%n",
            context, (System.nanoTime() - start) / 1_000_000, stats);
        return stats;
    }

    private static void assertSameBooks(
        final String context, final int instrumentCount, final Matcher reference, final Matcher fast)
    {
        assertEquals(reference.restingOrderCount(), fast.restingOrderCount(), () -> context + ": resting orders");
        for (int i = 0; i < instrumentCount; i++)
        {
            final int index = i;
            assertEquals(reference.instrumentStateHash(i), fast.instrumentStateHash(i),
                () -> context + ": state hash of instrument index " + index);
        }
    }

    private static String mismatch(
        final String context,
        final int commandNumber,
        final Command command,
        final String step,
        final CapturingReportSink expected,
        final CapturingReportSink actual)
    {
        final StringBuilder sb = new StringBuilder(context)
            .append(": reports differ at command #").append(commandNumber).append(" in ").append(step).append('\n')
            .append("command: ").append(command).append('\n');
        if (actual.hasPendingClaim())
        {
            sb.append("fast book claimed a report and did not commit it\n");
        }
        int firstDifference = 0;
        while (firstDifference < Math.min(expected.size(), actual.size()) &&
            expected.get(firstDifference).equals(actual.get(firstDifference)))
        {
            firstDifference++;
        }
        sb.append("first difference at report ").append(firstDifference).append('\n');
        appendReports(sb, "reference", expected);
        appendReports(sb, "fast", actual);
        return sb.toString();
    }

    private static void appendReports(final StringBuilder sb, final String name, final CapturingReportSink reports)
    {
        sb.append(name).append(" (").append(reports.size()).append(" reports):\n");
        for (int i = 0; i < reports.size(); i++)
        {
            sb.append("  ").append(i).append(": ").append(reports.get(i)).append('\n');
        }
    }
}
