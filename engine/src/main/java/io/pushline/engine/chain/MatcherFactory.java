package io.pushline.engine.chain;

import java.util.List;

import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.match.Matcher;
import io.pushline.engine.match.SelfTradePrevention;

/**
 * Makes the matcher of one shard; {@code BookMatcher::new} is the production one.
 */
@FunctionalInterface
public interface MatcherFactory
{
    /**
     * @param instruments         every instrument, in file order.
     * @param shardIndex          which shard.
     * @param shardCount          how many shards.
     * @param maxOrdersPerInstrument resting orders each instrument may hold.
     * @param selfTradePrevention self-trade mode.
     * @return the shard's matcher.
     */
    Matcher newMatcher(
        List<InstrumentDefinition> instruments,
        int shardIndex,
        int shardCount,
        int maxOrdersPerInstrument,
        SelfTradePrevention selfTradePrevention);
}
