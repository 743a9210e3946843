package io.pushline.replay;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.pushline.journal.JournalReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code replay stats}: counts per type, session and instrument, rate over time, first and last time, gaps.
 */
@Command(name = "stats", description = "Counts per message type, session and instrument, rate over time, gaps.")
final class StatsCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOURNAL_DIR", description = "the engine's journal directory")
    private Path directory;

    @Option(names = "--outputs", description = "read the output journal (reports) instead of the input journal")
    private boolean outputs;

    @Option(names = "--interval-ms", paramLabel = "MS", defaultValue = "1000",
        description = "rate interval of engine time (default: ${DEFAULT-VALUE})")
    private long intervalMs;

    @Option(names = "--table", description = "print the count of every interval")
    private boolean table;

    @Mixin
    private FilterOptions filterOptions;

    @Mixin
    private ProgressOption progress;

    public Integer call()
    {
        if (intervalMs <= 0)
        {
            throw new IllegalArgumentException("--interval-ms must be positive, got " + intervalMs);
        }
        final SchemaCatalog catalog = SchemaCatalog.instance();
        final RecordFilter filter = filterOptions.filter(catalog);
        final JournalStats stats = new JournalStats(filter, intervalMs * 1_000_000L);
        final String prefix = outputs ? Journals.OUTPUT : Journals.INPUT;
        final Progress line = Progress.create(progress.mode, "stats",
            Progress.enabled(progress.mode) ? Journals.lastSequence(directory, prefix) : 0);
        try (JournalReader reader = Journals.open(directory, prefix, true, true))
        {
            while (reader.poll(stats, 4096) > 0)
            {
                Progress.update(line, stats.records());
            }
        }
        Progress.finish(line);
        stats.print(spec.commandLine().getOut(), catalog, directory + " " + prefix, table);
        return 0;
    }
}
