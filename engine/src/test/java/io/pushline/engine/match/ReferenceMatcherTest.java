package io.pushline.engine.match;

import io.pushline.config.InstrumentDefinition;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.TimeInForce;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pushline.engine.match.MatcherScenario.INSTRUMENTS;
import static io.pushline.engine.match.MatcherScenario.S1;
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
}
