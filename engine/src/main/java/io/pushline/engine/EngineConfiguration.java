package io.pushline.engine;

import java.nio.file.Path;
import java.util.List;

import io.pushline.config.ConfigException;
import io.pushline.config.PropertiesConfig;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.chain.WaitStrategyType;
import io.pushline.engine.match.SelfTradePrevention;
import io.pushline.journal.SyncPolicy;

/**
 * Property names and defaults of the engine, with units in the names, in the manner of Aeron's Configuration.
 * A value comes from the system property of the same name, else the config file, else the default here.
 */
public final class EngineConfiguration
{
    /** Prefix of every engine key; unknown keys with it fail the start (typo check). */
    public static final String PREFIX = "pushline.engine.";

    public static final String INSTRUMENTS_FILE_PROP_NAME = PREFIX + "instrumentsFile";
    public static final String INSTRUMENTS_FILE_DEFAULT = "config/instruments.csv";

    public static final String LAYOUT_PROP_NAME = PREFIX + "layout";
    public static final ChainLayout LAYOUT_DEFAULT = ChainLayout.ONE_THREAD;

    public static final String SHARDS_PROP_NAME = PREFIX + "shards";
    public static final int SHARDS_DEFAULT = 2;
    public static final int SHARDS_MAX = 64;

    public static final String RING_SIZE_PROP_NAME = PREFIX + "ringSize";
    public static final int RING_SIZE_DEFAULT = 4096;

    public static final String WAIT_STRATEGY_PROP_NAME = PREFIX + "waitStrategy";
    public static final WaitStrategyType WAIT_STRATEGY_DEFAULT = WaitStrategyType.YIELDING;

    public static final String MAX_ORDERS_PER_INSTRUMENT_PROP_NAME = PREFIX + "maxOrdersPerInstrument";
    public static final int MAX_ORDERS_PER_INSTRUMENT_DEFAULT = 1 << 16;

    public static final String REPORT_STREAM_CAPACITY_PROP_NAME = PREFIX + "reportStreamCapacity";
    public static final int REPORT_STREAM_CAPACITY_DEFAULT = 4096;

    public static final String SELF_TRADE_PREVENTION_PROP_NAME = PREFIX + "selfTradePrevention";
    public static final SelfTradePrevention SELF_TRADE_PREVENTION_DEFAULT = SelfTradePrevention.CANCEL_AGGRESSING;

    public static final String CLIENT_ORDER_ID_CAPACITY_PROP_NAME = PREFIX + "clientOrderIdCapacity";
    /** Initial capacity of the table of client order ids (all sessions); it grows only while most ids are live. */
    public static final int CLIENT_ORDER_ID_CAPACITY_DEFAULT = 1 << 14;

    public static final String JOURNAL_DIRECTORY_PROP_NAME = PREFIX + "journalDirectory";

    public static final String SYNC_POLICY_PROP_NAME = PREFIX + "syncPolicy";
    public static final SyncPolicy SYNC_POLICY_DEFAULT = SyncPolicy.PER_BATCH;

    public static final String SNAPSHOT_INTERVAL_COMMANDS_PROP_NAME = PREFIX + "snapshotIntervalCommands";
    public static final long SNAPSHOT_INTERVAL_COMMANDS_DEFAULT = 1_000_000;

    public static final String SNAPSHOT_INTERVAL_PROP_NAME = PREFIX + "snapshotInterval";

    public static final String SNAPSHOT_REPLICA_PROP_NAME = PREFIX + "snapshotReplica";

    private EngineConfiguration()
    {
    }

    /**
     * Fill a context from a config file (and the system properties that override it). Every key is read, so a key
     * with a typo is reported.
     *
     * @param config  loaded configuration.
     * @param context to fill.
     * @return the context.
     * @throws ConfigException naming the key when a value is bad or a key is unknown.
     */
    public static Engine.Context apply(final PropertiesConfig config, final Engine.Context context)
    {
        context
            .instrumentsFile(config.path(INSTRUMENTS_FILE_PROP_NAME, Path.of(INSTRUMENTS_FILE_DEFAULT)))
            .layout(config.enumValue(LAYOUT_PROP_NAME, ChainLayout.class, LAYOUT_DEFAULT))
            .shards(config.intValue(SHARDS_PROP_NAME, SHARDS_DEFAULT, 1, SHARDS_MAX))
            .ringSize(config.intValue(RING_SIZE_PROP_NAME, RING_SIZE_DEFAULT, 2, 1 << 24))
            .waitStrategy(config.enumValue(WAIT_STRATEGY_PROP_NAME, WaitStrategyType.class, WAIT_STRATEGY_DEFAULT))
            .maxOrdersPerInstrument(config.intValue(
                MAX_ORDERS_PER_INSTRUMENT_PROP_NAME, MAX_ORDERS_PER_INSTRUMENT_DEFAULT, 1, 1 << 28))
            .reportStreamCapacity(config.intValue(
                REPORT_STREAM_CAPACITY_PROP_NAME, REPORT_STREAM_CAPACITY_DEFAULT, 2, 1 << 24))
            .selfTradePrevention(config.enumValue(
                SELF_TRADE_PREVENTION_PROP_NAME, SelfTradePrevention.class, SELF_TRADE_PREVENTION_DEFAULT))
            .clientOrderIdCapacity(config.intValue(
                CLIENT_ORDER_ID_CAPACITY_PROP_NAME, CLIENT_ORDER_ID_CAPACITY_DEFAULT, 16, 1 << 28));
        final Path journal = config.path(JOURNAL_DIRECTORY_PROP_NAME, null);
        context
            .journalDirectory(journal)
            .syncPolicy(config.enumValue(SYNC_POLICY_PROP_NAME, SyncPolicy.class, SYNC_POLICY_DEFAULT))
            .snapshotIntervalCommands(config.longValue(SNAPSHOT_INTERVAL_COMMANDS_PROP_NAME,
                journal == null ? 0 : SNAPSHOT_INTERVAL_COMMANDS_DEFAULT, 0, Long.MAX_VALUE))
            .snapshotIntervalNs(config.durationNs(SNAPSHOT_INTERVAL_PROP_NAME, 0))
            .snapshotReplica(config.bool(SNAPSHOT_REPLICA_PROP_NAME, false));
        final List<String> unknown = config.unknownKeys(PREFIX);
        if (!unknown.isEmpty())
        {
            throw new ConfigException("unknown engine configuration keys " + unknown + " (from " + config + ")");
        }
        return context;
    }
}
