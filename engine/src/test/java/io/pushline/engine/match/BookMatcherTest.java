package io.pushline.engine.match;

import java.util.List;

import io.pushline.config.InstrumentDefinition;

/**
 * The fast book against every conformance scenario.
 */
public class BookMatcherTest extends MatcherConformanceTest
{
    protected Matcher newMatcher(
        final List<InstrumentDefinition> instruments, final int maxOrders, final SelfTradePrevention stp)
    {
        return new BookMatcher(instruments, 0, 1, maxOrders, stp);
    }
}
