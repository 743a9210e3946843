package io.pushline.replay;

import java.io.PrintWriter;
import java.nio.file.Path;

import io.pushline.config.InstrumentsFile;
import io.pushline.config.PropertiesConfig;
import io.pushline.engine.Engine;
import io.pushline.engine.node.EngineNode;
import io.pushline.engine.node.EngineNodeConfiguration;
import io.pushline.engine.RecordedConfiguration;
import io.pushline.engine.match.SelfTradePrevention;
import picocli.CommandLine.Option;

/**
 * Options of the commands that run an engine: the configuration of the engine a replay starts (by default the one
 * recorded in the journal directory).
 */
final class EngineOptions
{
    @Option(names = "--config", paramLabel = "FILE",
        description = "engine properties to replay with instead of <journal>/engine-config.properties")
    Path config;

    @Option(names = "--instruments", paramLabel = "FILE",
        description = "instruments CSV to replay with instead of the recorded one")
    Path instruments;

    @Option(names = "--self-trade-prevention", paramLabel = "MODE",
        description = "override the self-trade prevention mode: ${COMPLETION-CANDIDATES}")
    SelfTradePrevention selfTradePrevention;

    @Option(names = "--max-orders-per-instrument", paramLabel = "N",
        description = "override the engine capacity per instrument")
    Integer maxOrdersPerInstrument;

    /**
     * @param journalDirectory journal directory with the recorded configuration.
     * @param err              where to warn about a configuration change inside the journal.
     * @return an engine context (not concluded) as recorded, with the overrides applied.
     */
    Engine.Context engineContext(final Path journalDirectory, final PrintWriter err)
    {
        final Engine.Context context;
        if (config != null)
        {
            // a recorded configuration names its instruments file beside it; an engine process's file (with its node
            // and transport keys) names paths from the Pushline home
            final Path base = config.getFileName().toString().startsWith("engine-config") ?
                config.toAbsolutePath().getParent() : PropertiesConfig.home();
            context = EngineNodeConfiguration.apply(
                PropertiesConfig.load(config, false, System.getProperties(), base), new EngineNode.Context())
                .engineContext();
        }
        else
        {
            context = RecordedConfiguration.load(journalDirectory);
            final long changedAt = RecordedConfiguration.lastChangeSequence(journalDirectory);
            if (changedAt > 0)
            {
                err.println("warning: the engine configuration changed at command " + changedAt + " (see " +
                    journalDirectory.resolve(RecordedConfiguration.HISTORY_DIRECTORY) + "); replaying with the " +
                    "newest one for the whole run");
            }
        }
        if (instruments != null)
        {
            context.instruments(InstrumentsFile.load(instruments));
        }
        if (selfTradePrevention != null)
        {
            context.selfTradePrevention(selfTradePrevention);
        }
        if (maxOrdersPerInstrument != null)
        {
            context.maxOrdersPerInstrument(maxOrdersPerInstrument);
        }
        return context;
    }
}
