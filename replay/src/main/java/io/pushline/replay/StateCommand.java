package io.pushline.replay;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code replay state}: the books and a session's open orders after a sequence or at a time.
 */
@Command(name = "state", description = "Rebuild the engine state after a command sequence or at an engine time "
    + "(nearest snapshot plus the journal) and print the books and the state hash.")
final class StateCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOURNAL_DIR", description = "the engine's journal directory")
    private Path directory;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Point point;

    /** Where to stop: exactly one of these. */
    static final class Point
    {
        @Option(names = "--sequence", paramLabel = "N", description = "state after command N")
        Long sequence;

        @Option(names = "--time", paramLabel = "TIME",
            description = "state after the last command at or before this engine time (ISO-8601 or epoch ns)")
        String time;

        @Option(names = "--end", description = "state after the last command of the journal")
        boolean end;
    }

    @Option(names = "--depth", paramLabel = "N", defaultValue = "5",
        description = "price levels per side (default: ${DEFAULT-VALUE})")
    private int depth;

    @Option(names = "--instrument", paramLabel = "ID", description = "only this instrument's book")
    private Integer instrument;

    @Option(names = "--session", paramLabel = "ID", description = "also list this session's open orders")
    private Integer session;

    @Option(names = "--all", description = "also print instruments whose book is empty")
    private boolean all;

    @Option(names = "--snapshots", paramLabel = "DIR",
        description = "snapshot directory (default: JOURNAL_DIR/snapshots)")
    private Path snapshots;

    @Option(names = "--no-snapshots", description = "replay from the journal's start, ignoring snapshots")
    private boolean noSnapshots;

    @Mixin
    private EngineOptions engine;

    @Mixin
    private ProgressOption progress;

    public Integer call()
    {
        if (depth < 1)
        {
            throw new IllegalArgumentException("--depth must be at least 1, got " + depth);
        }
        final PrintWriter out = spec.commandLine().getOut();
        final StateRebuilder rebuilder = new StateRebuilder(directory,
            engine.engineContext(directory, spec.commandLine().getErr()),
            noSnapshots ? null : snapshots != null ? snapshots : directory.resolve("snapshots"), progress.mode);
        final StateRebuilder.State state = point.sequence != null ? rebuilder.atSequence(point.sequence) :
            point.time != null ? rebuilder.atTime(RecordFilter.parseTime(point.time)) :
            rebuilder.atSequence(Long.MAX_VALUE);
        final StringBuilder time = new StringBuilder();
        MessageFormatter.appendTime(time, state.timestampNs());
        out.printf("state after command %d (engine time %s)%n", state.sequence(), time);
        out.printf("from %s, %d commands replayed%n", state.snapshot() == null ? "the journal start" :
            "snapshot " + state.snapshot(), state.replayed());
        out.printf("state hash %d (0x%016x), %d resting orders%n", state.stateHash(), state.stateHash(),
            state.books().orders().size());
        state.books().printBooks(out, depth, instrument, all);
        if (session != null)
        {
            state.books().printOpenOrders(out, session);
        }
        return 0;
    }
}
