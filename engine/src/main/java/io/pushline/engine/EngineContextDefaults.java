package io.pushline.engine;

import io.pushline.config.ConfigException;
import io.pushline.config.InstrumentsFile;
import io.pushline.engine.match.BookMatcher;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import com.lmax.disruptor.util.DaemonThreadFactory;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * What {@link Engine.Context#conclude()} does: check every value, naming its key, and fill the defaults.
 */
final class EngineContextDefaults
{
    private EngineContextDefaults()
    {
    }

    static void conclude(final Engine.Context c)
    {
        if (c.instruments() == null)
        {
            c.instruments(InstrumentsFile.load(c.instrumentsFile() != null ?
                c.instrumentsFile() : Path.of(EngineConfiguration.INSTRUMENTS_FILE_DEFAULT)));
        }
        final int instruments = c.instruments().size();
        require(instruments > 0, "instruments", "at least one instrument is needed");
        require(Integer.bitCount(c.ringSize()) == 1, EngineConfiguration.RING_SIZE_PROP_NAME,
            "must be a power of two, got " + c.ringSize());
        require(Integer.bitCount(c.reportStreamCapacity()) == 1 && c.reportStreamCapacity() >= 2,
            EngineConfiguration.REPORT_STREAM_CAPACITY_PROP_NAME,
            "must be a power of two >= 2, got " + c.reportStreamCapacity());
        require(c.shards() >= 1 && c.shards() <= EngineConfiguration.SHARDS_MAX, EngineConfiguration.SHARDS_PROP_NAME,
            "must be 1.." + EngineConfiguration.SHARDS_MAX + ", got " + c.shards());
        require(c.maxOrdersPerInstrument() >= 1, EngineConfiguration.MAX_ORDERS_PER_INSTRUMENT_PROP_NAME,
            "must be positive, got " + c.maxOrdersPerInstrument());
        require((long)c.maxOrdersPerInstrument() * instruments < Integer.MAX_VALUE / 8,
            EngineConfiguration.MAX_ORDERS_PER_INSTRUMENT_PROP_NAME, "times " + instruments +
            " instruments is more orders than one shard can address");
        require(c.layout() != null && c.waitStrategy() != null && c.selfTradePrevention() != null, "context",
            "layout, waitStrategy and selfTradePrevention must be set");
        require(c.snapshotIntervalCommands() >= 0, EngineConfiguration.SNAPSHOT_INTERVAL_COMMANDS_PROP_NAME,
            "must not be negative, got " + c.snapshotIntervalCommands());
        fillDefaults(c);
    }

    private static void fillDefaults(final Engine.Context c)
    {
        if (c.outputSink() == null)
        {
            c.outputSink((buffer, offset, length) -> { });
        }
        if (c.countersFactory() == null)
        {
            final CountersManager manager = new CountersManager(
                new UnsafeBuffer(ByteBuffer.allocateDirect(512 * 1024)),
                new UnsafeBuffer(ByteBuffer.allocateDirect(128 * 1024)));
            c.countersFactory(manager::newCounter);
        }
        if (c.threadFactory() == null)
        {
            c.threadFactory(DaemonThreadFactory.INSTANCE);
        }
        if (c.matcherFactory() == null)
        {
            c.matcherFactory(BookMatcher::new);
        }
        if (c.clock() == null)
        {
            c.clock(new SystemEpochNanoClock());
        }
        if (c.journalDirectory() != null && c.snapshotDirectory() == null)
        {
            c.snapshotDirectory(c.journalDirectory().resolve("snapshots"));
        }
    }

    private static void require(final boolean condition, final String key, final String message)
    {
        if (!condition)
        {
            throw new ConfigException(key + ": " + message);
        }
    }
}
