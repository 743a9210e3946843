package io.pushline.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.pushline.journal.Journal;
import io.pushline.journal.JournalReader;

/**
 * Opening the engine's journals for reading: {@code input-*.seg} (commands) and {@code output-*.seg} (reports) in a
 * journal directory. Readers never change the files, so a journal can be read while the engine writes it.
 */
public final class Journals
{
    /** File prefix of the input journal. */
    public static final String INPUT = "input";
    /** File prefix of the output journal. */
    public static final String OUTPUT = "output";

    private Journals()
    {
    }

    /**
     * @param directory       journal directory.
     * @param prefix          {@link #INPUT} or {@link #OUTPUT}.
     * @param verifyChecksums check the CRC32C of every record.
     * @param mustExist       refuse a directory without segment files of this prefix.
     * @return a reader at the start of the journal.
     * @throws ReplayException when the directory or (if it must exist) the journal is missing.
     */
    public static JournalReader open(
        final Path directory, final String prefix, final boolean verifyChecksums, final boolean mustExist)
    {
        if (!Files.isDirectory(directory))
        {
            throw new ReplayException("no journal directory " + directory);
        }
        if (mustExist && !hasSegments(directory, prefix))
        {
            throw new ReplayException("no " + prefix + "-*.seg journal in " + directory);
        }
        return JournalReader.open(new JournalReader.Context()
            .directory(directory)
            .filePrefix(prefix)
            .verifyChecksums(verifyChecksums));
    }

    /**
     * @param directory journal directory.
     * @param prefix    file prefix.
     * @return true if at least one segment file of the journal exists.
     */
    public static boolean hasSegments(final Path directory, final String prefix)
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.anyMatch(p -> p.getFileName().toString().startsWith(prefix + "-") &&
                p.getFileName().toString().endsWith(".seg"));
        }
        catch (final IOException ex)
        {
            throw new ReplayException("cannot list " + directory + ": " + ex, ex);
        }
    }

    /**
     * @param directory journal directory.
     * @param prefix    file prefix.
     * @return sequence of the first record, or {@link Journal#NULL_SEQUENCE} if the journal is empty.
     */
    public static long firstSequence(final Path directory, final String prefix)
    {
        try (JournalReader reader = open(directory, prefix, true, true))
        {
            final long[] first = { Journal.NULL_SEQUENCE };
            reader.poll((buffer, offset, length, type, sequence, timestampNs) -> first[0] = sequence, 1);
            return first[0];
        }
    }

    /**
     * Reads the last segment only (a seek past the end walks from the last segment's first record).
     *
     * @param directory journal directory.
     * @param prefix    file prefix.
     * @return sequence of the last record, or {@link Journal#NULL_SEQUENCE} if the journal is empty.
     */
    public static long lastSequence(final Path directory, final String prefix)
    {
        try (JournalReader reader = open(directory, prefix, true, true))
        {
            reader.seek(Long.MAX_VALUE);
            while (reader.poll((buffer, offset, length, type, sequence, timestampNs) -> { }, Integer.MAX_VALUE) > 0)
            {
                continue;
            }
            return reader.lastSequence();
        }
    }
}
