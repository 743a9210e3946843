package io.pushline.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

import io.pushline.config.InstrumentsFile;
import io.pushline.engine.match.SelfTradePrevention;
import io.pushline.journal.Journal;
import io.pushline.journal.JournalAppender;
import io.pushline.journal.JournalReader;
import io.pushline.journal.SyncPolicy;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A journal recorded by a real engine (through {@link SampleJournal}) for the replay tests, with the live engine's
 * state hash at chosen sequences, and helpers to copy, alter and read journals.
 */
final class RecordedRun
{
    /** One journal record, copied. */
    record Entry(long sequence, long timestampNs, int type, byte[] payload)
    {
        DirectBuffer buffer()
        {
            return new UnsafeBuffer(payload);
        }
    }

    final Path directory;
    final long lastSequence;
    final Long2LongHashMap liveHashes = new Long2LongHashMap(0);

    private RecordedRun(final Path directory, final long lastSequence)
    {
        this.directory = directory;
        this.lastSequence = lastSequence;
    }

    static SampleJournal.Settings settings(final long commands, final long seed, final double rate,
        final long snapshotEvery)
    {
        final Instant start = Instant.parse("2026-01-05T14:30:00Z");
        return new SampleJournal.Settings(commands, seed, 6, rate, start.getEpochSecond() * 1_000_000_000L,
            snapshotEvery, InstrumentsFile.load(Path.of("../config/instruments.csv")), 1 << 12,
            SelfTradePrevention.CANCEL_AGGRESSING, SyncPolicy.NONE);
    }

    /**
     * @param directory journal directory to create.
     * @param settings  what to record.
     * @param hashAt    sequences at which the live engine's state hash is kept.
     */
    static RecordedRun record(final Path directory, final SampleJournal.Settings settings, final LongPredicate hashAt)
    {
        final Long2LongHashMap hashes = new Long2LongHashMap(0);
        final long last = SampleJournal.record(directory, settings, (engine, sequence) ->
        {
            if (hashAt.test(sequence))
            {
                hashes.put(sequence, engine.stateHash());
            }
        }, Progress.Mode.NEVER);
        final RecordedRun run = new RecordedRun(directory, last);
        run.liveHashes.putAll(hashes);
        return run;
    }

    static List<Entry> read(final Path directory, final String prefix)
    {
        final List<Entry> entries = new ArrayList<>();
        try (JournalReader reader = Journals.open(directory, prefix, true, true))
        {
            while (reader.poll((buffer, offset, length, type, sequence, timestampNs) ->
            {
                final byte[] payload = new byte[length];
                buffer.getBytes(offset, payload);
                entries.add(new Entry(sequence, timestampNs, type, payload));
            }, 1024) > 0)
            {
                continue;
            }
        }
        return entries;
    }

    /** Write entries as a new journal (through the journal API, so every record is valid). */
    static void write(final Path directory, final String prefix, final List<Entry> entries)
    {
        try (Journal journal = Journal.open(new Journal.Context().directory(directory).filePrefix(prefix)
            .syncPolicy(SyncPolicy.NONE)))
        {
            final JournalAppender appender = journal.appender();
            for (final Entry e : entries)
            {
                appender.append(e.buffer(), 0, e.payload().length, e.type(), e.sequence(), e.timestampNs());
            }
            appender.commitBatch();
        }
    }

    /** Copy the recorded configuration files (not the journals) into another directory. */
    static void copyConfiguration(final Path from, final Path to)
    {
        try
        {
            Files.createDirectories(to);
            for (final String name : List.of("engine-config.properties", "instruments.csv"))
            {
                Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Copy every file of a directory tree. */
    static void copyTree(final Path from, final Path to)
    {
        try (Stream<Path> files = Files.walk(from))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                final Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Exit status and output of one command line. */
    record Run(int status, String out, String err)
    {
    }

    static Run replay(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = ReplayMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
