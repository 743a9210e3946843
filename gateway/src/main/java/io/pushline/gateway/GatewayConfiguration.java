package io.pushline.gateway;

import io.pushline.config.ConfigException;
import io.pushline.config.PropertiesConfig;
import io.pushline.config.TransportSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Property names and defaults of the gateway ({@code pushline.gateway.*}), and {@link #apply} that fills a
 * {@link Gateway.Context} from a config file. Every key can be overridden by a system property of the same name;
 * an unknown {@code pushline.gateway.*} key or a bad value fails the start with the key named.
 */
public final class GatewayConfiguration
{
    /** Prefix of every gateway key. */
    public static final String PREFIX = "pushline.gateway.";

    /** This gateway's id (positive); carried in every message it sends to the engine. */
    public static final String ID_PROP_NAME = PREFIX + "id";
    /** Default gateway id. */
    public static final int ID_DEFAULT = 1;

    /** Host or address the TCP acceptor binds to. */
    public static final String BIND_HOST_PROP_NAME = PREFIX + "bindHost";
    /** Default bind host: loopback only. */
    public static final String BIND_HOST_DEFAULT = "127.0.0.1";

    /** TCP port of the acceptor; 0 picks a free one. */
    public static final String PORT_PROP_NAME = PREFIX + "port";
    /** Default port. */
    public static final int PORT_DEFAULT = 9201;

    /** Sessions file (CSV). */
    public static final String SESSIONS_FILE_PROP_NAME = PREFIX + "sessionsFile";
    /** Default sessions file. */
    public static final String SESSIONS_FILE_DEFAULT = "config/sessions.csv";

    /** Largest frame (SOFH included) a client may send; a longer one ends the session OVERSIZED. */
    public static final String MAX_FRAME_LENGTH_PROP_NAME = PREFIX + "maxFrameLength";
    /** Default largest frame. */
    public static final int MAX_FRAME_LENGTH_DEFAULT = 512;

    /** Business messages a session may send per throttle window. */
    public static final String THROTTLE_MESSAGES_PROP_NAME = PREFIX + "throttleMessages";
    /** Default messages per window. */
    public static final int THROTTLE_MESSAGES_DEFAULT = 1000;

    /** The throttle's sliding window. */
    public static final String THROTTLE_WINDOW_PROP_NAME = PREFIX + "throttleWindow";
    /** Default throttle window. */
    public static final long THROTTLE_WINDOW_NS_DEFAULT = TimeUnit.SECONDS.toNanos(1);

    /** Smallest heartbeat interval a client may ask for at logon. */
    public static final String HEARTBEAT_MIN_PROP_NAME = PREFIX + "heartbeatIntervalMin";
    /** Default smallest heartbeat interval. */
    public static final long HEARTBEAT_MIN_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(100);

    /** Largest heartbeat interval a client may ask for at logon. */
    public static final String HEARTBEAT_MAX_PROP_NAME = PREFIX + "heartbeatIntervalMax";
    /** Default largest heartbeat interval. */
    public static final long HEARTBEAT_MAX_NS_DEFAULT = TimeUnit.SECONDS.toNanos(60);

    /** Time a new connection has to log on. */
    public static final String LOGON_TIMEOUT_PROP_NAME = PREFIX + "logonTimeout";
    /** Default logon timeout. */
    public static final long LOGON_TIMEOUT_NS_DEFAULT = TimeUnit.SECONDS.toNanos(5);

    /** A logon timestamp further than this from the gateway's clock is stale. */
    public static final String LOGON_WINDOW_PROP_NAME = PREFIX + "logonTimestampWindow";
    /** Default stale-timestamp window. */
    public static final long LOGON_WINDOW_NS_DEFAULT = TimeUnit.SECONDS.toNanos(30);

    /** A logon timestamp further ahead of the gateway's clock than this is stale (keep it small: a signed logon
     * from the future would otherwise lock the real client out until that time). */
    public static final String LOGON_MAX_FUTURE_SKEW_PROP_NAME = PREFIX + "logonMaxFutureSkew";
    /** Default forward skew allowed. */
    public static final long LOGON_MAX_FUTURE_SKEW_NS_DEFAULT = TimeUnit.SECONDS.toNanos(1);

    /** A request the engine has not answered within this time gets an ENGINE_TIMEOUT reject. */
    public static final String ENGINE_TIMEOUT_PROP_NAME = PREFIX + "engineTimeout";
    /** Default engine timeout. */
    public static final long ENGINE_TIMEOUT_NS_DEFAULT = TimeUnit.SECONDS.toNanos(2);

    /** Bytes a session may have waiting to be sent before it is terminated SLOW_CONSUMER. */
    public static final String OUTBOUND_BACKLOG_PROP_NAME = PREFIX + "outboundBacklog";
    /** Default outbound backlog bound. */
    public static final int OUTBOUND_BACKLOG_DEFAULT = 256 * 1024;

    /** Open TCP connections at most (logged on or not); more are closed at once. */
    public static final String MAX_CONNECTIONS_PROP_NAME = PREFIX + "maxConnections";
    /** Default connection limit. */
    public static final int MAX_CONNECTIONS_DEFAULT = 256;

    /** Requests waiting for the engine's answer at most; when full the gateway stops reading from clients. */
    public static final String MAX_PENDING_PROP_NAME = PREFIX + "maxPendingRequests";
    /** Default pending requests bound. */
    public static final int MAX_PENDING_DEFAULT = 65536;

    /** Idle strategy of the gateway thread: BACKOFF, YIELDING, SLEEPING or BUSY_SPIN. */
    public static final String IDLE_STRATEGY_PROP_NAME = PREFIX + "idleStrategy";
    /** Default idle strategy. */
    public static final String IDLE_STRATEGY_DEFAULT = "BACKOFF";

    /** SO_SNDBUF of client sockets (bytes); 0 keeps the operating system's default (auto-tuned). */
    public static final String SOCKET_SEND_BUFFER_PROP_NAME = PREFIX + "socketSendBuffer";
    /** Default send buffer: the OS default. */
    public static final int SOCKET_SEND_BUFFER_DEFAULT = 0;

    private static final List<String> KEYS = List.of(ID_PROP_NAME, BIND_HOST_PROP_NAME, PORT_PROP_NAME,
        SESSIONS_FILE_PROP_NAME, MAX_FRAME_LENGTH_PROP_NAME, THROTTLE_MESSAGES_PROP_NAME, THROTTLE_WINDOW_PROP_NAME,
        HEARTBEAT_MIN_PROP_NAME, HEARTBEAT_MAX_PROP_NAME, LOGON_TIMEOUT_PROP_NAME, LOGON_WINDOW_PROP_NAME,
        LOGON_MAX_FUTURE_SKEW_PROP_NAME,
        ENGINE_TIMEOUT_PROP_NAME, OUTBOUND_BACKLOG_PROP_NAME, MAX_CONNECTIONS_PROP_NAME, MAX_PENDING_PROP_NAME,
        IDLE_STRATEGY_PROP_NAME, SOCKET_SEND_BUFFER_PROP_NAME);

    private GatewayConfiguration()
    {
    }

    /**
     * Fill a context from a config: every gateway key and the shared {@code pushline.aeron.*} keys.
     *
     * @param config  the loaded config (file plus system properties).
     * @param context to fill.
     * @return the context.
     * @throws ConfigException naming the key of a bad or unknown value.
     */
    public static Gateway.Context apply(final PropertiesConfig config, final Gateway.Context context)
    {
        context.gatewayId(config.intValue(ID_PROP_NAME, ID_DEFAULT, 1, Integer.MAX_VALUE))
            .bindHost(config.string(BIND_HOST_PROP_NAME, BIND_HOST_DEFAULT))
            .port(config.intValue(PORT_PROP_NAME, PORT_DEFAULT, 0, 65535))
            .sessionsFile(config.path(SESSIONS_FILE_PROP_NAME, Path.of(SESSIONS_FILE_DEFAULT)))
            .maxFrameLength(config.intValue(
                MAX_FRAME_LENGTH_PROP_NAME, MAX_FRAME_LENGTH_DEFAULT, Gateway.Context.MIN_FRAME_LENGTH,
                Gateway.Context.MAX_FRAME_LENGTH))
            .throttleMessages(config.intValue(THROTTLE_MESSAGES_PROP_NAME, THROTTLE_MESSAGES_DEFAULT, 1,
                Gateway.Context.MAX_THROTTLE_MESSAGES))
            .throttleWindowNs(positive(config, THROTTLE_WINDOW_PROP_NAME, THROTTLE_WINDOW_NS_DEFAULT))
            .heartbeatIntervalMinNs(positive(config, HEARTBEAT_MIN_PROP_NAME, HEARTBEAT_MIN_NS_DEFAULT))
            .heartbeatIntervalMaxNs(positive(config, HEARTBEAT_MAX_PROP_NAME, HEARTBEAT_MAX_NS_DEFAULT))
            .logonTimeoutNs(positive(config, LOGON_TIMEOUT_PROP_NAME, LOGON_TIMEOUT_NS_DEFAULT))
            .logonTimestampWindowNs(positive(config, LOGON_WINDOW_PROP_NAME, LOGON_WINDOW_NS_DEFAULT))
            .logonMaxFutureSkewNs(config.durationNs(LOGON_MAX_FUTURE_SKEW_PROP_NAME,
                LOGON_MAX_FUTURE_SKEW_NS_DEFAULT))
            .engineTimeoutNs(positive(config, ENGINE_TIMEOUT_PROP_NAME, ENGINE_TIMEOUT_NS_DEFAULT))
            .outboundBacklogBytes(config.sizeBytes(OUTBOUND_BACKLOG_PROP_NAME, OUTBOUND_BACKLOG_DEFAULT))
            .maxConnections(config.intValue(MAX_CONNECTIONS_PROP_NAME, MAX_CONNECTIONS_DEFAULT, 1, 65536))
            .maxPendingRequests(config.intValue(MAX_PENDING_PROP_NAME, MAX_PENDING_DEFAULT, 16, 1 << 24))
            .socketSendBufferBytes(config.sizeBytes(SOCKET_SEND_BUFFER_PROP_NAME, SOCKET_SEND_BUFFER_DEFAULT))
            .idleStrategyName(idleStrategy(config));
        if (context.outboundBacklogBytes() < 4096)
        {
            throw new ConfigException(OUTBOUND_BACKLOG_PROP_NAME + " in " + config + ": must be at least 4k");
        }
        if (context.heartbeatIntervalMinNs() > context.heartbeatIntervalMaxNs())
        {
            throw new ConfigException(HEARTBEAT_MIN_PROP_NAME + " in " + config + ": must not exceed " +
                HEARTBEAT_MAX_PROP_NAME);
        }
        final List<String> unknown = config.unknownKeys(PREFIX);
        if (!unknown.isEmpty())
        {
            throw new ConfigException("unknown key(s) " + unknown + " in " + config + "; known: " + KEYS);
        }
        context.transport(TransportSettings.from(config, false));
        return context;
    }

    /**
     * Parse a duration as the config files write it: a number of nanoseconds, or a number with the unit ns, us,
     * ms or s.
     *
     * @param where for the error message (file, line, field or key).
     * @param text  the value.
     * @return nanoseconds.
     * @throws ConfigException if the text is not a duration.
     */
    public static long parseDuration(final String where, final String text)
    {
        final String lower = text.toLowerCase(Locale.ROOT);
        long multiplier = 1;
        String digits = lower;
        if (lower.endsWith("ns"))
        {
            digits = lower.substring(0, lower.length() - 2);
        }
        else if (lower.endsWith("us"))
        {
            multiplier = 1_000;
            digits = lower.substring(0, lower.length() - 2);
        }
        else if (lower.endsWith("ms"))
        {
            multiplier = 1_000_000;
            digits = lower.substring(0, lower.length() - 2);
        }
        else if (lower.endsWith("s"))
        {
            multiplier = 1_000_000_000;
            digits = lower.substring(0, lower.length() - 1);
        }
        try
        {
            final long value = Long.parseLong(digits.strip());
            if (value < 0)
            {
                throw new ConfigException(where + ": must not be negative, got '" + text + "'");
            }
            return Math.multiplyExact(value, multiplier);
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new ConfigException(where + ": not a duration (e.g. 500ms, 2s): '" + text + "'");
        }
    }

    private static long positive(final PropertiesConfig config, final String key, final long defaultNs)
    {
        final long value = config.durationNs(key, defaultNs);
        if (value <= 0)
        {
            throw new ConfigException(key + " in " + config + ": must be positive");
        }
        return value;
    }

    private static String idleStrategy(final PropertiesConfig config)
    {
        final String value = config.string(IDLE_STRATEGY_PROP_NAME, IDLE_STRATEGY_DEFAULT).toUpperCase(Locale.ROOT);
        if (!List.of("BACKOFF", "YIELDING", "SLEEPING", "BUSY_SPIN").contains(value))
        {
            throw new ConfigException(IDLE_STRATEGY_PROP_NAME + "=" + value + " in " + config +
                ": expected one of BACKOFF, YIELDING, SLEEPING, BUSY_SPIN");
        }
        return value;
    }
}
