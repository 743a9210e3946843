package io.pushline.config;

import java.io.File;
import java.util.List;
import java.util.Locale;

/**
 * How the engine and its gateways reach each other over Aeron: one set of keys ({@code pushline.aeron.*}) that the
 * engine's and every gateway's config files share, so that both ends agree by construction.
 * <p>
 * Commands travel gateway -&gt; engine on the ingress channel and stream; reports travel engine -&gt; gateways on
 * the egress channel and stream, which every gateway subscribes to and filters by the gatewayId of each report.
 *
 * @param aeronDirectory     the media driver's directory (shared memory), e.g. {@code /dev/shm/pushline-aeron}.
 * @param embeddedDriver     true: this process launches a media driver in that directory; false: it connects to
 *                           a running one.
 * @param threadingMode      of an embedded driver: SHARED (one thread, the default for small machines),
 *                           SHARED_NETWORK or DEDICATED.
 * @param idleStrategy       of an embedded driver and of this process's Aeron duty cycles: BACKOFF, YIELDING,
 *                           SLEEPING or BUSY_SPIN.
 * @param ingressChannel     Aeron channel of commands, e.g. {@code aeron:ipc} or {@code aeron:udp?endpoint=host:port}.
 * @param ingressStreamId    stream id of commands.
 * @param egressChannel      Aeron channel of reports.
 * @param egressStreamId     stream id of reports.
 */
public record TransportSettings(
    String aeronDirectory,
    boolean embeddedDriver,
    String threadingMode,
    String idleStrategy,
    String ingressChannel,
    int ingressStreamId,
    String egressChannel,
    int egressStreamId)
{
    /** Prefix of every transport key; unknown keys with it fail the start. */
    public static final String PREFIX = "pushline.aeron.";
    public static final String DIRECTORY_PROP_NAME = PREFIX + "dir";
    public static final String EMBEDDED_DRIVER_PROP_NAME = PREFIX + "embeddedDriver";
    public static final String THREADING_MODE_PROP_NAME = PREFIX + "threadingMode";
    public static final String IDLE_STRATEGY_PROP_NAME = PREFIX + "idleStrategy";
    public static final String INGRESS_CHANNEL_PROP_NAME = PREFIX + "ingressChannel";
    public static final String INGRESS_STREAM_ID_PROP_NAME = PREFIX + "ingressStreamId";
    public static final String EGRESS_CHANNEL_PROP_NAME = PREFIX + "egressChannel";
    public static final String EGRESS_STREAM_ID_PROP_NAME = PREFIX + "egressStreamId";

    public static final String THREADING_MODE_DEFAULT = "SHARED";
    public static final String IDLE_STRATEGY_DEFAULT = "BACKOFF";
    public static final String INGRESS_CHANNEL_DEFAULT = "aeron:ipc";
    public static final int INGRESS_STREAM_ID_DEFAULT = 1001;
    public static final String EGRESS_CHANNEL_DEFAULT = "aeron:ipc";
    public static final int EGRESS_STREAM_ID_DEFAULT = 1002;

    private static final List<String> THREADING_MODES = List.of("SHARED", "SHARED_NETWORK", "DEDICATED");
    private static final List<String> IDLE_STRATEGIES = List.of("BACKOFF", "YIELDING", "SLEEPING", "BUSY_SPIN");
    private static final List<String> KEYS = List.of(DIRECTORY_PROP_NAME, EMBEDDED_DRIVER_PROP_NAME,
        THREADING_MODE_PROP_NAME, IDLE_STRATEGY_PROP_NAME, INGRESS_CHANNEL_PROP_NAME, INGRESS_STREAM_ID_PROP_NAME,
        EGRESS_CHANNEL_PROP_NAME, EGRESS_STREAM_ID_PROP_NAME);

    /**
     * The default media driver directory: in shared memory ({@code /dev/shm}) where there is one, else the
     * temporary directory.
     *
     * @return the directory path.
     */
    public static String defaultAeronDirectory()
    {
        final File shm = new File("/dev/shm");
        final String base = shm.isDirectory() ? shm.getPath() : System.getProperty("java.io.tmpdir");
        return new File(base, "pushline-aeron-" + System.getProperty("user.name", "user")).getPath();
    }

    /**
     * The defaults, ignoring config files and system properties.
     *
     * @param embeddedDriver whether the process launches the media driver.
     * @return settings with every default.
     */
    public static TransportSettings defaults(final boolean embeddedDriver)
    {
        return new TransportSettings(defaultAeronDirectory(), embeddedDriver, THREADING_MODE_DEFAULT,
            IDLE_STRATEGY_DEFAULT, INGRESS_CHANNEL_DEFAULT, INGRESS_STREAM_ID_DEFAULT, EGRESS_CHANNEL_DEFAULT,
            EGRESS_STREAM_ID_DEFAULT);
    }

    /**
     * Read the transport keys of a config, each from its system property, else the file, else the default.
     *
     * @param config         the process's config.
     * @param embeddedDefault whether this kind of process launches the driver unless told otherwise (the engine
     *                       does; a gateway connects to the engine's).
     * @return the settings.
     * @throws ConfigException naming the key for a bad or unknown value.
     */
    public static TransportSettings from(final PropertiesConfig config, final boolean embeddedDefault)
    {
        final TransportSettings settings = new TransportSettings(
            config.string(DIRECTORY_PROP_NAME, defaultAeronDirectory()),
            config.bool(EMBEDDED_DRIVER_PROP_NAME, embeddedDefault),
            oneOf(config, THREADING_MODE_PROP_NAME, THREADING_MODE_DEFAULT, THREADING_MODES),
            oneOf(config, IDLE_STRATEGY_PROP_NAME, IDLE_STRATEGY_DEFAULT, IDLE_STRATEGIES),
            channel(config, INGRESS_CHANNEL_PROP_NAME, INGRESS_CHANNEL_DEFAULT),
            config.intValue(INGRESS_STREAM_ID_PROP_NAME, INGRESS_STREAM_ID_DEFAULT, 1, Integer.MAX_VALUE),
            channel(config, EGRESS_CHANNEL_PROP_NAME, EGRESS_CHANNEL_DEFAULT),
            config.intValue(EGRESS_STREAM_ID_PROP_NAME, EGRESS_STREAM_ID_DEFAULT, 1, Integer.MAX_VALUE));
        final List<String> unknown = config.unknownKeys(PREFIX);
        if (!unknown.isEmpty())
        {
            throw new ConfigException("unknown key(s) " + unknown + " in " + config + "; known: " + KEYS);
        }
        return settings;
    }

    private static String oneOf(
        final PropertiesConfig config, final String key, final String defaultValue, final List<String> allowed)
    {
        final String value = config.string(key, defaultValue).trim().toUpperCase(Locale.ROOT);
        if (!allowed.contains(value))
        {
            throw new ConfigException(key + "=" + value + " in " + config + ": expected one of " + allowed);
        }
        return value;
    }

    private static String channel(final PropertiesConfig config, final String key, final String defaultValue)
    {
        final String value = config.string(key, defaultValue).trim();
        if (!value.startsWith("aeron:udp") && !value.startsWith("aeron:ipc"))
        {
            throw new ConfigException(key + "=" + value + " in " + config +
                ": expected an Aeron channel such as aeron:ipc or aeron:udp?endpoint=localhost:40123");
        }
        return value;
    }
}
