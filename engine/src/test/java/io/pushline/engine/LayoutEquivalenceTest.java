package io.pushline.engine;

import java.util.List;

import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.chain.MatcherFactory;
import io.pushline.engine.match.BookMatcher;
import io.pushline.engine.match.ReferenceMatcher;
import io.pushline.engine.match.SelfTradePrevention;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.RejectReason;
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
    /** Small enough that the random stream fills some books. */
    private static final int FULL_BOOK = 300;

    @Test
    void shouldGiveIdenticalOutputBytesWhenRunThroughEveryLayout()
    {
        final long seed = Long.getLong("pushline.test.seed", System.nanoTime());
        System.out.println("LayoutEquivalenceTest seed=" + seed);
        final List<InstrumentDefinition> instruments = TestInstruments.of(INSTRUMENTS);
        final EncodedStream input = EncodedStream.generate(seed, instruments, SESSIONS, COMMANDS);

        final Run oneThread = run(input, instruments, ChainLayout.ONE_THREAD, 1, BookMatcher::new);
        assertTrue(oneThread.output.count() > COMMANDS, "seed=" + seed + " too few reports");
        compare(seed, "INVOKER", oneThread, run(input, instruments, ChainLayout.INVOKER, 1, BookMatcher::new));
        compare(seed, "STAGED", oneThread, run(input, instruments, ChainLayout.STAGED, 1, BookMatcher::new));
        compare(seed, "SHARDED/2", oneThread, run(input, instruments, ChainLayout.SHARDED, 2, BookMatcher::new));
        compare(seed, "SHARDED/3", oneThread, run(input, instruments, ChainLayout.SHARDED, 3, BookMatcher::new));
        compare(seed, "reference book", oneThread,
            run(input, instruments, ChainLayout.ONE_THREAD, 1, ReferenceMatcher::new));
    }

    @Test
    void shouldGiveIdenticalOutputBytesWhenBooksAreFull()
    {
        final long seed = Long.getLong("pushline.test.seed", System.nanoTime());
        System.out.println("LayoutEquivalenceTest full books seed=" + seed);
        final List<InstrumentDefinition> instruments = TestInstruments.of(INSTRUMENTS);
        final EncodedStream input = EncodedStream.generate(seed, instruments, SESSIONS, COMMANDS / 4);

        final Run oneThread = run(input, instruments, ChainLayout.ONE_THREAD, 1, BookMatcher::new, FULL_BOOK);
        assertTrue(countRejects(oneThread.output, RejectReason.BOOK_FULL) > 0, "seed=" + seed + " no BOOK_FULL");
        compare(seed, "SHARDED/3 full", oneThread,
            run(input, instruments, ChainLayout.SHARDED, 3, BookMatcher::new, FULL_BOOK));
        compare(seed, "STAGED full", oneThread,
            run(input, instruments, ChainLayout.STAGED, 1, BookMatcher::new, FULL_BOOK));
        compare(seed, "INVOKER full", oneThread,
            run(input, instruments, ChainLayout.INVOKER, 1, BookMatcher::new, FULL_BOOK));
    }

    private static int countRejects(final CapturedOutput output, final RejectReason reason)
    {
        int count = 0;
        for (int i = 0; i < output.count(); i++)
        {
            if (output.templateId(i) == ExecutionReportDecoder.TEMPLATE_ID &&
                output.execution(i).rejectReason() == reason)
            {
                count++;
            }
        }
        return count;
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
        return run(input, instruments, layout, shards, matcherFactory, 1 << 15);
    }

    private static Run run(
        final EncodedStream input,
        final List<InstrumentDefinition> instruments,
        final ChainLayout layout,
        final int shards,
        final MatcherFactory matcherFactory,
        final int maxOrdersPerInstrument)
    {
        final CapturedOutput output = new CapturedOutput();
        final long stateHash;
        try (Engine engine = Engine.launch(new Engine.Context()
            .instruments(instruments)
            .layout(layout)
            .shards(shards)
            .ringSize(1024)
            .reportStreamCapacity(64)
            .maxOrdersPerInstrument(maxOrdersPerInstrument)
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
