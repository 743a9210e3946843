package io.pushline.gateway;

import io.pushline.client.PushlineClient;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Steady state of the gateway allocates nothing per message: its agent thread (socket reads, SOFH and SBE decoding,
 * session checks, the pending-request table, Aeron publish and poll, routing, socket writes) measured over 20,000
 * crossing order pairs after the same number as warm-up, two sessions on one gateway in front of a real engine.
 */
class GatewayAllocationTest
{
    private static final int PAIRS = 20_000;
    private static final int BATCH = 100;
    /** Any object per message would be 16 B x 80,000 messages = 1.25 MB; a few hundred bytes once is not. */
    private static final long ONE_OFF_BYTES = 4096;

    @TempDir
    Path tempDir;

    @Test
    void shouldAllocateNothingOnTheAgentThreadWhenOrdersFlow()
    {
        try (GatewayHarness harness = new GatewayHarness(tempDir).startEngine())
        {
            final Gateway gateway = harness.startGateway(1, ctx -> ctx.throttleMessages(1_000_000));
            harness.awaitEngineVisible(gateway, 1);
            final Counting buyer = new Counting(harness.logon(gateway, 1).client);
            final Counting seller = new Counting(harness.logon(gateway, 2).client);
            final Thread agent = findThread("pushline-gateway-1");
            final com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

            trade(buyer, seller, 0);
            final long before = mx.getThreadAllocatedBytes(agent.getId());
            trade(buyer, seller, 1);
            final long allocated = mx.getThreadAllocatedBytes(agent.getId()) - before;

            System.out.println("GatewayAllocationTest: gateway agent allocated " + allocated + " B over " +
                4 * PAIRS + " messages in and out");
            assertTrue(allocated < ONE_OFF_BYTES, "gateway agent allocated " + allocated + " B");
        }
    }

    /** A buy and a crossing sell per pair: each side gets its ack and its fill. */
    private static void trade(final Counting buyer, final Counting seller, final int round)
    {
        for (int i = 0; i < PAIRS; i += BATCH)
        {
            for (int k = 0; k < BATCH; k++)
            {
                final long clOrdId = (long)round * PAIRS + i + k + 1;
                buyer.client.newOrder(clOrdId, GatewayHarness.INSTRUMENT, Side.BUY, OrdType.LIMIT, TimeInForce.DAY,
                    GatewayHarness.PRICE, 10);
                seller.client.newOrder(clOrdId, GatewayHarness.INSTRUMENT, Side.SELL, OrdType.LIMIT, TimeInForce.DAY,
                    GatewayHarness.PRICE, 10);
            }
            final long expected = 2L * ((long)round * PAIRS + i + BATCH);
            final long deadline = System.nanoTime() + TestClient.TIMEOUT_NS;
            while (buyer.reports < expected || seller.reports < expected)
            {
                if (buyer.client.poll(buyer) + seller.client.poll(seller) == 0)
                {
                    Thread.yield();
                }
                if (System.nanoTime() - deadline > 0)
                {
                    fail("reports: buyer " + buyer.reports + ", seller " + seller.reports + " of " + expected);
                }
            }
        }
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

    private static final class Counting implements PushlineClient.Listener
    {
        final PushlineClient client;
        long reports;

        Counting(final PushlineClient client)
        {
            this.client = client;
        }

        @Override
        public void onMessage(final int templateId, final DirectBuffer buffer, final int offset, final int length)
        {
            if (templateId == ExecutionReportDecoder.TEMPLATE_ID)
            {
                reports++;
            }
        }
    }
}
