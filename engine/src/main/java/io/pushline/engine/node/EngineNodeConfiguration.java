package io.pushline.engine.node;

import io.pushline.config.PropertiesConfig;
import io.pushline.config.TransportSettings;
import io.pushline.engine.Engine;
import io.pushline.engine.EngineConfiguration;

import java.util.concurrent.TimeUnit;

/**
 * Property names and defaults of the engine process (beyond the engine's own, {@link EngineConfiguration}, and the
 * shared transport keys, {@link TransportSettings}).
 */
public final class EngineNodeConfiguration
{
    /** Send a ClockTick after this much quiet on the ingress stream; 0 for never. */
    public static final String CLOCK_TICK_INTERVAL_PROP_NAME = EngineConfiguration.PREFIX + "clockTickInterval";
    public static final long CLOCK_TICK_INTERVAL_DEFAULT_NS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Most ingress fragments taken per duty cycle. */
    public static final String FRAGMENT_LIMIT_PROP_NAME = EngineConfiguration.PREFIX + "ingressFragmentLimit";
    public static final int FRAGMENT_LIMIT_DEFAULT = 64;

    private EngineNodeConfiguration()
    {
    }

    /**
     * Fill a node context, its engine context and its transport from a config file (and system properties).
     *
     * @param config  loaded configuration.
     * @param context to fill.
     * @return the context.
     * @throws io.pushline.config.ConfigException naming the key when a value is bad or a key is unknown.
     */
    public static EngineNode.Context apply(final PropertiesConfig config, final EngineNode.Context context)
    {
        context
            .clockTickIntervalNs(config.durationNs(CLOCK_TICK_INTERVAL_PROP_NAME, CLOCK_TICK_INTERVAL_DEFAULT_NS))
            .fragmentLimit(config.intValue(FRAGMENT_LIMIT_PROP_NAME, FRAGMENT_LIMIT_DEFAULT, 1, 1 << 16))
            .transport(TransportSettings.from(config, true));
        // last: it reports unknown pushline.engine.* keys, so the node's own keys must have been read
        context.engineContext(EngineConfiguration.apply(config,
            context.engineContext() != null ? context.engineContext() : new Engine.Context()));
        return context;
    }

    /**
     * @return the transport defaults: embedded driver, aeron:ipc, streams 1001 and 1002.
     */
    public static TransportSettings defaultTransport()
    {
        return TransportSettings.defaults(true);
    }
}
