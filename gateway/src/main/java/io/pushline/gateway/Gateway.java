package io.pushline.gateway;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.pushline.config.IdleStrategies;
import io.pushline.config.ConfigException;
import io.pushline.config.TransportSettings;
import io.pushline.protocol.Sofh;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.NewOrderDecoder;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The trading gateway: accepts client sessions on TCP, checks and forwards their commands to the engine over Aeron,
 * and routes the engine's reports back to them. One agent on one thread ({@link GatewayAgent}).
 * <pre>{@code
 * try (Gateway gateway = Gateway.launch(new Gateway.Context().gatewayId(1).port(0).sessions(sessions)
 *     .transport(transport)))
 * {
 *     int port = gateway.port();
 * }
 * }</pre>
 */
public final class Gateway implements AutoCloseable
{
    private final Context ctx;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final boolean ownsAeron;
    private final ExclusivePublication ingress;
    private final Subscription egress;
    private final GatewayCounters counters;
    private final List<AtomicCounter> sessionCounters;
    private final ServerSocketChannel server;
    private final AgentRunner runner;

    private Gateway(final Context ctx)
    {
        this.ctx = ctx;
        final TransportSettings transport = ctx.transport();
        MediaDriver launchedDriver = null;
        Aeron connected = null;
        ExclusivePublication publication = null;
        Subscription subscription = null;
        GatewayCounters gatewayCounters = null;
        final List<AtomicCounter> perSession = new ArrayList<>();
        ServerSocketChannel serverChannel = null;
        try
        {
            if (null == ctx.aeron() && transport.embeddedDriver())
            {
                launchedDriver = MediaDriver.launch(new MediaDriver.Context()
                    .aeronDirectoryName(transport.aeronDirectory())
                    .threadingMode(ThreadingMode.valueOf(transport.threadingMode()))
                    .sharedIdleStrategy(IdleStrategies.of(transport.idleStrategy()))
                    .dirDeleteOnStart(true)
                    .dirDeleteOnShutdown(true));
            }
            ownsAeron = null == ctx.aeron();
            connected = ownsAeron ?
                Aeron.connect(new Aeron.Context().aeronDirectoryName(transport.aeronDirectory())) : ctx.aeron();
            publication = connected.addExclusivePublication(transport.ingressChannel(), transport.ingressStreamId());
            subscription = connected.addSubscription(transport.egressChannel(), transport.egressStreamId());
            gatewayCounters = new GatewayCounters(ctx.gatewayId(), connected::addCounter);
            final Int2ObjectHashMap<SessionState> sessions = sessions(ctx, gatewayCounters, perSession);

            serverChannel = ServerSocketChannel.open();
            serverChannel.bind(new InetSocketAddress(ctx.bindHost(), ctx.port()));
            serverChannel.configureBlocking(false);

            final PendingRequests pending = new PendingRequests(ctx.maxPendingRequests());
            final ClientProxy proxy = new ClientProxy(ctx.gatewayId(), gatewayCounters);
            final EngineIngress engine = ctx.engineIngressDecorator().apply(new EngineProxy(
                publication, subscription, new BackoffIdleStrategy(), gatewayCounters.ingressBackPressure));
            final SessionAdapter adapter = new SessionAdapter(ctx, sessions, engine, pending, proxy, gatewayCounters);
            final GatewayAgent agent = new GatewayAgent(
                ctx, serverChannel, sessions, adapter, subscription, pending, proxy, gatewayCounters);
            runner = new AgentRunner(ctx.idleStrategy(), ctx.errorHandler(), null, agent);
            AgentRunner.startOnThread(runner);
        }
        catch (final IOException | RuntimeException ex)
        {
            // nothing of a half-started gateway stays: counters, publication and subscription of a given Aeron
            // client too
            CloseHelper.quietCloseAll(serverChannel);
            CloseHelper.quietCloseAll(perSession);
            CloseHelper.quietCloseAll(gatewayCounters, subscription, publication);
            CloseHelper.quietCloseAll(connected != ctx.aeron() ? connected : null, launchedDriver);
            if (ex instanceof IOException)
            {
                throw new UncheckedIOException("gateway " + ctx.gatewayId() + " cannot listen on " + ctx.bindHost() +
                    ":" + ctx.port() + ": " + ex.getMessage(), (IOException)ex);
            }
            throw (RuntimeException)ex;
        }
        driver = launchedDriver;
        aeron = connected;
        ingress = publication;
        egress = subscription;
        counters = gatewayCounters;
        sessionCounters = perSession;
        server = serverChannel;
    }

    /**
     * Start a gateway.
     *
     * @param ctx its settings; concluded here.
     * @return the running gateway.
     */
    public static Gateway launch(final Context ctx)
    {
        return new Gateway(ctx.conclude());
    }

    /**
     * The TCP port the gateway listens on (useful with port 0).
     *
     * @return the port.
     */
    public int port()
    {
        try
        {
            return ((InetSocketAddress)server.getLocalAddress()).getPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The settings.
     *
     * @return the concluded context.
     */
    public Context context()
    {
        return ctx;
    }

    /**
     * Stop: every session gets Terminate GATEWAY_SHUTDOWN (cancel-on-disconnect applies), then sockets, counters,
     * Aeron and an embedded driver close.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(runner, counters);
        CloseHelper.closeAll(sessionCounters);
        CloseHelper.closeAll(ingress, egress);
        if (ownsAeron)
        {
            CloseHelper.close(aeron);
        }
        CloseHelper.close(driver);
    }

    private static Int2ObjectHashMap<SessionState> sessions(
        final Context ctx, final GatewayCounters counters, final List<AtomicCounter> sessionCounters)
    {
        final Int2ObjectHashMap<SessionState> sessions = new Int2ObjectHashMap<>();
        for (final SessionConfig config : ctx.sessions())
        {
            if (config.gatewayId() != ctx.gatewayId())
            {
                continue;
            }
            final AtomicCounter in = counters.sessionCounter(
                GatewayCounters.SESSION_MESSAGES_IN_TYPE_ID, config.sessionId(), "messages in");
            final AtomicCounter out = counters.sessionCounter(
                GatewayCounters.SESSION_MESSAGES_OUT_TYPE_ID, config.sessionId(), "messages out");
            final AtomicCounter throttled = counters.sessionCounter(
                GatewayCounters.SESSION_THROTTLED_TYPE_ID, config.sessionId(), "throttled");
            sessionCounters.add(in);
            sessionCounters.add(out);
            sessionCounters.add(throttled);
            sessions.put(config.sessionId(), new SessionState(config, throttle(ctx, config), in, out, throttled));
        }
        return sessions;
    }

    static Throttle throttle(final Context ctx, final SessionConfig config)
    {
        return new Throttle(
            config.throttleMessages() > 0 ? config.throttleMessages() : ctx.throttleMessages(),
            config.throttleWindowNs() > 0 ? config.throttleWindowNs() : ctx.throttleWindowNs());
    }


    /**
     * Settings of a gateway; {@link #conclude()} checks them and fills defaults (from
     * {@link GatewayConfiguration}).
     */
    public static final class Context
    {
        /** The smallest allowed maximum frame: framing header, SBE header and the largest inbound block. */
        public static final int MIN_FRAME_LENGTH =
            Sofh.HEADER_LENGTH + MessageHeaderDecoder.ENCODED_LENGTH + NewOrderDecoder.BLOCK_LENGTH;

        /**
         * The largest allowed maximum frame. Only header plus our block of a message reaches the engine, whatever
         * the frame's size; the bound keeps each connection's inbound buffer small.
         */
        public static final int MAX_FRAME_LENGTH = 65536;

        /** The least outbound backlog: room for the largest message a session is sent (an ExecutionReport). */
        public static final int MIN_OUTBOUND_BACKLOG =
            Sofh.HEADER_LENGTH + MessageHeaderDecoder.ENCODED_LENGTH + ExecutionReportDecoder.BLOCK_LENGTH;

        /** The largest throttle limit (messages per window); the throttle keeps one time per message. */
        public static final int MAX_THROTTLE_MESSAGES = 1_000_000;

        private boolean concluded;
        private int gatewayId = GatewayConfiguration.ID_DEFAULT;
        private String bindHost = GatewayConfiguration.BIND_HOST_DEFAULT;
        private int port = GatewayConfiguration.PORT_DEFAULT;
        private Path sessionsFile;
        private List<SessionConfig> sessions;
        private int maxFrameLength = GatewayConfiguration.MAX_FRAME_LENGTH_DEFAULT;
        private int throttleMessages = GatewayConfiguration.THROTTLE_MESSAGES_DEFAULT;
        private long throttleWindowNs = GatewayConfiguration.THROTTLE_WINDOW_NS_DEFAULT;
        private long heartbeatIntervalMinNs = GatewayConfiguration.HEARTBEAT_MIN_NS_DEFAULT;
        private long heartbeatIntervalMaxNs = GatewayConfiguration.HEARTBEAT_MAX_NS_DEFAULT;
        private long logonTimeoutNs = GatewayConfiguration.LOGON_TIMEOUT_NS_DEFAULT;
        private long logonTimestampWindowNs = GatewayConfiguration.LOGON_WINDOW_NS_DEFAULT;
        private long logonMaxFutureSkewNs = GatewayConfiguration.LOGON_MAX_FUTURE_SKEW_NS_DEFAULT;
        private long engineTimeoutNs = GatewayConfiguration.ENGINE_TIMEOUT_NS_DEFAULT;
        private int outboundBacklogBytes = GatewayConfiguration.OUTBOUND_BACKLOG_DEFAULT;
        private int maxConnections = GatewayConfiguration.MAX_CONNECTIONS_DEFAULT;
        private int maxPendingRequests = GatewayConfiguration.MAX_PENDING_DEFAULT;
        private String idleStrategyName = GatewayConfiguration.IDLE_STRATEGY_DEFAULT;
        private int socketSendBufferBytes = GatewayConfiguration.SOCKET_SEND_BUFFER_DEFAULT;
        private IdleStrategy idleStrategy;
        private TransportSettings transport;
        private Aeron aeron;
        private EpochNanoClock epochNanoClock;
        private ErrorHandler errorHandler;
        private UnaryOperator<EngineIngress> engineIngressDecorator = UnaryOperator.identity();

        /**
         * Check the settings and fill defaults; once only.
         *
         * @return this.
         * @throws ConfigException for a bad value, naming it.
         */
        public Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("Context already concluded");
            }
            concluded = true;
            if (gatewayId <= 0)
            {
                throw new ConfigException("gatewayId must be positive, got " + gatewayId);
            }
            if (maxFrameLength < MIN_FRAME_LENGTH || maxFrameLength > MAX_FRAME_LENGTH)
            {
                throw new ConfigException("maxFrameLength must be in " + MIN_FRAME_LENGTH + ".." + MAX_FRAME_LENGTH +
                    ", got " + maxFrameLength);
            }
            if (throttleMessages <= 0 || throttleMessages > MAX_THROTTLE_MESSAGES)
            {
                throw new ConfigException("throttleMessages must be in 1.." + MAX_THROTTLE_MESSAGES + ", got " +
                    throttleMessages);
            }
            if (throttleWindowNs <= 0 || engineTimeoutNs <= 0 || logonTimeoutNs <= 0 || logonTimestampWindowNs <= 0 ||
                logonMaxFutureSkewNs < 0 || heartbeatIntervalMinNs <= 0 ||
                heartbeatIntervalMaxNs < heartbeatIntervalMinNs)
            {
                throw new ConfigException("throttleWindowNs, engineTimeoutNs, logonTimeoutNs, logonTimestampWindowNs " +
                    "and heartbeatIntervalMinNs must be positive, logonMaxFutureSkewNs not negative, " +
                    "heartbeatIntervalMaxNs at least heartbeatIntervalMinNs");
            }
            if (outboundBacklogBytes < MIN_OUTBOUND_BACKLOG)
            {
                throw new ConfigException("outboundBacklogBytes must be at least " + MIN_OUTBOUND_BACKLOG +
                    " (one engine report), got " + outboundBacklogBytes);
            }
            if (maxConnections <= 0 || maxPendingRequests <= 0)
            {
                throw new ConfigException("maxConnections and maxPendingRequests must be positive");
            }
            if (null == sessions)
            {
                sessions = SessionsFile.load(null == sessionsFile ?
                    Path.of(GatewayConfiguration.SESSIONS_FILE_DEFAULT) : sessionsFile);
            }
            if (null == transport)
            {
                transport = new TransportSettings(TransportSettings.defaultAeronDirectory(), false,
                    TransportSettings.THREADING_MODE_DEFAULT, TransportSettings.IDLE_STRATEGY_DEFAULT,
                    TransportSettings.INGRESS_CHANNEL_DEFAULT, TransportSettings.INGRESS_STREAM_ID_DEFAULT,
                    TransportSettings.EGRESS_CHANNEL_DEFAULT, TransportSettings.EGRESS_STREAM_ID_DEFAULT);
            }
            if (null == idleStrategy)
            {
                idleStrategy = IdleStrategies.of(idleStrategyName);
            }
            if (null == epochNanoClock)
            {
                epochNanoClock = new OffsetEpochNanoClock();
            }
            if (null == errorHandler)
            {
                errorHandler = Throwable::printStackTrace;
            }
            return this;
        }

        /** @param gatewayId this gateway's id. @return this. */
        public Context gatewayId(final int gatewayId)
        {
            this.gatewayId = gatewayId;
            return this;
        }

        /** @return this gateway's id. */
        public int gatewayId()
        {
            return gatewayId;
        }

        /** @param bindHost host the acceptor binds. @return this. */
        public Context bindHost(final String bindHost)
        {
            this.bindHost = bindHost;
            return this;
        }

        /** @return host the acceptor binds. */
        public String bindHost()
        {
            return bindHost;
        }

        /** @param port TCP port, 0 for any free one. @return this. */
        public Context port(final int port)
        {
            this.port = port;
            return this;
        }

        /** @return TCP port. */
        public int port()
        {
            return port;
        }

        /** @param sessionsFile sessions CSV, read at conclude unless sessions are given. @return this. */
        public Context sessionsFile(final Path sessionsFile)
        {
            this.sessionsFile = sessionsFile;
            return this;
        }

        /** @param sessions the sessions (of all gateways; this one takes its own). @return this. */
        public Context sessions(final List<SessionConfig> sessions)
        {
            this.sessions = List.copyOf(sessions);
            return this;
        }

        /** @return the sessions. */
        public List<SessionConfig> sessions()
        {
            return sessions;
        }

        /** @param maxFrameLength largest inbound frame. @return this. */
        public Context maxFrameLength(final int maxFrameLength)
        {
            this.maxFrameLength = maxFrameLength;
            return this;
        }

        /** @return largest inbound frame. */
        public int maxFrameLength()
        {
            return maxFrameLength;
        }

        /** @param throttleMessages default messages per window. @return this. */
        public Context throttleMessages(final int throttleMessages)
        {
            this.throttleMessages = throttleMessages;
            return this;
        }

        /** @return default messages per window. */
        public int throttleMessages()
        {
            return throttleMessages;
        }

        /** @param throttleWindowNs default throttle window. @return this. */
        public Context throttleWindowNs(final long throttleWindowNs)
        {
            this.throttleWindowNs = throttleWindowNs;
            return this;
        }

        /** @return default throttle window. */
        public long throttleWindowNs()
        {
            return throttleWindowNs;
        }

        /** @param nanos smallest heartbeat interval. @return this. */
        public Context heartbeatIntervalMinNs(final long nanos)
        {
            this.heartbeatIntervalMinNs = nanos;
            return this;
        }

        /** @return smallest heartbeat interval. */
        public long heartbeatIntervalMinNs()
        {
            return heartbeatIntervalMinNs;
        }

        /** @param nanos largest heartbeat interval. @return this. */
        public Context heartbeatIntervalMaxNs(final long nanos)
        {
            this.heartbeatIntervalMaxNs = nanos;
            return this;
        }

        /** @return largest heartbeat interval. */
        public long heartbeatIntervalMaxNs()
        {
            return heartbeatIntervalMaxNs;
        }

        /** @param nanos time to log on. @return this. */
        public Context logonTimeoutNs(final long nanos)
        {
            this.logonTimeoutNs = nanos;
            return this;
        }

        /** @return time to log on. */
        public long logonTimeoutNs()
        {
            return logonTimeoutNs;
        }

        /** @param nanos stale-timestamp window. @return this. */
        public Context logonTimestampWindowNs(final long nanos)
        {
            this.logonTimestampWindowNs = nanos;
            return this;
        }

        /** @return stale-timestamp window. */
        public long logonTimestampWindowNs()
        {
            return logonTimestampWindowNs;
        }

        /** @param nanos how far a logon timestamp may be ahead of the gateway's clock. @return this. */
        public Context logonMaxFutureSkewNs(final long nanos)
        {
            this.logonMaxFutureSkewNs = nanos;
            return this;
        }

        /** @return how far a logon timestamp may be ahead of the gateway's clock. */
        public long logonMaxFutureSkewNs()
        {
            return logonMaxFutureSkewNs;
        }

        /** @param nanos engine answer timeout. @return this. */
        public Context engineTimeoutNs(final long nanos)
        {
            this.engineTimeoutNs = nanos;
            return this;
        }

        /** @return engine answer timeout. */
        public long engineTimeoutNs()
        {
            return engineTimeoutNs;
        }

        /** @param bytes outbound backlog bound per session. @return this. */
        public Context outboundBacklogBytes(final int bytes)
        {
            this.outboundBacklogBytes = bytes;
            return this;
        }

        /** @return outbound backlog bound per session. */
        public int outboundBacklogBytes()
        {
            return outboundBacklogBytes;
        }

        /** @param maxConnections open connections at most. @return this. */
        public Context maxConnections(final int maxConnections)
        {
            this.maxConnections = maxConnections;
            return this;
        }

        /** @return open connections at most. */
        public int maxConnections()
        {
            return maxConnections;
        }

        /** @param maxPendingRequests requests waiting for the engine at most. @return this. */
        public Context maxPendingRequests(final int maxPendingRequests)
        {
            this.maxPendingRequests = maxPendingRequests;
            return this;
        }

        /** @return requests waiting for the engine at most. */
        public int maxPendingRequests()
        {
            return maxPendingRequests;
        }

        /** @param bytes SO_SNDBUF of client sockets, 0 for the OS default. @return this. */
        public Context socketSendBufferBytes(final int bytes)
        {
            this.socketSendBufferBytes = bytes;
            return this;
        }

        /** @return SO_SNDBUF of client sockets, 0 for the OS default. */
        public int socketSendBufferBytes()
        {
            return socketSendBufferBytes;
        }

        /** @param name BACKOFF, YIELDING, SLEEPING or BUSY_SPIN. @return this. */
        public Context idleStrategyName(final String name)
        {
            this.idleStrategyName = name;
            return this;
        }

        /** @param idleStrategy of the gateway thread. @return this. */
        public Context idleStrategy(final IdleStrategy idleStrategy)
        {
            this.idleStrategy = idleStrategy;
            return this;
        }

        /** @return idle strategy of the gateway thread. */
        public IdleStrategy idleStrategy()
        {
            return idleStrategy;
        }

        /** @param transport Aeron channels and driver. @return this. */
        public Context transport(final TransportSettings transport)
        {
            this.transport = transport;
            return this;
        }

        /** @return Aeron channels and driver. */
        public TransportSettings transport()
        {
            return transport;
        }

        /** @param aeron a client to use (not closed by the gateway); null to connect one. @return this. */
        public Context aeron(final Aeron aeron)
        {
            this.aeron = aeron;
            return this;
        }

        /** @return the given Aeron client, or null. */
        public Aeron aeron()
        {
            return aeron;
        }

        /** @param clock epoch clock in nanoseconds (logon timestamps, timers). @return this. */
        public Context epochNanoClock(final EpochNanoClock clock)
        {
            this.epochNanoClock = clock;
            return this;
        }

        /** @return epoch clock. */
        public EpochNanoClock epochNanoClock()
        {
            return epochNanoClock;
        }

        /** @param errorHandler for unexpected errors on the gateway thread. @return this. */
        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        /** @return error handler. */
        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        /** Tests: wrap the engine ingress (e.g. to simulate back pressure). @param decorator wraps. @return this. */
        Context engineIngressDecorator(final UnaryOperator<EngineIngress> decorator)
        {
            this.engineIngressDecorator = decorator;
            return this;
        }

        UnaryOperator<EngineIngress> engineIngressDecorator()
        {
            return engineIngressDecorator;
        }
    }
}
