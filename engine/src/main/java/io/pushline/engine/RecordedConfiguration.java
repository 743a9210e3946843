package io.pushline.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import io.pushline.config.ConfigException;
import io.pushline.config.InstrumentDefinition;
import io.pushline.config.InstrumentsFile;
import io.pushline.config.PropertiesConfig;

/**
 * The configuration a journaling engine ran with, recorded next to its journals so replay can start an engine that
 * gives the same answers: {@code engine-config.properties} (the effective {@code pushline.engine.*} settings that
 * decide answers, plus the layout for information) and {@code instruments.csv} (the reference data, in the format of
 * {@code config/instruments.csv}). Written at every start, each file to a temporary file and renamed.
 * <p>
 * When a start's configuration differs from the recorded one (comments aside), the old pair is not lost: it moves to
 * {@code config-history/engine-config.before-<sequence>.properties} and {@code instruments.before-<sequence>.csv},
 * where {@code sequence} is the first command the new configuration applies to. The engine does not refuse the change
 * (appending an instrument is a normal operation), but a replay across it uses one configuration for the whole run,
 * so {@link #lastChangeSequence(Path)} lets replay say so.
 */
public final class RecordedConfiguration
{
    /** Name of the recorded engine settings in the journal directory. */
    public static final String CONFIG_FILE = "engine-config.properties";
    /** Name of the recorded instruments in the journal directory. */
    public static final String INSTRUMENTS_FILE = "instruments.csv";
    /** Folder of the journal directory holding configurations replaced by a later start. */
    public static final String HISTORY_DIRECTORY = "config-history";

    private static final String BEFORE = ".before-";

    private RecordedConfiguration()
    {
    }

    /**
     * Record the context's configuration in its journal directory.
     *
     * @param context      concluded engine context with a journal directory.
     * @param fromSequence first command sequence this configuration applies to.
     * @throws UncheckedIOException naming the file when it cannot be written.
     */
    static void write(final Engine.Context context, final long fromSequence)
    {
        final Path directory = context.journalDirectory();
        final String settings = settings(context, fromSequence);
        final String instruments = instruments(context.instruments());
        final Path configFile = directory.resolve(CONFIG_FILE);
        final Path instrumentsFile = directory.resolve(INSTRUMENTS_FILE);
        try
        {
            Files.createDirectories(directory);
            if (Files.exists(configFile) && Files.exists(instrumentsFile) &&
                withoutComments(Files.readString(configFile)).equals(withoutComments(settings)) &&
                Files.readString(instrumentsFile).equals(instruments))
            {
                return;
            }
            keepHistory(directory, configFile, "engine-config" + BEFORE + fromSequence + ".properties");
            keepHistory(directory, instrumentsFile, "instruments" + BEFORE + fromSequence + ".csv");
            writeAtomically(configFile, settings);
            writeAtomically(instrumentsFile, instruments);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot record the engine configuration in " + directory + ": " + ex, ex);
        }
    }

    /**
     * A context filled from the configuration recorded in a journal directory (not concluded; no journal set).
     *
     * @param journalDirectory holding {@value #CONFIG_FILE} and {@value #INSTRUMENTS_FILE}.
     * @return the context.
     * @throws ConfigException naming the file when it is missing or bad.
     */
    public static Engine.Context load(final Path journalDirectory)
    {
        final Path configFile = journalDirectory.resolve(CONFIG_FILE);
        if (!Files.exists(configFile))
        {
            throw new ConfigException("no recorded engine configuration " + configFile + " (journal written by an " +
                "engine that did not record it): give the configuration and instruments files explicitly");
        }
        final PropertiesConfig config =
            PropertiesConfig.load(configFile, false, new Properties(), journalDirectory.toAbsolutePath());
        final Engine.Context context = EngineConfiguration.apply(config, new Engine.Context());
        return context.instruments(InstrumentsFile.load(context.instrumentsFile()));
    }

    /**
     * @param journalDirectory journal directory.
     * @return the first command sequence of the current recorded configuration if an earlier start recorded a
     *         different one, else 0.
     */
    public static long lastChangeSequence(final Path journalDirectory)
    {
        final Path history = journalDirectory.resolve(HISTORY_DIRECTORY);
        if (!Files.isDirectory(history))
        {
            return 0;
        }
        long last = 0;
        try (Stream<Path> files = Files.list(history))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                final String name = file.getFileName().toString();
                final int at = name.indexOf(BEFORE);
                final int end = name.lastIndexOf('.');
                if (at > 0 && end > at + BEFORE.length())
                {
                    last = Math.max(last, parseOrZero(name.substring(at + BEFORE.length(), end)));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + history, ex);
        }
        return last;
    }

    private static long parseOrZero(final String digits)
    {
        try
        {
            return Long.parseLong(digits);
        }
        catch (final NumberFormatException ex)
        {
            return 0;
        }
    }

    private static String settings(final Engine.Context c, final long fromSequence)
    {
        final String p = EngineConfiguration.PREFIX;
        return "# Engine configuration recorded by the engine at start, first applied to command sequence " +
            fromSequence + ".\n" +
            "# Replay (verify, state) starts its engine from it; layout, shards and capacities are for information:\n" +
            "# they never change an answer.\n" +
            p + "instrumentsFile=" + INSTRUMENTS_FILE + "\n" +
            p + "maxOrdersPerInstrument=" + c.maxOrdersPerInstrument() + "\n" +
            p + "selfTradePrevention=" + c.selfTradePrevention() + "\n" +
            p + "layout=" + c.layout() + "\n" +
            p + "shards=" + c.shards() + "\n" +
            p + "ringSize=" + c.ringSize() + "\n" +
            p + "reportStreamCapacity=" + c.reportStreamCapacity() + "\n" +
            p + "clientOrderIdCapacity=" + c.clientOrderIdCapacity() + "\n";
    }

    private static String instruments(final List<InstrumentDefinition> instruments)
    {
        final StringBuilder text = new StringBuilder(64 * (instruments.size() + 2));
        text.append("# Instruments recorded by the engine at start, in engine index order.\n")
            .append(InstrumentsFile.HEADER).append('\n');
        for (final InstrumentDefinition i : instruments)
        {
            text.append(i.id()).append(',').append(i.symbol()).append(',').append(i.tickSize()).append(',')
                .append(i.lotSize()).append(',').append(i.referencePrice()).append(',').append(i.bandBps())
                .append(',').append(i.maxQuantity()).append(',').append(i.maxNotional()).append('\n');
        }
        return text.toString();
    }

    private static String withoutComments(final String text)
    {
        final List<String> lines = new ArrayList<>();
        for (final String line : text.split("\n"))
        {
            if (!line.startsWith("#"))
            {
                lines.add(line.strip());
            }
        }
        return String.join("\n", lines);
    }

    private static void keepHistory(final Path directory, final Path file, final String name) throws IOException
    {
        if (Files.exists(file))
        {
            final Path history = Files.createDirectories(directory.resolve(HISTORY_DIRECTORY));
            Files.move(file, history.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeAtomically(final Path file, final String text) throws IOException
    {
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
