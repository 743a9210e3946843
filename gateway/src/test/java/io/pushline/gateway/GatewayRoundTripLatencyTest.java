package io.pushline.gateway;

import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A quick round-trip figure, client -> gateway -> engine -> gateway -> client on loopback TCP and Aeron IPC (one
 * JVM, embedded SHARED driver, every duty cycle on a backoff or sleeping idle strategy): one order at a time at a
 * modest rate, time from send to its ack. Not a benchmark (the latency harness is); run with
 * {@code -Pslow -Dtest=GatewayRoundTripLatencyTest}.
 */
@Tag("slow")
class GatewayRoundTripLatencyTest
{
    private static final int WARMUP = 5_000;
    private static final int MEASURED = 20_000;
    private static final long INTERVAL_NS = TimeUnit.MICROSECONDS.toNanos(500);

    @TempDir
    Path tempDir;

    @Test
    void shouldPrintRoundTripPercentilesWhenOrdersGoOneAtATime()
    {
        try (GatewayHarness harness = new GatewayHarness(tempDir).startEngine())
        {
            final Gateway gateway = harness.startGateway(1, ctx -> ctx.throttleMessages(1 << 20));
            harness.awaitEngineVisible(gateway, 5);
            final TestClient client = harness.logon(gateway, 1);
            final long[] latencies = new long[MEASURED];
            final ExecutionReportDecoder report = new ExecutionReportDecoder();
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            final long[] acked = {0};
            for (int i = 0; i < WARMUP + MEASURED; i++)
            {
                final long start = System.nanoTime();
                client.client.newOrder(i + 1, 1, i % 2 == 0 ? Side.BUY : Side.SELL, OrdType.LIMIT,
                    TimeInForce.IOC, GatewayHarness.PRICE, 1);
                final long target = i + 1;
                while (acked[0] != target)
                {
                    client.client.poll((templateId, buffer, offset, length) ->
                    {
                        if (templateId == ExecutionReportDecoder.TEMPLATE_ID)
                        {
                            report.wrapAndApplyHeader(buffer, offset, header);
                            if (report.execType() == ExecType.NEW || report.execType() == ExecType.REJECTED)
                            {
                                acked[0] = report.clOrdId();
                            }
                        }
                    });
                }
                final long end = System.nanoTime();
                if (i >= WARMUP)
                {
                    latencies[i - WARMUP] = end - start;
                }
                while (System.nanoTime() - start < INTERVAL_NS)
                {
                    LockSupport.parkNanos(50_000);
                }
            }
            Arrays.sort(latencies);
            assertEquals(MEASURED, latencies.length);
            System.out.printf("gateway round trip (order -> ack), %d orders at %d/s: p50 %.1f us, p90 %.1f us, " +
                "p99 %.1f us, p99.9 %.1f us, max %.1f us%n", MEASURED, TimeUnit.SECONDS.toNanos(1) / INTERVAL_NS,
                latencies[MEASURED / 2] / 1e3, latencies[MEASURED * 9 / 10] / 1e3, latencies[MEASURED * 99 / 100] / 1e3,
                latencies[MEASURED * 999 / 1000] / 1e3, latencies[MEASURED - 1] / 1e3);
        }
    }
}
