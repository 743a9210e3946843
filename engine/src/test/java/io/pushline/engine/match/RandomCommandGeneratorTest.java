package io.pushline.engine.match;

import io.pushline.config.InstrumentDefinition;
import io.pushline.sbe.AdminAction;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class RandomCommandGeneratorTest
{
    private static final int SESSIONS = 8;
    private static final int COMMANDS = 300_000;

    @Test
    void shouldGenerateSameStreamWhenSameSeed()
    {
        final List<InstrumentDefinition> instruments = MatcherDifferentialTest.instruments(5);
        final RandomCommandGenerator first = new RandomCommandGenerator(99, instruments, SESSIONS);
        final RandomCommandGenerator second = new RandomCommandGenerator(99, instruments, SESSIONS);
        final Command a = new Command();
        final Command b = new Command();
        for (int i = 0; i < 10_000; i++)
        {
            assertEquals(first.next(a).toString(), second.next(b).toString());
        }
    }

    @Test
    void shouldGenerateValidNewOrdersAndFewRefusedReplacesWhenSeedFromClock()
    {
        final long seed = System.nanoTime();
        final Map<RejectReason, Integer> replaces =
            generate(seed, MatcherDifferentialTest.instruments(10), EnumSet.noneOf(AdminAction.class));
        final int total = replaces.values().stream().mapToInt(Integer::intValue).sum();
        final int refused = total - replaces.getOrDefault(RejectReason.NONE, 0);
        final double share = (double)refused / total;
        assertTrue(share > 0.01 && share < 0.1, () -> "seed=" + seed + " share of refused replaces " + share);
    }

    @Test
    void shouldBreakEveryReplaceRuleTheMatcherChecksWhenFixedSeed()
    {
        final long seed = 0x5EED_0F_B00CL;
        final Set<AdminAction> adminActions = EnumSet.noneOf(AdminAction.class);
        final Map<RejectReason, Integer> replaces =
            generate(seed, MatcherDifferentialTest.instruments(10), adminActions);
        assertEquals(EnumSet.of(AdminAction.HALT, AdminAction.RESUME, AdminAction.HALT_AND_CANCEL,
            AdminAction.CANCEL_ALL, AdminAction.SET_REFERENCE_PRICE), adminActions, () -> "seed=" + seed);
        for (final RejectReason reason : List.of(RejectReason.NONE, RejectReason.INSTRUMENT_HALTED,
            RejectReason.QUANTITY_NOT_POSITIVE, RejectReason.QUANTITY_NOT_LOT_MULTIPLE, RejectReason.QUANTITY_OVER_MAX,
            RejectReason.PRICE_NOT_POSITIVE, RejectReason.PRICE_NOT_ON_TICK, RejectReason.PRICE_OUTSIDE_BAND,
            RejectReason.NOTIONAL_OVER_LIMIT))
        {
            assertTrue(replaces.getOrDefault(reason, 0) > 0, () -> "seed=" + seed + " no replace " + reason +
                " in " + replaces);
        }
    }

    /**
     * Check a stream: sequence, time, fresh client order ids, new orders valid and not on a halted instrument, admin
     * commands valid; classify each replace by the first rule the matcher would find broken.
     *
     * @param adminActions gets every admin action the stream holds.
     * @return number of replaces by reason (NONE: passes the rules).
     */
    private static Map<RejectReason, Integer> generate(
        final long seed, final List<InstrumentDefinition> instruments, final Set<AdminAction> adminActions)
    {
        final RandomCommandGenerator generator = new RandomCommandGenerator(seed, instruments, SESSIONS);
        final OrderRules rules = new OrderRules(new InstrumentRules(instruments));
        final long[] reference = new long[instruments.size()];
        for (int i = 0; i < reference.length; i++)
        {
            reference[i] = instruments.get(i).referencePrice();
        }
        final Map<Integer, Set<Long>> usedClOrdIds = new HashMap<>();
        final Set<Integer> halted = new HashSet<>();
        final Map<RejectReason, Integer> replaces = new EnumMap<>(RejectReason.class);
        final Command c = new Command();
        long lastTimestamp = 0;
        for (int i = 1; i <= COMMANDS; i++)
        {
            generator.next(c);
            final String where = "seed=" + seed + " " + c;
            assertEquals(i, c.sequence, where);
            assertTrue(c.timestampNs >= lastTimestamp, where);
            assertEquals(RejectReason.NONE, c.rejectReason, where);
            lastTimestamp = c.timestampNs;
            if (c.type == Command.NEW_ORDER || c.type == Command.CANCEL || c.type == Command.REPLACE)
            {
                assertTrue(usedClOrdIds.computeIfAbsent(c.sessionId, s -> new HashSet<>()).add(c.clOrdId),
                    () -> "client order id reused: " + where);
            }
            if (c.type == Command.NEW_ORDER)
            {
                assertTrue(!halted.contains(c.instrumentIndex), () -> "halted instrument: " + where);
                assertValidOrder(c, instruments.get(c.instrumentIndex), reference[c.instrumentIndex], where);
            }
            if (c.type == Command.REPLACE)
            {
                assertEquals(instruments.get(c.instrumentIndex).id(), c.instrumentId, where);
                replaces.merge(rules.checkReplace(c.instrumentIndex, c.price, c.quantity), 1, Integer::sum);
            }
            if (c.type == Command.ADMIN)
            {
                adminActions.add(c.adminAction);
                assertEquals(RejectReason.NONE, rules.applyAdmin(c), where);
                if (c.adminAction == AdminAction.HALT || c.adminAction == AdminAction.HALT_AND_CANCEL)
                {
                    halted.add(c.instrumentIndex);
                }
                else if (c.adminAction == AdminAction.RESUME)
                {
                    halted.remove(c.instrumentIndex);
                }
                else if (c.adminAction == AdminAction.SET_REFERENCE_PRICE)
                {
                    reference[c.instrumentIndex] = c.price;
                }
            }
        }
        return replaces;
    }

    private static void assertValidOrder(
        final Command c, final InstrumentDefinition def, final long reference, final String where)
    {
        assertEquals(def.id(), c.instrumentId, where);
        assertTrue(c.quantity > 0 && c.quantity % def.lotSize() == 0 && c.quantity <= def.maxQuantity(), where);
        assertEquals(c.sequence, c.orderId, where);
        assertTrue(c.ordType == OrdType.LIMIT || !c.postOnly, where);
        assertTrue(c.ordType == OrdType.LIMIT || c.timeInForce == TimeInForce.IOC ||
            c.timeInForce == TimeInForce.FOK, where);
        assertTrue(!c.postOnly || (c.timeInForce != TimeInForce.IOC && c.timeInForce != TimeInForce.FOK), where);
        assertTrue(c.timeInForce != TimeInForce.GTD || c.expireTimeNs > c.timestampNs, where);
        if (c.ordType == OrdType.MARKET)
        {
            assertTrue(reference * c.quantity <= def.maxNotional(), where);
            return;
        }
        assertTrue(c.price > 0 && c.price % def.tickSize() == 0, where);
        assertTrue(def.bandBps() == 0 || Math.abs(c.price - reference) * 10_000 <= reference * def.bandBps(),
            () -> "outside band around " + reference + ": " + where);
        assertTrue(c.price * c.quantity <= def.maxNotional(), where);
    }
}
