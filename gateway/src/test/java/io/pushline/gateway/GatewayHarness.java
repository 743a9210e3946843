package io.pushline.gateway;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.pushline.client.PushlineClient;
import io.pushline.config.TransportSettings;
import io.pushline.engine.Engine;
import io.pushline.engine.TestInstruments;
import io.pushline.engine.chain.WaitStrategyType;
import io.pushline.engine.node.EngineNode;
import io.pushline.protocol.LogonSignature;
import io.pushline.sbe.BooleanType;
import io.pushline.sbe.LogonAcceptedDecoder;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.status.CountersReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real components on loopback for the gateway tests: an embedded media driver (SHARED threading, backoff idle) in
 * a temporary directory, the engine process ({@link EngineNode}) on IPC, gateways on TCP port 0, and clients.
 */
final class GatewayHarness implements AutoCloseable
{
    static final long PRICE = 1_000_000;
    static final int INSTRUMENT = 1;

    /** Demo sessions: 1, 2 (cancel-on-disconnect off), 5 on gateway 1; 3, 4 on gateway 2. */
    static final List<SessionConfig> SESSIONS = List.of(
        session(1, 1, true),
        session(2, 1, false),
        session(5, 1, true),
        session(3, 2, true),
        session(4, 2, true));

    final MediaDriver driver;
    final Aeron aeron;
    EngineNode engine;
    final List<Gateway> gateways = new ArrayList<>();
    final List<TestClient> clients = new ArrayList<>();

    GatewayHarness(final Path directory)
    {
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(directory.resolve("aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
    }

    static SessionConfig session(final int sessionId, final int gatewayId, final boolean cancelOnDisconnect)
    {
        return new SessionConfig(sessionId, gatewayId, secret(sessionId), cancelOnDisconnect, 0, 0);
    }

    static byte[] secret(final int sessionId)
    {
        return LogonSignature.parseHex(String.format("%064x", sessionId * 7919L));
    }

    TransportSettings transport(final int ingressStream, final int egressStream)
    {
        return new TransportSettings(driver.aeronDirectoryName(), false, "SHARED", "BACKOFF", "aeron:ipc",
            ingressStream, "aeron:ipc", egressStream);
    }

    GatewayHarness startEngine()
    {
        engine = EngineNode.launch(new EngineNode.Context()
            .engineContext(new Engine.Context().instruments(TestInstruments.of(2))
                .waitStrategy(WaitStrategyType.SLEEPING))
            .transport(transport(1001, 1002)));
        return this;
    }

    Gateway startGateway(final int gatewayId)
    {
        return startGateway(gatewayId, UnaryOperator.identity());
    }

    Gateway startGateway(final int gatewayId, final UnaryOperator<Gateway.Context> settings)
    {
        final Gateway gateway = Gateway.launch(settings.apply(new Gateway.Context()
            .gatewayId(gatewayId)
            .port(0)
            .sessions(SESSIONS)
            .transport(transport(1001, 1002))
            .idleStrategy(new BackoffIdleStrategy())));
        gateways.add(gateway);
        return gateway;
    }

    TestClient connect(final Gateway gateway, final int sessionId)
    {
        return connect(gateway, sessionId, 0);
    }

    TestClient connect(final Gateway gateway, final int sessionId, final int receiveBufferBytes)
    {
        final TestClient client = new TestClient(
            PushlineClient.connect("127.0.0.1", gateway.port(), receiveBufferBytes), sessionId);
        clients.add(client);
        return client;
    }

    /**
     * Connect and log on with a long heartbeat interval (a test thread that stops polling for a while on a loaded
     * machine must not end its session HEARTBEAT_TIMEOUT); waits for LogonAccepted.
     */
    TestClient logon(final Gateway gateway, final int sessionId)
    {
        return logon(gateway, sessionId, TestClient.HEARTBEAT_MS);
    }

    /**
     * Connect and log on with the given heartbeat interval; waits for LogonAccepted.
     */
    TestClient logon(final Gateway gateway, final int sessionId, final int heartbeatMs)
    {
        final TestClient client = connect(gateway, sessionId);
        client.client.logon(sessionId, secret(sessionId), heartbeatMs);
        final LogonAcceptedDecoder accepted = client.awaitTemplate(LogonAcceptedDecoder.TEMPLATE_ID).logonAccepted();
        assertEquals(sessionId, accepted.sessionId());
        assertEquals(1, accepted.sequence());
        return client;
    }

    /**
     * Wait until the gateway sees the engine (publication connected, egress image present).
     */
    void awaitEngineVisible(final Gateway gateway, final int sessionId)
    {
        final long deadline = System.nanoTime() + TestClient.TIMEOUT_NS;
        while (true)
        {
            try (TestClient probe = connect(gateway, sessionId))
            {
                probe.client.logon(sessionId, secret(sessionId), TestClient.HEARTBEAT_MS);
                final boolean available = probe.awaitTemplate(LogonAcceptedDecoder.TEMPLATE_ID).logonAccepted()
                    .engineAvailable() == BooleanType.TRUE;
                probe.client.logout();
                probe.awaitDisconnect();
                if (available)
                {
                    return;
                }
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("gateway never saw the engine");
            }
            Thread.yield();
        }
    }

    /**
     * The value of the counter with this type id whose label ends with the text.
     */
    long counter(final int typeId, final String labelSuffix)
    {
        final CountersReader counters = aeron.countersReader();
        final long[] value = {-1};
        counters.forEach((counterId, type, keyBuffer, label) ->
        {
            if (type == typeId && label.endsWith(labelSuffix))
            {
                value[0] = counters.getCounterValue(counterId);
            }
        });
        return value[0];
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(clients);
        CloseHelper.closeAll(gateways);
        CloseHelper.closeAll(engine, aeron, driver);
    }
}
