package io.pushline.gateway;

import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.NewOrderDecoder;
import io.pushline.sbe.TerminateDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.MutableLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.pushline.gateway.GatewayHarness.INSTRUMENT;
import static io.pushline.gateway.GatewayHarness.PRICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Back pressure from the engine's ingress: sessions stay up however long it lasts, and nothing is lost.
 */
class GatewayBackPressureTest
{
    @TempDir
    Path tempDir;

    private GatewayHarness harness;

    @AfterEach
    void stop()
    {
        harness.close();
    }

    /**
     * The real engine ingress behind a switch: while it is off, every send reports back pressure.
     */
    static final class SwitchableIngress implements EngineIngress
    {
        volatile boolean backPressured;
        volatile int refused;
        private EngineIngress delegate;

        EngineIngress wrap(final EngineIngress delegate)
        {
            this.delegate = delegate;
            return this;
        }

        @Override
        public int send(final DirectBuffer buffer, final int offset, final int length)
        {
            if (backPressured)
            {
                refused++;
                return BACK_PRESSURED;
            }
            return delegate.send(buffer, offset, length);
        }

        @Override
        public boolean isEngineAvailable()
        {
            return delegate.isEngineAvailable();
        }
    }

    @Test
    void shouldKeepSessionsUpAndLoseNothingWhenBackPressureOutlastsTheHeartbeatTimeout()
    {
        final SwitchableIngress ingress = new SwitchableIngress();
        harness = new GatewayHarness(tempDir).startEngine();
        final Gateway gateway = harness.startGateway(1, ctx -> ctx.engineIngressDecorator(ingress::wrap));
        harness.awaitEngineVisible(gateway, 5);
        final TestClient client = harness.logon(gateway, 1, 200);
        final TestClient bystander = harness.logon(gateway, 2, 200);

        ingress.backPressured = true;
        client.buy(1, INSTRUMENT, PRICE - 100, 1);
        client.buy(2, INSTRUMENT, PRICE - 100, 1);
        // three heartbeat timeouts (2 x 200 ms each) while both clients send their heartbeats nobody reads
        final long waitNs = TimeUnit.MILLISECONDS.toNanos(1200);
        client.pollFor(waitNs / 2);
        bystander.pollFor(waitNs / 2);
        client.pollFor(waitNs / 2);
        assertTrue(ingress.refused > 0, "the order met back pressure");
        ingress.backPressured = false;

        client.awaitReport(ExecType.NEW, 1);
        client.awaitReport(ExecType.NEW, 2);
        bystander.buy(21, INSTRUMENT, PRICE - 100, 1);
        bystander.awaitReport(ExecType.NEW, 21);
        assertEquals(0, client.count(m -> m.templateId() == TerminateDecoder.TEMPLATE_ID), client.describe());
        assertEquals(0, bystander.count(m -> m.templateId() == TerminateDecoder.TEMPLATE_ID), bystander.describe());
        assertFalse(client.disconnected || bystander.disconnected);
        assertEquals(0, harness.counter(GatewayCounters.TERMINATED_TYPE_ID, "gateway 1 sessions terminated"));
    }

    @Test
    void shouldCountOneBackPressureEpisodeAndDeliverEveryOrderWhenTheIngressFills()
    {
        harness = new GatewayHarness(tempDir);
        final String channel = "aeron:ipc?term-length=64k";
        // a stalled "engine": it subscribes to ingress (small term) and has an egress stream, but does not poll yet
        try (Subscription stalled = harness.aeron.addSubscription(channel, 2001);
            ExclusivePublication egress = harness.aeron.addExclusivePublication("aeron:ipc", 2002))
        {
            assertTrue(egress.streamId() == 2002);
            final Gateway gateway = harness.startGateway(1, ctx -> ctx.throttleMessages(100_000)
                .transport(new io.pushline.config.TransportSettings(harness.driver.aeronDirectoryName(), false,
                    "SHARED", "BACKOFF", channel, 2001, "aeron:ipc", 2002)));
            harness.awaitEngineVisible(gateway, 5);
            final TestClient client = harness.logon(gateway, 1);
            final int orders = 1000;
            for (int i = 1; i <= orders; i++)
            {
                client.buy(i, INSTRUMENT, PRICE - 100, 1);
            }
            final long deadline = System.nanoTime() + TestClient.TIMEOUT_NS;
            while (harness.counter(GatewayCounters.INGRESS_BACK_PRESSURE_TYPE_ID, "back pressure") < 1)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    fail("no back pressure");
                }
                client.poll();
            }
            client.pollFor(TimeUnit.MILLISECONDS.toNanos(300));
            assertEquals(1, harness.counter(GatewayCounters.INGRESS_BACK_PRESSURE_TYPE_ID, "back pressure"),
                "one episode, however many retries");

            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            final NewOrderDecoder order = new NewOrderDecoder();
            final MutableLong next = new MutableLong(1);
            while (next.get() <= orders)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    fail("engine received orders up to " + (next.get() - 1) + " of " + orders);
                }
                stalled.poll((buffer, offset, length, h) ->
                {
                    order.wrapAndApplyHeader(buffer, offset, header);
                    assertEquals(next.get(), order.clOrdId(), "every order, in order");
                    assertEquals(next.get() + 1, order.sequence());
                    next.increment();
                }, 64);
                client.poll();
            }
            assertFalse(client.disconnected);
        }
    }
}
