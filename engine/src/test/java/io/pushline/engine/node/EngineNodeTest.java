package io.pushline.engine.node;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
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
import io.pushline.engine.match.Command;
import io.pushline.protocol.Envelope;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The engine process on a real embedded media driver: gateways publish SBE commands on the ingress stream and read
 * the reports of their own gatewayId on the egress stream.
 */
class EngineNodeTest
{
    private static final long PRICE = 1_000_000;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(20);

    @TempDir
    Path tempDir;

    private MediaDriver driver;
    private Aeron gatewayAeron;
    private EngineNode node;
    private final SbeCommands sbe = new SbeCommands();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);

    @BeforeEach
    void startDriver()
    {
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(tempDir.resolve("aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .dirDeleteOnShutdown(true));
        gatewayAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(node, gatewayAeron, driver);
    }

    private EngineNode launchNode(final String egressChannel, final long clockTickIntervalNs)
    {
        return launchNode(egressChannel, clockTickIntervalNs, ChainLayout.ONE_THREAD);
    }

    private EngineNode launchNode(final String egressChannel, final long clockTickIntervalNs, final ChainLayout layout)
    {
        final TransportSettings transport = new TransportSettings(driver.aeronDirectoryName(), false, "SHARED",
            "BACKOFF", "aeron:ipc", 1001, egressChannel, 1002);
        return EngineNode.launch(new EngineNode.Context()
            .engineContext(new Engine.Context().instruments(TestInstruments.of(2)).layout(layout))
            .transport(transport)
            .clockTickIntervalNs(clockTickIntervalNs));
    }

    @ParameterizedTest
    @EnumSource(value = ChainLayout.class, names = {"ONE_THREAD", "INVOKER"})
    void shouldRouteFillsToTheGatewayOfEachSessionWhenOrdersCrossBetweenGateways(final ChainLayout layout)
    {
        node = launchNode("aeron:ipc", 0, layout);
        final Publication ingress1 = gatewayAeron.addPublication("aeron:ipc", 1001);
        final Publication ingress2 = gatewayAeron.addPublication("aeron:ipc", 1001);
        final Reports reports = new Reports(gatewayAeron.addSubscription("aeron:ipc", 1002));
        awaitTrue(() -> ingress1.isConnected() && node.egressConnected(), "connected");

        send(ingress1, withGateway(TestCommands.limit(11, 1, 1, Side.BUY, TimeInForce.DAY, PRICE, 10), 1));
        send(ingress2, withGateway(TestCommands.limit(22, 1, 1, Side.SELL, TimeInForce.DAY, PRICE, 10), 2));
        reports.awaitCount(4);

        assertEquals(List.of("1/11 NEW 1", "2/22 NEW 1", "2/22 TRADE 1", "1/11 TRADE 1"), reports.lines);
        assertEquals(2, node.commandsIn());
        assertEquals(4, node.reportsPublished());
        assertEquals(0, node.reportsNotDelivered());
    }

    @ParameterizedTest
    @EnumSource(value = ChainLayout.class, names = {"ONE_THREAD", "INVOKER"})
    void shouldStopConsumingIngressAndLoseNothingWhenEgressIsBackPressured(final ChainLayout layout)
    {
        node = launchNode("aeron:ipc?term-length=64k", 0, layout);
        final Publication ingress = gatewayAeron.addPublication("aeron:ipc?term-length=16m", 1001);
        final Reports reports = new Reports(gatewayAeron.addSubscription("aeron:ipc?term-length=64k", 1002));
        awaitTrue(() -> ingress.isConnected() && node.egressConnected(), "connected");

        // a gateway that does not read: reports pile up in the 64k egress term, the chain waits, its ring fills,
        // and the engine leaves commands in the ingress stream
        final int orders = 20_000;
        for (int i = 1; i <= orders; i++)
        {
            send(ingress, withGateway(TestCommands.limit(5, i, 1, Side.BUY, TimeInForce.DAY, PRICE - 100L * (i % 50),
                1), 1));
        }
        if (layout == ChainLayout.INVOKER)
        {
            // the duty cycle runs the chain: it waits inside the egress offer and so stops polling ingress
            awaitTrue(() -> node.egressBackPressureEvents() > 0, "egress back pressure");
        }
        else
        {
            awaitTrue(() -> node.ingressBackPressureEvents() > 0, "ingress back pressure");
            awaitTrue(() -> node.egressBackPressureEvents() > 0, "egress back pressure");
        }
        assertTrue(node.commandsIn() < orders, "commands in " + node.commandsIn());

        reports.awaitCount(orders);
        for (int i = 0; i < orders; i++)
        {
            assertEquals("1/5 NEW " + (i + 1), reports.lines.get(i));
        }
        assertEquals(orders, node.commandsIn());
        assertEquals(0, node.reportsNotDelivered());
    }

    @ParameterizedTest
    @EnumSource(value = ChainLayout.class, names = {"ONE_THREAD", "INVOKER"})
    void shouldExpireGoodTillDateOrderWhenNoCommandArrives(final ChainLayout layout)
    {
        node = launchNode("aeron:ipc", TimeUnit.MILLISECONDS.toNanos(5), layout);
        final Publication ingress = gatewayAeron.addPublication("aeron:ipc", 1001);
        final Reports reports = new Reports(gatewayAeron.addSubscription("aeron:ipc", 1002));
        awaitTrue(() -> ingress.isConnected() && node.egressConnected(), "connected");

        final Command gtd = withGateway(TestCommands.limit(7, 1, 2, Side.SELL, TimeInForce.GTD, PRICE, 3), 1);
        gtd.expireTimeNs = System.currentTimeMillis() * 1_000_000L + TimeUnit.MILLISECONDS.toNanos(200);
        send(ingress, gtd);

        reports.awaitCount(2);
        assertEquals(List.of("1/7 NEW 1", "1/7 EXPIRED 1"), reports.lines);
        assertTrue(node.clockTicks() > 0);
    }

    @Test
    void shouldCountReportsWhenNoGatewayIsSubscribed()
    {
        node = launchNode("aeron:ipc", 0);
        final Publication ingress = gatewayAeron.addPublication("aeron:ipc", 1001);
        awaitTrue(ingress::isConnected, "ingress connected");

        send(ingress, withGateway(TestCommands.limit(3, 1, 1, Side.BUY, TimeInForce.DAY, PRICE, 1), 1));

        awaitTrue(() -> node.reportsNotDelivered() == 1, "report counted as not delivered");
        assertEquals(0, node.reportsPublished());
    }

    private static Command withGateway(final Command command, final int gatewayId)
    {
        command.gatewayId = gatewayId;
        return command;
    }

    private void send(final Publication publication, final Command command)
    {
        final int length = sbe.encode(command, buffer, 0);
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (publication.offer(buffer, 0, length) < 0)
        {
            if (System.nanoTime() > deadline)
            {
                fail("could not publish within the timeout");
            }
            Thread.yield();
        }
    }

    private static void awaitTrue(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                fail("timed out waiting for: " + what);
            }
            Thread.yield();
        }
    }

    /** A gateway's view of the egress stream: "gatewayId/sessionId EXECTYPE clOrdId" per execution report. */
    private static final class Reports
    {
        final List<String> lines = new ArrayList<>();
        private final Subscription subscription;
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final ExecutionReportDecoder report = new ExecutionReportDecoder();
        private final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, h) ->
        {
            header.wrap(buffer, offset);
            if (header.templateId() == ExecutionReportDecoder.TEMPLATE_ID)
            {
                report.wrapAndApplyHeader(buffer, offset, header);
                final ExecType execType = report.execType();
                lines.add(Envelope.gatewayId(buffer, offset) + "/" + report.sessionId() + " " + execType + " " +
                    report.clOrdId());
            }
        });

        Reports(final Subscription subscription)
        {
            this.subscription = subscription;
        }

        void awaitCount(final int count)
        {
            awaitTrue(() ->
            {
                subscription.poll(assembler, 100);
                return lines.size() >= count;
            }, count + " reports, have " + lines.size());
            assertEquals(count, lines.size(), lines.toString());
        }
    }
}
