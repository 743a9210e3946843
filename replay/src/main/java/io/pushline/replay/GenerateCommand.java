package io.pushline.replay;

import java.nio.file.Path;
import java.nio.file.Files;
import java.util.concurrent.Callable;

import io.pushline.config.InstrumentsFile;
import io.pushline.config.PropertiesConfig;
import io.pushline.engine.EngineConfiguration;
import io.pushline.engine.match.SelfTradePrevention;
import io.pushline.journal.SyncPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code replay generate}: record a sample journal from a seeded random order flow through a real engine.
 */
@Command(name = "generate", description = "Record a sample journal: a seeded random order flow through a real "
    + "engine that journals into JOURNAL_DIR (for examples, tests and benchmarks).")
final class GenerateCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOURNAL_DIR", description = "new journal directory")
    private Path directory;

    @Option(names = "--commands", paramLabel = "N", defaultValue = "100000",
        description = "commands to send (default: ${DEFAULT-VALUE})")
    private long commands;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
        description = "random seed (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "8",
        description = "sessions (default: ${DEFAULT-VALUE})")
    private int sessions;

    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "10000",
        description = "mean commands per second of engine time (default: ${DEFAULT-VALUE})")
    private double rate;

    @Option(names = "--start", paramLabel = "TIME", defaultValue = "2026-01-05T14:30:00Z",
        description = "engine time of the first command (default: ${DEFAULT-VALUE})")
    private String start;

    @Option(names = "--snapshot-every", paramLabel = "N", defaultValue = "0",
        description = "an admin SNAPSHOT command every N commands (default: none)")
    private long snapshotEvery;

    @Option(names = "--instruments", paramLabel = "FILE", defaultValue = EngineConfiguration.INSTRUMENTS_FILE_DEFAULT,
        description = "instruments CSV (default: ${DEFAULT-VALUE})")
    private Path instruments;

    @Option(names = "--max-orders-per-instrument", paramLabel = "N",
        defaultValue = "" + EngineConfiguration.MAX_ORDERS_PER_INSTRUMENT_DEFAULT,
        description = "engine capacity per instrument (default: ${DEFAULT-VALUE})")
    private int maxOrdersPerInstrument;

    @Option(names = "--self-trade-prevention", paramLabel = "MODE", defaultValue = "CANCEL_AGGRESSING",
        description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    private SelfTradePrevention selfTradePrevention;

    @Option(names = "--sync-policy", paramLabel = "POLICY", defaultValue = "NONE",
        description = "journal sync policy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    private SyncPolicy syncPolicy;

    @Mixin
    private ProgressOption progress;

    public Integer call()
    {
        if (commands < 1 || sessions < 1 || !(rate > 0))
        {
            throw new IllegalArgumentException("--commands, --sessions and --rate must be positive");
        }
        // a relative path not found here (the default, run outside the repository) is taken from the Pushline home
        final Path instrumentsFile =
            Files.exists(instruments) ? instruments : PropertiesConfig.home().resolve(instruments);
        final long startNs = System.nanoTime();
        final long last = SampleJournal.record(directory, new SampleJournal.Settings(commands, seed, sessions, rate,
            RecordFilter.parseTime(start), snapshotEvery, InstrumentsFile.load(instrumentsFile), maxOrdersPerInstrument,
            selfTradePrevention, syncPolicy), null, progress.mode);
        spec.commandLine().getOut().printf("recorded %d commands (seed %d) into %s in %.1f s%n", last, seed, directory,
            (System.nanoTime() - startNs) / 1e9);
        return 0;
    }
}
