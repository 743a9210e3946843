package io.pushline.replay;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.pushline.journal.JournalHandler;
import io.pushline.journal.JournalReader;
import org.agrona.DirectBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code replay dump}: a journal as text or JSON lines, every field decoded, filtered; {@code --follow} tails it.
 */
@Command(name = "dump", description = "Print a journal as text or JSON lines, every SBE field decoded.")
final class DumpCommand implements Callable<Integer>, JournalHandler
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOURNAL_DIR", description = "the engine's journal directory")
    private Path directory;

    @Option(names = "--outputs", description = "read the output journal (reports) instead of the input journal")
    private boolean outputs;

    @Option(names = "--json", description = "one JSON object per line")
    private boolean json;

    @Mixin
    private FilterOptions filterOptions;

    @Option(names = "--limit", paramLabel = "N", description = "stop after printing N records")
    private long limit = Long.MAX_VALUE;

    @Option(names = "--follow", description = "keep reading as the journal grows (new segments too) until interrupted")
    private boolean follow;

    @Option(names = "--poll-interval-ms", paramLabel = "MS", defaultValue = "100",
        description = "how often --follow looks for new records (default: ${DEFAULT-VALUE})")
    private long pollIntervalMs;

    private final SchemaCatalog catalog = SchemaCatalog.instance();
    private final MessageFormatter formatter = new MessageFormatter(catalog);
    private final StringBuilder line = new StringBuilder(512);
    private RecordFilter filter;
    private PrintWriter out;
    private long printed;
    private boolean done;

    public Integer call()
    {
        if (limit < 1)
        {
            throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
        }
        filter = filterOptions.filter(catalog);
        out = spec.commandLine().getOut();
        try (JournalReader reader = Journals.open(directory, outputs ? Journals.OUTPUT : Journals.INPUT, true,
            !follow))
        {
            if (filterOptions.fromSequence != null)
            {
                reader.seek(filterOptions.fromSequence);
            }
            while (!done)
            {
                if (reader.poll(this, 4096) == 0)
                {
                    if (!follow)
                    {
                        break;
                    }
                    out.flush();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pollIntervalMs));
                    if (Thread.currentThread().isInterrupted())
                    {
                        break;
                    }
                }
            }
        }
        out.flush();
        return 0;
    }

    public void onRecord(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int type,
        final long sequence,
        final long timestampNs)
    {
        if (done)
        {
            return;
        }
        if (sequence > filter.toSequence())
        {
            done = true;
            return;
        }
        if (!filter.matches(buffer, offset, length, sequence))
        {
            return;
        }
        line.setLength(0);
        if (json)
        {
            formatter.appendJson(line, buffer, offset, length, sequence, timestampNs);
        }
        else
        {
            formatter.appendText(line, buffer, offset, length, sequence, timestampNs);
        }
        out.append(line).append('\n');
        done = ++printed >= limit;
    }
}
