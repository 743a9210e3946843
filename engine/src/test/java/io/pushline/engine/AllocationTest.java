package io.pushline.engine;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.chain.ChainLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hot path allocates nothing per command: after a warm-up, the engine's threads (and the producer) allocate at
 * most a small fixed number of bytes over a million more commands, measured with the JVM's per-thread allocation
 * counter.
 * <p>
 * The engine's tables (order id index, price ladders, client order ids) start at a typical size and double when the
 * book passes its largest size so far: at most log2(largest book) times in a run, never per command. This stream's
 * book swings between about 3,000 and 11,000 orders, so the warm-up is long enough to have seen its high.
 */
class AllocationTest
{
    private static final int WARM_UP = Integer.getInteger("pushline.test.warmUp", 1_000_000);
    private static final int MEASURED = 1_000_000;
    /** Bytes the whole measured run may allocate: a small fixed constant (0 is measured), not per command. */
    private static final long ALLOWED_BYTES = 4 * 1024;

    @ParameterizedTest
    @EnumSource(ChainLayout.class)
    void shouldAllocateNothingPerCommandWhenWarm(final ChainLayout layout)
    {
        final long seed = Long.getLong("pushline.test.seed", 42L);
        final List<InstrumentDefinition> instruments = TestInstruments.of(10);
        final EncodedStream input = EncodedStream.generate(seed, instruments, 8, WARM_UP + MEASURED);
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final ThreadFactory factory = runnable ->
        {
            final Thread thread = new Thread(runnable, "engine-" + threads.size());
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        };
        final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (Engine engine = Engine.launch(new Engine.Context()
            .instruments(instruments)
            .layout(layout)
            .shards(2)
            .ringSize(1024)
            .maxOrdersPerInstrument(1 << 15)
            .clientOrderIdCapacity(4096)
            .threadFactory(factory)
            .outputSink((buffer, offset, length) -> { })))
        {
            final int measuredStart = input.offer(engine, input.position(0), WARM_UP);
            engine.awaitIdle();
            final int restingBefore = engine.restingOrderCount();
            final long[] before = allocated(mx, threads);
            final long producerBefore = mx.getCurrentThreadAllocatedBytes();
            input.offer(engine, measuredStart, MEASURED);
            final long producerBytes = mx.getCurrentThreadAllocatedBytes() - producerBefore;
            engine.awaitIdle();
            final long[] after = allocated(mx, threads);
            long engineBytes = 0;
            for (int i = 0; i < before.length; i++)
            {
                engineBytes += after[i] - before[i];
            }
            System.out.printf("AllocationTest %s seed=%d: engine threads %d B, producer %d B over %d commands, " +
                "resting orders %d -> %d%n",
                layout, seed, engineBytes, producerBytes, MEASURED, restingBefore, engine.restingOrderCount());
            assertTrue(engineBytes <= ALLOWED_BYTES, layout + " engine threads allocated " + engineBytes + " B");
            assertTrue(producerBytes <= ALLOWED_BYTES, layout + " producer allocated " + producerBytes + " B");
        }
    }

    private static long[] allocated(final com.sun.management.ThreadMXBean mx, final List<Thread> threads)
    {
        final long[] bytes = new long[threads.size()];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = mx.getThreadAllocatedBytes(threads.get(i).getId());
        }
        return bytes;
    }
}
