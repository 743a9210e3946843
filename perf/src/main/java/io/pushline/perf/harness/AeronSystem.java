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
import io.pushline.engine.chain.WaitStrategyType;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

/**
 * Level 2: the engine, or an echo, behind Aeron (IPC or UDP loopback) in this process, with an embedded media driver
 * in SHARED threading mode (one driver thread). The load thread publishes commands on the ingress stream and polls
 * reports from the egress stream between sends, so the client side is one thread. The far side is one agent thread
 * polling ingress: the echo publishes each message back on egress from that thread; the engine bridge offers it to
 * the engine, whose chain thread publishes the reports on egress.
 */
public final class AeronSystem implements SystemUnderTest
{
    /** What sits behind the transport. */
    public enum FarSide
    {
        /** Every ingress message published back on egress by the agent thread. */
        ECHO,
        /** The engine: the agent thread offers to it, its chain thread publishes the reports. */
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
    private final int maxOrdersPerInstrument;
    private MediaDriver driver;
    private Aeron clientAeron;
    private Aeron farAeron;
    private Publication ingress;
    private Subscription egress;
    private FragmentAssembler egressAssembler;
    private AgentRunner farRunner;
    private FarSideAgent farAgent;

    /**
     * @param farSide                echo or engine.
     * @param transport              IPC or UDP loopback.
     * @param workload               of the run (its instruments, for the engine).
     * @param driverIdle             idle strategy of the driver's thread.
     * @param farIdle                idle strategy of the far side's agent thread.
     * @param engineWait             wait strategy of the engine's chain thread.
     * @param maxOrdersPerInstrument book capacity of the engine.
     */
    public AeronSystem(
        final FarSide farSide,
        final Transport transport,
        final Workload workload,
        final String driverIdle,
        final String farIdle,
        final WaitStrategyType engineWait,
        final int maxOrdersPerInstrument)
    {
        this.farSide = farSide;
        this.transport = transport;
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
        final String dir = new File(System.getProperty("java.io.tmpdir"),
            "pushline-perf-aeron-" + UUID.randomUUID()).getPath();
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(dir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(IdleStrategies.of(driverIdle))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        clientAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        farAeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        final String ingressChannel = channel(0);
        final String egressChannel = channel(1);
        egress = clientAeron.addSubscription(egressChannel, TransportSettings.EGRESS_STREAM_ID_DEFAULT);
        final FragmentHandler toListener = (buffer, offset, length, header) -> listener.onReply(buffer, offset, length);
        egressAssembler = new FragmentAssembler(toListener);
        final Subscription farIngress = farAeron.addSubscription(
            ingressChannel, TransportSettings.INGRESS_STREAM_ID_DEFAULT);
        final Publication farEgress = farAeron.addPublication(
            egressChannel, TransportSettings.EGRESS_STREAM_ID_DEFAULT);
        ingress = clientAeron.addPublication(ingressChannel, TransportSettings.INGRESS_STREAM_ID_DEFAULT);
        farAgent = farSide == FarSide.ECHO ?
            FarSideAgent.echo(farIngress, farEgress) :
            FarSideAgent.engine(farIngress, farEgress, workload, engineWait, maxOrdersPerInstrument);
        final IdleStrategy idle = IdleStrategies.of(farIdle);
        farRunner = new AgentRunner(idle, Throwable::printStackTrace, null, farAgent);
        AgentRunner.startOnThread(farRunner);
        awaitConnected(farEgress);
    }

    private void awaitConnected(final Publication farEgress)
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (!ingress.isConnected() || !farEgress.isConnected() || !egress.isConnected())
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
        layout.put("aeron.farSide", farAgent.describe() + "; agent thread idle " + farIdle);
        return layout;
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(farRunner);
        CloseHelper.quietClose(farAgent);
        CloseHelper.quietCloseAll(clientAeron, farAeron, driver);
    }

    /** The far side's duty cycle. */
    abstract static class FarSideAgent implements Agent, AutoCloseable
    {
        static FarSideAgent echo(final Subscription ingress, final Publication egress)
        {
            return new AeronEchoAgent(ingress, egress);
        }

        static FarSideAgent engine(
            final Subscription ingress,
            final Publication egress,
            final Workload workload,
            final WaitStrategyType engineWait,
            final int maxOrdersPerInstrument)
        {
            return new AeronEngineBridge(ingress, egress, workload, engineWait, maxOrdersPerInstrument);
        }

        abstract String describe();

        @Override
        public void close()
        {
        }

        @Override
        public void onClose()
        {
        }
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
