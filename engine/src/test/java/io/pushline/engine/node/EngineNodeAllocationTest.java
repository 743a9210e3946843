package io.pushline.engine.node;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.pushline.config.TransportSettings;
import io.pushline.engine.Engine;
import io.pushline.engine.SbeCommands;
import io.pushline.engine.TestCommands;
import io.pushline.engine.TestInstruments;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steady state of the engine process allocates nothing per command: the ingress duty cycle (Aeron poll, sequencing
 * into the ring, counters) and the chain thread (matching, encoding, Aeron offer on egress), measured per thread.
 */
class EngineNodeAllocationTest
{
    private static final int ROUND = 100_000;
    private static final long ONE_OFF_BYTES = 4096;

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @EnumSource(value = ChainLayout.class, names = {"ONE_THREAD", "INVOKER"})
    void shouldAllocateNothingOnEngineThreadsWhenOrdersFlowOverAeron(final ChainLayout layout)
    {
        final List<Thread> chainThreads = new CopyOnWriteArrayList<>();
        final ThreadFactory factory = runnable ->
        {
            final Thread thread = new Thread(runnable, "chain-" + chainThreads.size());
            thread.setDaemon(true);
            chainThreads.add(thread);
            return thread;
        };
        try (MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName(tempDir.resolve("aeron").toString())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy())
                .dirDeleteOnShutdown(true));
            Aeron gateway = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            EngineNode node = EngineNode.launch(new EngineNode.Context()
                .engineContext(new Engine.Context().instruments(TestInstruments.of(4)).layout(layout)
                    .threadFactory(factory))
                .transport(new TransportSettings(driver.aeronDirectoryName(), false, "SHARED", "BACKOFF",
                    "aeron:ipc", 1001, "aeron:ipc", 1002))
                .clockTickIntervalNs(0)))
        {
            final Publication ingress = gateway.addPublication("aeron:ipc", 1001);
            final Subscription egress = gateway.addSubscription("aeron:ipc", 1002);
            while (!ingress.isConnected() || !node.egressConnected())
            {
                Thread.yield();
            }
            final com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final Thread ingressThread = findThread("pushline-engine-ingress");

            round(ingress, egress, node, 0);
            round(ingress, egress, node, 1);
            // INVOKER: the chain runs on the ingress thread, there is no chain thread
            final Thread chainThread = layout == ChainLayout.INVOKER ? ingressThread : chainThreads.get(0);
            assertEquals(layout == ChainLayout.INVOKER ? 0 : 1, chainThreads.size());
            final long ingressBefore = mx.getThreadAllocatedBytes(ingressThread.getId());
            final long chainBefore = mx.getThreadAllocatedBytes(chainThread.getId());
            round(ingress, egress, node, 2);
            final long ingressBytes = mx.getThreadAllocatedBytes(ingressThread.getId()) - ingressBefore;
            final long chainBytes = mx.getThreadAllocatedBytes(chainThread.getId()) - chainBefore;

            // the smallest object on every command would be 16 B x 100k = 1.6 MB; a few hundred bytes once (the JIT
            // recompiling a method, a parked thread's first wake-up) is not steady-state allocation
            assertTrue(ingressBytes < ONE_OFF_BYTES, "ingress duty cycle allocated " + ingressBytes + " B over " +
                ROUND + " commands");
            assertTrue(chainBytes < ONE_OFF_BYTES, "chain thread allocated " + chainBytes + " B over " + ROUND +
                " commands");
        }
    }

    /** Resting buys and the sells that fill them (acks and fills) on four instruments. */
    private static void round(
        final Publication ingress, final Subscription egress, final EngineNode node, final int round)
    {
        final SbeCommands sbe = new SbeCommands();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final long target = node.commandsIn() + ROUND;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < ROUND; i++)
        {
            final long clOrdId = (long)round * ROUND + i + 1;
            final Side side = (i & 1) == 0 ? Side.BUY : Side.SELL;
            // a buy, then a sell of another session that fills it: the books stay at their steady size
            final int length = sbe.encode(TestCommands.limit(1 + (i & 7), clOrdId, 1 + ((i >> 1) & 3), side,
                TimeInForce.DAY, 1_000_000 + 100L * ((i >> 3) % 5), 10), buffer, 0);
            while (ingress.offer(buffer, 0, length) < 0)
            {
                egress.poll((b, o, l, h) -> { }, 256);
                assertTrue(System.nanoTime() < deadline, "publish timed out");
            }
            egress.poll((b, o, l, h) -> { }, 256);
        }
        // keep reading the reports (a gateway that stops reading stops the engine: back pressure) until every
        // command is in and the egress stream is drained
        while (egress.poll((b, o, l, h) -> { }, 256) > 0 || node.commandsIn() < target)
        {
            assertTrue(System.nanoTime() < deadline, "engine did not take every command: in " + node.commandsIn() +
                " of " + target + ", failure " + node.failure());
        }
        node.engine().awaitIdle();
    }

    private static Thread findThread(final String name)
    {
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().equals(name))
            {
                return thread;
            }
        }
        throw new AssertionError("no thread " + name);
    }
}
