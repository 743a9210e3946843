package io.pushline.engine.match;

import io.pushline.config.InstrumentDefinition;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pushline.engine.match.MatcherScenario.INSTRUMENTS;
import static io.pushline.engine.match.MatcherScenario.RULED;
import static io.pushline.engine.match.MatcherScenario.S1;
import static io.pushline.engine.match.MatcherScenario.S2;
import static io.pushline.engine.match.MatcherScenario.ended;
import static io.pushline.sbe.Side.BUY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class ReferenceMatcherTest extends MatcherConformanceTest
{
    protected Matcher newMatcher(
        final List<InstrumentDefinition> instruments, final int maxOrders, final SelfTradePrevention stp)
    {
        return new ReferenceMatcher(instruments, 0, 1, maxOrders, stp);
    }

    @Test
    void shouldIgnoreInstrumentsOfOtherShardsWhenSharded()
    {
        final MatcherScenario shard1 = new MatcherScenario(
            new ReferenceMatcher(INSTRUMENTS, 1, 2, 10, SelfTradePrevention.NONE));
        assertTrue(shard1.send(shard1.limit(S1, 1, BUY, 99, 5)).isEmpty(), "instrument 0 belongs to shard 0");
        final Command own = shard1.order(1, S1, 2, BUY, OrdType.LIMIT, TimeInForce.DAY, 99, 5);
        assertEquals(1, shard1.send(own).size());
        assertTrue(shard1.send(shard1.massCancel(S1, Command.ALL_INSTRUMENTS)).size() == 1);
        assertEquals(0, shard1.matcher().restingOrderCount());
        assertThrows(IllegalArgumentException.class, () -> shard1.hash(0));
        assertThrows(IllegalArgumentException.class, () -> shard1.hash(2));
        assertEquals(StateHash.EMPTY, shard1.hash(1));
    }

    @Test
    void shouldExpireOnlyOwnInstrumentsInIndexOrderWhenSharded()
    {
        final MatcherScenario shard1 = new MatcherScenario(
            new ReferenceMatcher(INSTRUMENTS, 1, 2, 10, SelfTradePrevention.NONE));
        assertTrue(shard1.send(shard1.gtd(0, S1, 1, BUY, 99, 1_500)).isEmpty(), "instrument 0 belongs to shard 0");
        final Command i3 = shard1.given(shard1.gtd(RULED, S2, 2, BUY, 1_000, 1_500));
        final Command i1 = shard1.given(shard1.gtd(1, S1, 3, BUY, 99, 2_000));
        shard1.timeIs(2_000);
        assertEquals(List.of(ended(i1, ExecType.EXPIRED, CancelReason.NONE, 0),
            ended(i3, ExecType.EXPIRED, CancelReason.NONE, 0)), shard1.send(shard1.clockTick()));
        assertEquals(0, shard1.matcher().restingOrderCount());
    }
}
