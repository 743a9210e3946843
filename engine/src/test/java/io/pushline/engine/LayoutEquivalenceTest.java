package io.pushline.engine;

import java.util.List;

import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.chain.MatcherFactory;
import io.pushline.engine.match.BookMatcher;
import io.pushline.engine.match.ReferenceMatcher;
import io.pushline.engine.match.SelfTradePrevention;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same seeded stream of SBE commands through every layout (and through the reference book behind the same
 * chain) must give byte-identical output and the same state hash.
 */
class LayoutEquivalenceTest
{
    private static final int COMMANDS = 200_000;
    private static final int INSTRUMENTS = 10;
    private static final int SESSIONS = 8;

    @Test
    void shouldGiveIdenticalOutputBytesWhenRunThroughEveryLayout()
    {
        final long seed = Long.getLong("pushline.test.seed", System.nanoTime());
        System.out.println("LayoutEquivalenceTest seed=" + seed);
        final List<InstrumentDefinition> instruments = TestInstruments.of(INSTRUMENTS);
        final EncodedStream input = EncodedStream.generate(seed, instruments, SESSIONS, COMMANDS);

        final Run oneThread = run(input, instruments, ChainLayout.ONE_THREAD, 1, BookMatcher::new);
        assertTrue(oneThread.output.count() > COMMANDS, "seed=" + seed + " too few reports");
        compare(seed, "STAGED", oneThread, run(input, instruments, ChainLayout.STAGED, 1, BookMatcher::new));
        compare(seed, "SHARDED/2", oneThread, run(input, instruments, ChainLayout.SHARDED, 2, BookMatcher::new));
        compare(seed, "SHARDED/3", oneThread, run(input, instruments, ChainLayout.SHARDED, 3, BookMatcher::new));
        compare(seed, "reference book", oneThread,
            run(input, instruments, ChainLayout.ONE_THREAD, 1, ReferenceMatcher::new));
    }

    @Test
    void shouldDetectDifferentOutputWhenSelfTradeModeDiffers()
    {
        final long seed = Long.getLong("pushline.test.seed", System.nanoTime());
        System.out.println("LayoutEquivalenceTest negative control seed=" + seed);
        final List<InstrumentDefinition> instruments = TestInstruments.of(INSTRUMENTS);
        final EncodedStream input = EncodedStream.generate(seed, instruments, SESSIONS, COMMANDS);

        final Run aggressing = run(input, instruments, ChainLayout.ONE_THREAD, 1, BookMatcher::new);
        final Run resting = run(input, instruments, ChainLayout.ONE_THREAD, 1,
            (list, shard, shardCount, maxOrders, stp) ->
            new BookMatcher(list, shard, shardCount, maxOrders, SelfTradePrevention.CANCEL_RESTING));

        assertTrue(aggressing.output.firstDifference(resting.output) >= 0, "seed=" + seed);
    }

    private static void compare(final long seed, final String name, final Run expected, final Run actual)
    {
        final int difference = expected.output.firstDifference(actual.output);
        assertEquals(-1, difference, "seed=" + seed + " " + name + " differs from ONE_THREAD at byte " + difference +
            " (reports " + expected.output.count() + " vs " + actual.output.count() + ")");
        assertEquals(expected.stateHash, actual.stateHash, "seed=" + seed + " " + name + " state hash");
    }

    private static Run run(
        final EncodedStream input,
        final List<InstrumentDefinition> instruments,
        final ChainLayout layout,
        final int shards,
        final MatcherFactory matcherFactory)
    {
        final CapturedOutput output = new CapturedOutput();
        final long stateHash;
        try (Engine engine = Engine.launch(new Engine.Context()
            .instruments(instruments)
            .layout(layout)
            .shards(shards)
            .ringSize(1024)
            .reportStreamCapacity(64)
            .maxOrders(1 << 18)
            .clientOrderIdCapacity(1024)
            .selfTradePrevention(SelfTradePrevention.CANCEL_AGGRESSING)
            .matcherFactory(matcherFactory)
            .outputSink(output)))
        {
            input.offerAll(engine);
            stateHash = engine.stateHash();
        }
        return new Run(output, stateHash);
    }

    private record Run(CapturedOutput output, long stateHash)
    {
    }
}
