package io.pushline.perf.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.pushline.config.TransportSettings;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.chain.WaitStrategyType;
import io.pushline.engine.node.EngineNode;
import io.pushline.gateway.Gateway;
import io.pushline.gateway.SessionConfig;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;

/**
 * Level 3, the full path: the load sends each message through its session's {@link io.pushline.client.PushlineClient}
 * over TCP loopback (SOFH + SBE) to a {@link Gateway}, which forwards it over Aeron IPC to the engine process's
 * {@link EngineNode}; the report comes back over Aeron to the gateway, which routes it to the session's connection.
 * One client per session of the workload, all on the load thread (it sends and reads the readable sockets between
 * sends). The baseline puts {@link GatewayEchoAgent} where the engine stands: the same clients, gateway and streams,
 * answered at once with no matching. Everything in this process with one embedded media driver (SHARED).
 */
public final class GatewaySystem implements SystemUnderTest
{
    /** What stands behind the gateway. */
    public enum FarSide
    {
        /** {@link GatewayEchoAgent}: answers every command at once. */
        ECHO,
        /** The engine process's {@link EngineNode}: ingress thread and chain thread. */
        ENGINE
    }

    /** The gateway's id; every perf session belongs to it. */
    static final int GATEWAY_ID = 1;

    /** Per session: 4,096 messages per microsecond, i.e. never throttled (the throttle keeps a ring this long). */
    private static final int THROTTLE_MESSAGES = 4_096;
    private static final long THROTTLE_WINDOW_NS = TimeUnit.MICROSECONDS.toNanos(1);
    private static final long ENGINE_TIMEOUT_NS = TimeUnit.MINUTES.toNanos(10);
    private static final int OUTBOUND_BACKLOG_BYTES = 1024 * 1024; // per session, allocated at accept
    private static final int SECRET_LENGTH = 32;
    private static final String HOST = "127.0.0.1";

    private final FarSide farSide;
    private final Workload workload;
    private final String driverIdle;
    private final String farIdle;
    private final String gatewayIdle;
    private final WaitStrategyType engineWait;
    private final ChainLayout engineLayout;
    private final int maxOrdersPerInstrument;
    private MediaDriver driver;
    private Aeron farAeron;
    private Aeron gatewayAeron;
    private AgentRunner echoRunner;
    private EngineNode engineNode;
    private Gateway gateway;
    private GatewayClients clients;

    /**
     * @param farSide                echo or engine.
     * @param workload               of the run (its instruments and sessions).
     * @param driverIdle             idle strategy of the driver's thread.
     * @param farIdle                idle strategy of the echo's thread or the engine's IngressAdapter thread.
     * @param gatewayIdle            idle strategy of the gateway's thread.
     * @param engineWait             wait strategy of the engine's chain thread (ONE_THREAD layout).
     * @param engineLayout           the engine's chain layout (INVOKER: no chain thread).
     * @param maxOrdersPerInstrument book capacity of the engine.
     */
    public GatewaySystem(
        final FarSide farSide,
        final Workload workload,
        final String driverIdle,
        final String farIdle,
        final String gatewayIdle,
        final WaitStrategyType engineWait,
        final ChainLayout engineLayout,
        final int maxOrdersPerInstrument)
    {
        this.farSide = farSide;
        this.engineLayout = engineLayout;
        this.workload = workload;
        this.driverIdle = driverIdle;
        this.farIdle = farIdle;
        this.gatewayIdle = gatewayIdle;
        this.engineWait = engineWait;
        this.maxOrdersPerInstrument = maxOrdersPerInstrument;
        IdleStrategies.of(gatewayIdle);
    }

    @Override
    public String name()
    {
        return farSide == FarSide.ECHO ? "echo-gateway" : "engine-gateway";
    }

    @Override
    public void start(final ReplyListener listener)
    {
        driver = AeronSystem.launchDriver(driverIdle);
        farAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        gatewayAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        final TransportSettings transport = new TransportSettings(driver.aeronDirectoryName(), false, "SHARED",
            farIdle, "aeron:ipc", TransportSettings.INGRESS_STREAM_ID_DEFAULT, "aeron:ipc",
            TransportSettings.EGRESS_STREAM_ID_DEFAULT);
        if (farSide == FarSide.ECHO)
        {
            echoRunner = new AgentRunner(IdleStrategies.of(farIdle), Throwable::printStackTrace, null,
                new GatewayEchoAgent(
                    farAeron.addSubscription(transport.ingressChannel(), transport.ingressStreamId()),
                    farAeron.addExclusivePublication(transport.egressChannel(), transport.egressStreamId())));
            AgentRunner.startOnThread(echoRunner);
        }
        else
        {
            engineNode = AeronSystem.launchEngineNode(farAeron, transport, workload, engineWait, engineLayout,
                maxOrdersPerInstrument);
        }
        final int sessions = workload.maxSessionId();
        gateway = Gateway.launch(new Gateway.Context()
            .gatewayId(GATEWAY_ID)
            .bindHost(HOST)
            .port(0)
            .sessions(sessionConfigs(sessions))
            .heartbeatIntervalMaxNs(TimeUnit.MILLISECONDS.toNanos(GatewayClients.HEARTBEAT_INTERVAL_MS))
            .engineTimeoutNs(ENGINE_TIMEOUT_NS)
            .outboundBacklogBytes(OUTBOUND_BACKLOG_BYTES)
            .maxConnections(sessions + 16)
            .idleStrategy(IdleStrategies.of(gatewayIdle))
            .transport(transport)
            .aeron(gatewayAeron));
        clients = GatewayClients.logon(HOST, gateway.port(), sessions, GatewaySystem::secret);
        clients.listener(listener);
    }

    private static List<SessionConfig> sessionConfigs(final int sessions)
    {
        final List<SessionConfig> configs = new ArrayList<>(sessions);
        for (int sessionId = 1; sessionId <= sessions; sessionId++)
        {
            configs.add(new SessionConfig(sessionId, GATEWAY_ID, secret(sessionId), false, THROTTLE_MESSAGES,
                THROTTLE_WINDOW_NS));
        }
        return configs;
    }

    /** A throwaway secret per session: the gateway checks the logon signature as it always does. */
    static byte[] secret(final int sessionId)
    {
        final byte[] secret = new byte[SECRET_LENGTH];
        for (int i = 0; i < SECRET_LENGTH; i++)
        {
            secret[i] = (byte)(sessionId * 31 + i);
        }
        return secret;
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        clients.send(buffer, offset);
        return true; // the client writes the whole frame before it returns (TCP back pressure waits there)
    }

    @Override
    public int poll()
    {
        return clients.poll();
    }

    @Override
    public Map<String, String> layout()
    {
        final Map<String, String> layout = new LinkedHashMap<>();
        layout.put("gateway.clients", workload.maxSessionId() + " PushlineClient sessions over TCP loopback " +
            "(SOFH + SBE, TCP_NODELAY), all on the load thread: it sends each message through its session's " +
            "client and reads the sockets a Selector reports readable between sends");
        layout.put("gateway.gateway", "one Gateway agent thread, idle " + gatewayIdle + "; sessions never " +
            "throttled, heartbeats every hour, engine timeout 10 min");
        layout.put("aeron.transport", "IPC aeron:ipc, ingress stream " + TransportSettings.INGRESS_STREAM_ID_DEFAULT +
            ", egress stream " + TransportSettings.EGRESS_STREAM_ID_DEFAULT);
        layout.put("aeron.driver", "embedded, SHARED threading mode (1 thread), idle " + driverIdle);
        layout.put("aeron.farSide", farSide == FarSide.ECHO ?
            "echo: one agent thread polls ingress and answers each command with its first report (NEW, " +
                "CANCELED, REPLACED) on egress; idle " + farIdle :
            AeronSystem.engineNodeLayout(farIdle, engineLayout, engineWait));
        return layout;
    }

    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(clients, gateway, echoRunner, engineNode, gatewayAeron, farAeron, driver);
    }
}
