package io.pushline.perf.harness;

import java.util.concurrent.TimeUnit;

import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.chain.WaitStrategyType;
import io.pushline.perf.OrderMix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every real system answers every message of a short run: the engine and the echo, in-process, over Aeron IPC with
 * an embedded driver, and through the gateway (8 client sessions on TCP loopback). No assertion on speed.
 */
class SystemsTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static Workload workload;

    @BeforeAll
    static void generate()
    {
        workload = Workload.generate(2, 8, 100, 3_000, OrderMix.EXCHANGE_CORE, 3);
    }

    private static RunResult run(final SystemUnderTest system) throws Exception
    {
        return new OpenLoopRunner(workload, new RunSpec(5_000, 200 * MS, 400 * MS, "YIELDING", 5_000 * MS, 100 * MS),
            null).run(system);
    }

    private static void assertAnswered(final RunResult result, final boolean engine)
    {
        assertAnswered(result, engine, true);
    }

    private static void assertAnswered(final RunResult result, final boolean engine, final boolean inOrder)
    {
        assertTrue(result.complete(), result.name() + ": " + result.measuredAcks() + " of " +
            result.measuredMessages());
        if (inOrder)
        {
            assertEquals(0, result.rejects(), result.name());
        }
        assertEquals(engine, result.fills().getTotalCount() > 0, result.name() + " fills");
    }

    @Test
    void shouldAnswerEveryMessageInProcess() throws Exception
    {
        assertAnswered(run(new InProcessEngineSystem(workload, WaitStrategyType.YIELDING, ChainLayout.ONE_THREAD,
            4_096)), true);
        assertAnswered(run(new InProcessEchoSystem(WaitStrategyType.YIELDING)), false);
    }

    @Test
    void shouldAnswerEveryMessageOverAeronIpc() throws Exception
    {
        for (final AeronSystem.FarSide side : AeronSystem.FarSide.values())
        {
            assertAnswered(run(new AeronSystem(side, AeronSystem.Transport.IPC, workload, "BACKOFF", "YIELDING",
                WaitStrategyType.YIELDING, ChainLayout.INVOKER, 4_096)), side == AeronSystem.FarSide.ENGINE);
        }
    }

    /**
     * Sessions have a connection each, so messages of different sessions sent in a burst (the load catching up) may
     * reach the engine in another order than sent, and the engine may then reject a cancel whose order another
     * session's order just filled: rejects are answers too, and are not asserted here.
     */
    @Test
    void shouldAnswerEveryMessageThroughTheGateway() throws Exception
    {
        for (final GatewaySystem.FarSide side : GatewaySystem.FarSide.values())
        {
            final RunResult result = run(new GatewaySystem(side, workload, "BACKOFF", "YIELDING", "YIELDING",
                WaitStrategyType.YIELDING, ChainLayout.INVOKER, 4_096));
            System.out.printf("%s: %d answered, %d rejects%n", result.name(), result.measuredAcks(),
                result.rejects());
            assertAnswered(result, side == GatewaySystem.FarSide.ENGINE, false);
        }
    }
}
