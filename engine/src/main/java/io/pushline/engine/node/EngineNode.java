package io.pushline.engine.node;

import io.pushline.config.IdleStrategies;
import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.pushline.config.ConfigException;
import io.pushline.config.TransportSettings;
import io.pushline.engine.Engine;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.TimeUnit;

/**
 * The engine process: an {@link Engine} behind Aeron. Commands come in on the ingress stream from any number of
 * gateways (each command carries its gatewayId and sessionId); every report goes out on the one egress stream that
 * every gateway subscribes to, and each gateway keeps the reports of its own gatewayId (fan-in and fan-out).
 * <p>
 * Threads: the media driver when embedded (SHARED threading: one thread), the ingress duty cycle (an
 * {@link AgentRunner} with the transport's idle strategy; the only thread that offers to the engine), and the
 * engine's own chain thread(s), which publish the reports.
 * <p>
 * {@link #close()} shuts down in order: stop taking commands, let the engine answer everything it took and sync its
 * journal, then close the Aeron resources and the driver.
 */
public final class EngineNode implements AutoCloseable
{
    private final Context context;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final TransportCounters counters;
    private final ExclusivePublication egress;
    private final Subscription ingress;
    private final EgressPublisher egressPublisher;
    private final Engine engine;
    private final AgentRunner runner;
    private boolean closed;

    private EngineNode(final Context context)
    {
        this.context = context;
        final TransportSettings transport = context.transport();
        MediaDriver launchedDriver = null;
        Aeron connected = null;
        TransportCounters madeCounters = null;
        ExclusivePublication publication = null;
        Subscription subscription = null;
        Engine launched = null;
        try
        {
            if (context.aeron() == null && transport.embeddedDriver())
            {
                launchedDriver = MediaDriver.launch(driverContext(transport));
            }
            connected = context.aeron() != null ? context.aeron() :
                Aeron.connect(new Aeron.Context().aeronDirectoryName(transport.aeronDirectory()));
            madeCounters = new TransportCounters(connected);
            publication = connected.addExclusivePublication(transport.egressChannel(), transport.egressStreamId());
            subscription = connected.addSubscription(transport.ingressChannel(), transport.ingressStreamId());
            egressPublisher = new EgressPublisher(publication, IdleStrategies.of(transport.idleStrategy()),
                madeCounters, context.shutdownRetryLimitNs());
            final Aeron aeronForCounters = connected;
            final Engine.Context engineContext = context.engineContext().outputSink(egressPublisher);
            if (engineContext.countersFactory() == null)
            {
                engineContext.countersFactory(
                    label -> aeronForCounters.addCounter(TransportCounters.ENGINE_COUNTER_TYPE_ID, "engine: " + label));
            }
            launched = Engine.launch(engineContext);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(launched, subscription, publication, madeCounters,
                context.aeron() == null ? connected : null, launchedDriver);
            throw ex;
        }
        this.driver = launchedDriver;
        this.aeron = connected;
        this.counters = madeCounters;
        this.egress = publication;
        this.ingress = subscription;
        this.engine = launched;
        final IngressAdapter adapter = new IngressAdapter(engine, ingress, context.fragmentLimit(),
            context.nanoClock(), context.clockTickIntervalNs(), counters);
        this.runner = new AgentRunner(IdleStrategies.of(transport.idleStrategy()), context.errorHandler(), null,
            adapter);
        AgentRunner.startOnThread(runner);
    }

    private static MediaDriver.Context driverContext(final TransportSettings transport)
    {
        return new MediaDriver.Context()
            .aeronDirectoryName(transport.aeronDirectory())
            .threadingMode(ThreadingMode.valueOf(transport.threadingMode()))
            .sharedIdleStrategy(IdleStrategies.of(transport.idleStrategy()))
            .conductorIdleStrategy(IdleStrategies.of(transport.idleStrategy()))
            .senderIdleStrategy(IdleStrategies.of(transport.idleStrategy()))
            .receiverIdleStrategy(IdleStrategies.of(transport.idleStrategy()))
            .sharedNetworkIdleStrategy(IdleStrategies.of(transport.idleStrategy()))
            .dirDeleteOnShutdown(true)
            .dirDeleteOnStart(false);
    }

    /**
     * Start the engine process.
     *
     * @param context configuration; concluded here.
     * @return the running node.
     */
    public static EngineNode launch(final Context context)
    {
        context.conclude();
        return new EngineNode(context);
    }

    /**
     * @return the engine inside (its counters, state hash, journal recovery report). Do not offer to it: the
     *         ingress duty cycle is its only producer.
     */
    public Engine engine()
    {
        return engine;
    }

    /**
     * @return the Aeron client of this node.
     */
    public Aeron aeron()
    {
        return aeron;
    }

    /**
     * @return the media driver directory in use.
     */
    public String aeronDirectoryName()
    {
        return aeron.context().aeronDirectoryName();
    }

    /**
     * @return whether at least one gateway is subscribed to the egress stream.
     */
    public boolean egressConnected()
    {
        return egress.isConnected();
    }

    /**
     * @return commands taken from the ingress stream so far.
     */
    public long commandsIn()
    {
        return counters.commandsIn().get();
    }

    /**
     * @return times the ingress stream was left unconsumed because the engine's ring was full.
     */
    public long ingressBackPressureEvents()
    {
        return counters.ingressBackPressureEvents().get();
    }

    /**
     * @return reports that had to wait for egress back pressure.
     */
    public long egressBackPressureEvents()
    {
        return counters.egressBackPressureEvents().get();
    }

    /**
     * @return reports published on the egress stream.
     */
    public long reportsPublished()
    {
        return counters.reportsPublished().get();
    }

    /**
     * @return reports not delivered because no gateway was subscribed.
     */
    public long reportsNotDelivered()
    {
        return counters.egressNotConnectedReports().get();
    }

    /**
     * @return clock ticks sent while the ingress stream was quiet.
     */
    public long clockTicks()
    {
        return counters.clockTicks().get();
    }

    /**
     * @return what stopped the engine's chain, or null while it runs.
     */
    public Throwable failure()
    {
        // the chain's: a failed snapshot replica only stops snapshots (Engine.failure() reports it too)
        return engine.chain().failure();
    }

    /**
     * @return the concluded context.
     */
    public Context context()
    {
        return context;
    }

    /**
     * Stop taking commands, answer everything taken, sync and close the journal, then close Aeron and the driver.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            // first: a report stuck behind a gateway that no longer reads must not hold the duty cycle (which runs
            // the chain in the INVOKER layout) forever
            egressPublisher.closing();
            CloseHelper.close(runner);
            engine.close();
        }
        finally
        {
            CloseHelper.closeAll(ingress, egress, counters, context.aeron() == null ? aeron : null, driver);
        }
    }

    /**
     * Configuration of the engine process. {@link #conclude()} checks values and fills defaults.
     */
    public static final class Context
    {
        private boolean concluded;
        private Engine.Context engineContext;
        private TransportSettings transport;
        private Aeron aeron;
        private long clockTickIntervalNs = EngineNodeConfiguration.CLOCK_TICK_INTERVAL_DEFAULT_NS;
        private int fragmentLimit = EngineNodeConfiguration.FRAGMENT_LIMIT_DEFAULT;
        private long shutdownRetryLimitNs = TimeUnit.SECONDS.toNanos(1);
        private NanoClock nanoClock;
        private ErrorHandler errorHandler;

        /**
         * Check values and fill defaults; once only.
         *
         * @return this.
         */
        public Context conclude()
        {
            if (concluded)
            {
                throw new IllegalStateException("context already concluded");
            }
            concluded = true;
            engineContext = engineContext != null ? engineContext : new Engine.Context();
            transport = transport != null ? transport : EngineNodeConfiguration.defaultTransport();
            nanoClock = nanoClock != null ? nanoClock : new SystemNanoClock();
            errorHandler = errorHandler != null ? errorHandler : Throwable::printStackTrace;
            if (clockTickIntervalNs < 0)
            {
                throw new ConfigException(EngineNodeConfiguration.CLOCK_TICK_INTERVAL_PROP_NAME +
                    ": must not be negative, got " + clockTickIntervalNs + "ns");
            }
            if (fragmentLimit < 1)
            {
                throw new ConfigException(EngineNodeConfiguration.FRAGMENT_LIMIT_PROP_NAME +
                    ": must be positive, got " + fragmentLimit);
            }
            return this;
        }

        public Context engineContext(final Engine.Context engineContext)
        {
            this.engineContext = engineContext;
            return this;
        }

        public Engine.Context engineContext()
        {
            return engineContext;
        }

        public Context transport(final TransportSettings transport)
        {
            this.transport = transport;
            return this;
        }

        public TransportSettings transport()
        {
            return transport;
        }

        /**
         * Use this Aeron client (and its driver) instead of connecting; the node does not close it.
         *
         * @param aeron client.
         * @return this.
         */
        public Context aeron(final Aeron aeron)
        {
            this.aeron = aeron;
            return this;
        }

        public Aeron aeron()
        {
            return aeron;
        }

        public Context clockTickIntervalNs(final long clockTickIntervalNs)
        {
            this.clockTickIntervalNs = clockTickIntervalNs;
            return this;
        }

        public long clockTickIntervalNs()
        {
            return clockTickIntervalNs;
        }

        public Context fragmentLimit(final int fragmentLimit)
        {
            this.fragmentLimit = fragmentLimit;
            return this;
        }

        public int fragmentLimit()
        {
            return fragmentLimit;
        }

        public Context shutdownRetryLimitNs(final long shutdownRetryLimitNs)
        {
            this.shutdownRetryLimitNs = shutdownRetryLimitNs;
            return this;
        }

        public long shutdownRetryLimitNs()
        {
            return shutdownRetryLimitNs;
        }

        public Context nanoClock(final NanoClock nanoClock)
        {
            this.nanoClock = nanoClock;
            return this;
        }

        public NanoClock nanoClock()
        {
            return nanoClock;
        }

        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }

        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }
    }
}
