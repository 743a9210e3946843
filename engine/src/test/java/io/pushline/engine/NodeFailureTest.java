package io.pushline.engine;

import java.util.List;

import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.match.BookMatcher;
import io.pushline.engine.match.Command;
import io.pushline.engine.match.Matcher;
import io.pushline.engine.match.ReportSink;
import io.pushline.engine.match.RestingOrder;
import io.pushline.engine.match.SelfTradePrevention;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node that throws (a bug) stops the engine: every later call fails with the cause instead of waiting forever.
 */
class NodeFailureTest
{
    private static final long POISON = 666;

    @ParameterizedTest
    @EnumSource(ChainLayout.class)
    void shouldStopWithTheCauseWhenNodeThrows(final ChainLayout layout)
    {
        final SbeCommands sbe = new SbeCommands();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final Engine engine = Engine.launch(new Engine.Context()
            .instruments(TestInstruments.of(2))
            .layout(layout)
            .ringSize(64)
            .maxOrdersPerInstrument(1024)
            .matcherFactory(FailingMatcher::new));
        try
        {
            engine.offer(buffer, 0, sbe.encode(order(1), buffer, 0));
            if (layout == ChainLayout.INVOKER)
            {
                // the offering thread runs the chain: the failure reaches it at once
                final IllegalStateException offered = assertThrows(IllegalStateException.class,
                    () -> engine.offer(buffer, 0, sbe.encode(order(POISON), buffer, 0)));
                assertTrue(offered.getCause().getMessage().contains("planted bug"), offered.toString());
            }
            else
            {
                engine.offer(buffer, 0, sbe.encode(order(POISON), buffer, 0));
            }

            final IllegalStateException idle = assertThrows(IllegalStateException.class, engine::awaitIdle);
            assertTrue(idle.getMessage().contains("planted bug"), idle.getMessage());
            assertThrows(IllegalStateException.class, () ->
            {
                for (int i = 0; i < 1_000; i++)
                {
                    engine.offer(buffer, 0, sbe.encode(order(100 + i), buffer, 0));
                }
            }, "a full ring in front of a failed chain must not block forever");
            assertTrue(engine.failure().getMessage().contains("node failed"), engine.failure().getMessage());
        }
        finally
        {
            engine.close();
        }
    }

    private static Command order(final long clOrdId)
    {
        return TestCommands.limit(1, clOrdId, 1, Side.BUY, TimeInForce.DAY, 990_000, 1);
    }

    /** The fast book, with a planted bug: it throws on one client order id. */
    private static final class FailingMatcher implements Matcher
    {
        private final BookMatcher delegate;

        FailingMatcher(final List<InstrumentDefinition> instruments, final int shard, final int shards,
            final int maxOrders, final SelfTradePrevention stp)
        {
            delegate = new BookMatcher(instruments, shard, shards, maxOrders, stp);
        }

        public void advanceTime(final long timestampNs, final ReportSink out)
        {
            delegate.advanceTime(timestampNs, out);
        }

        public void onCommand(final Command command, final ReportSink out)
        {
            if (command.clOrdId == POISON)
            {
                throw new IllegalStateException("planted bug");
            }
            delegate.onCommand(command, out);
        }

        public boolean isLive(final int sessionId, final long clOrdId)
        {
            return delegate.isLive(sessionId, clOrdId);
        }

        public long instrumentStateHash(final int instrumentIndex)
        {
            return delegate.instrumentStateHash(instrumentIndex);
        }

        public int restingOrderCount()
        {
            return delegate.restingOrderCount();
        }

        public void forEachRestingOrder(
            final int instrumentIndex, final RestingOrder scratch, final RestingOrder.Visitor visitor)
        {
            delegate.forEachRestingOrder(instrumentIndex, scratch, visitor);
        }

        public void restore(final RestingOrder order)
        {
            delegate.restore(order);
        }

        public long lastTradeNumber(final int instrumentIndex)
        {
            return delegate.lastTradeNumber(instrumentIndex);
        }

        public void restoreInstrument(
            final int instrumentIndex, final long referencePrice, final boolean halted, final long lastTradeNumber)
        {
            delegate.restoreInstrument(instrumentIndex, referencePrice, halted, lastTradeNumber);
        }
    }
}
