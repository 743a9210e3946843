package io.pushline.perf.harness;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.pushline.config.TransportSettings;
import io.pushline.engine.Engine;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.chain.WaitStrategyType;
import io.pushline.engine.node.EngineNode;
import io.pushline.perf.OrderFlowGenerator;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;

/**
 * Level 2: the engine, or an echo, behind Aeron (IPC or UDP loopback) in this process, with an embedded media driver
 * in SHARED threading mode (one driver thread). The load thread publishes commands on the ingress stream and polls
 * reports from the egress stream between sends, so the client side is one thread. The far side is one agent thread
 * polling ingress: the echo publishes each message back on egress from that thread; the engine side is the engine
 * process's own {@link EngineNode} (its IngressAdapter thread offers to the engine, whose chain thread publishes the
 * reports on egress), sharing this process's driver.
 */
public final class AeronSystem implements SystemUnderTest
{
    /** What sits behind the transport. */
    public enum FarSide
    {
        /** Every ingress message published back on egress by the agent thread. */
        ECHO,
        /** The engine process's {@link EngineNode}: ingress thread and chain thread. */
        ENGINE
    }

    /** The transport. */
    public enum Transport
    {
        /** Shared memory between publication and subscription; the driver is not on the data path. */
        IPC,
        /** UDP on loopback; the driver's thread sends and receives every message. */
        UDP
    }

    private static final int FRAGMENT_LIMIT = 16;
    private static final int UDP_PORT_BASE = 40_123;

    private final FarSide farSide;
    private final Transport transport;
    private final Workload workload;
    private final String driverIdle;
    private final String farIdle;
    private final WaitStrategyType engineWait;
    private final ChainLayout engineLayout;
    private final int maxOrdersPerInstrument;
    private MediaDriver driver;
    private Aeron clientAeron;
    private Aeron farAeron;
    private Publication ingress;
    private Subscription egress;
    private FragmentAssembler egressAssembler;
    private AgentRunner farRunner;
    private EngineNode engineNode;

    /**
     * @param farSide                echo or engine.
     * @param transport              IPC or UDP loopback.
     * @param workload               of the run (its instruments, for the engine).
     * @param driverIdle             idle strategy of the driver's thread.
     * @param farIdle                idle strategy of the far side's agent thread.
     * @param engineWait             wait strategy of the engine's chain thread (ONE_THREAD layout).
     * @param engineLayout           the engine's chain layout: INVOKER (the engine process's default: the chain runs
     *                               on the IngressAdapter thread) or ONE_THREAD (its own thread).
     * @param maxOrdersPerInstrument book capacity of the engine.
     */
    public AeronSystem(
        final FarSide farSide,
        final Transport transport,
        final Workload workload,
        final String driverIdle,
        final String farIdle,
        final WaitStrategyType engineWait,
        final ChainLayout engineLayout,
        final int maxOrdersPerInstrument)
    {
        this.farSide = farSide;
        this.transport = transport;
        this.engineLayout = engineLayout;
        this.workload = workload;
        this.driverIdle = driverIdle;
        this.farIdle = farIdle;
        this.engineWait = engineWait;
        this.maxOrdersPerInstrument = maxOrdersPerInstrument;
    }

    @Override
    public String name()
    {
        return (farSide == FarSide.ECHO ? "echo-" : "engine-") + transport.name().toLowerCase(Locale.ROOT);
    }

    private String channel(final int portOffset)
    {
        return transport == Transport.IPC ? "aeron:ipc" :
            "aeron:udp?endpoint=localhost:" + (UDP_PORT_BASE + portOffset);
    }

    @Override
    public void start(final ReplyListener listener)
    {
        driver = launchDriver(driverIdle);
        final String dir = driver.aeronDirectoryName();
        clientAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        farAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        final String ingressChannel = channel(0);
        final String egressChannel = channel(1);
        egress = clientAeron.addSubscription(egressChannel, TransportSettings.EGRESS_STREAM_ID_DEFAULT);
        final FragmentHandler toListener = (buffer, offset, length, header) -> listener.onReply(buffer, offset, length);
        egressAssembler = new FragmentAssembler(toListener);
        ingress = clientAeron.addPublication(ingressChannel, TransportSettings.INGRESS_STREAM_ID_DEFAULT);
        if (farSide == FarSide.ECHO)
        {
            final Subscription farIngress = farAeron.addSubscription(
                ingressChannel, TransportSettings.INGRESS_STREAM_ID_DEFAULT);
            final Publication farEgress = farAeron.addPublication(
                egressChannel, TransportSettings.EGRESS_STREAM_ID_DEFAULT);
            farRunner = new AgentRunner(IdleStrategies.of(farIdle), Throwable::printStackTrace, null,
                new AeronEchoAgent(farIngress, farEgress));
            AgentRunner.startOnThread(farRunner);
        }
        else
        {
            engineNode = launchEngineNode(farAeron, new TransportSettings(dir, false, "SHARED", farIdle,
                ingressChannel, TransportSettings.INGRESS_STREAM_ID_DEFAULT, egressChannel,
                TransportSettings.EGRESS_STREAM_ID_DEFAULT), workload, engineWait, engineLayout,
                maxOrdersPerInstrument);
        }
        awaitConnected();
    }

    /**
     * An embedded media driver in SHARED threading mode (one thread) in a fresh temporary directory.
     *
     * @param idle idle strategy of its thread.
     * @return the driver.
     */
    static MediaDriver launchDriver(final String idle)
    {
        final String dir = new File(System.getProperty("java.io.tmpdir"),
            "pushline-perf-aeron-" + UUID.randomUUID()).getPath();
        return MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(dir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(IdleStrategies.of(idle))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    /**
     * The engine process's node (ONE_THREAD chain, no journal) on a given Aeron client and streams.
     *
     * @param aeron                  client the node uses (not closed by it).
     * @param transport              its streams; its idle strategy is the IngressAdapter thread's.
     * @param workload               of the run (its instruments).
     * @param engineWait             wait strategy of the chain thread (ONE_THREAD).
     * @param engineLayout           chain layout.
     * @param maxOrdersPerInstrument book capacity.
     * @return the running node.
     */
    static EngineNode launchEngineNode(
        final Aeron aeron,
        final TransportSettings transport,
        final Workload workload,
        final WaitStrategyType engineWait,
        final ChainLayout engineLayout,
        final int maxOrdersPerInstrument)
    {
        return EngineNode.launch(new EngineNode.Context()
            .aeron(aeron)
            .transport(transport)
            .engineContext(new Engine.Context()
                .instruments(workload.instruments())
                .layout(engineLayout)
                .waitStrategy(engineWait)
                .maxOrdersPerInstrument(maxOrdersPerInstrument)
                .selfTradePrevention(OrderFlowGenerator.SELF_TRADE_PREVENTION)));
    }

    private void awaitConnected()
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!ingress.isConnected() || !egress.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("Aeron streams did not connect within 10 s on " + channel(0));
            }
            Thread.yield();
        }
    }

    @Override
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        final long result = ingress.offer(buffer, offset, length);
        if (result > 0)
        {
            return true;
        }
        if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
        {
            throw new IllegalStateException("ingress publication unusable: " + Publication.errorString(result));
        }
        return false; // back pressured, admin action or not connected: the load offers again
    }

    @Override
    public int poll()
    {
        return egress.poll(egressAssembler, FRAGMENT_LIMIT);
    }

    @Override
    public Map<String, String> layout()
    {
        final Map<String, String> layout = new LinkedHashMap<>();
        layout.put("aeron.transport", transport + " " + channel(0) + " (ingress stream " +
            TransportSettings.INGRESS_STREAM_ID_DEFAULT + "), " + channel(1) + " (egress stream " +
            TransportSettings.EGRESS_STREAM_ID_DEFAULT + ")");
        layout.put("aeron.driver", "embedded, SHARED threading mode (1 thread), idle " + driverIdle);
        layout.put("aeron.client", "the load thread offers to ingress and polls egress between sends");
        layout.put("aeron.farSide", farSide == FarSide.ECHO ?
            "echo: one agent thread polls ingress and publishes each message back on egress; idle " + farIdle :
            engineNodeLayout(farIdle, engineLayout, engineWait));
        return layout;
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(farRunner);
        CloseHelper.quietClose(engineNode);
        CloseHelper.quietCloseAll(clientAeron, farAeron, driver);
    }

    /**
     * @param farIdle      idle strategy of the IngressAdapter thread.
     * @param engineLayout chain layout.
     * @param engineWait   chain thread's wait strategy.
     * @return how the engine node's threads are laid out, for the recorded configuration.
     */
    static String engineNodeLayout(
        final String farIdle, final ChainLayout engineLayout, final WaitStrategyType engineWait)
    {
        return engineLayout == ChainLayout.INVOKER ?
            "EngineNode, INVOKER layout: one thread (idle " + farIdle + ") polls ingress, runs the chain on " +
                "what it polled and publishes the reports on egress (no journal)" :
            "EngineNode: IngressAdapter agent thread (idle " + farIdle + ") offers to the engine (" + engineLayout +
                ", chain wait " + engineWait + ", no journal); its chain thread publishes the reports on egress";
    }

    /** Offers until the publication takes the message, as a far side must never drop one. */
    static void offerFully(final Publication publication, final DirectBuffer buffer, final int offset, final int length)
    {
        long result;
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while ((result = publication.offer(buffer, offset, length)) <= 0)
        {
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("egress publication unusable: " + Publication.errorString(result));
            }
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("egress back pressured for 10 s: " + Publication.errorString(result));
            }
            Thread.onSpinWait();
        }
    }
}
