package io.pushline.replay;

import java.nio.file.Path;
import java.nio.file.Files;
import java.util.stream.Stream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.Engine;
import io.pushline.engine.match.SelfTradePrevention;
import io.pushline.journal.SyncPolicy;
import io.pushline.sbe.AdminAction;
import io.pushline.sbe.AdminCommandEncoder;
import io.pushline.sbe.MessageHeaderEncoder;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * {@code generate}: records a sample journal by running a seeded {@link OrderFlowGenerator} through a real engine
 * that journals into a directory. Engine time comes from a synthetic clock: it starts at a given instant and advances
 * by random gaps averaging one over the rate, so the recorded pace is known (and the same for the same seed).
 */
public final class SampleJournal
{
    /**
     * What to record.
     *
     * @param commands               commands to send.
     * @param seed                   random seed.
     * @param sessions               sessions sending orders.
     * @param ratePerSecond          mean commands per second of engine time.
     * @param startNs                engine time of the first command (epoch ns).
     * @param snapshotEvery          an admin SNAPSHOT command every so many commands (0: none).
     * @param instruments            reference data.
     * @param maxOrdersPerInstrument engine capacity.
     * @param selfTradePrevention    engine self-trade mode.
     * @param syncPolicy             journal sync policy.
     */
    public record Settings(
        long commands,
        long seed,
        int sessions,
        double ratePerSecond,
        long startNs,
        long snapshotEvery,
        List<InstrumentDefinition> instruments,
        int maxOrdersPerInstrument,
        SelfTradePrevention selfTradePrevention,
        SyncPolicy syncPolicy)
    {
    }

    /** Called after each command is offered (on the offering thread). */
    @FunctionalInterface
    public interface Observer
    {
        /**
         * @param engine   the recording engine.
         * @param sequence the command just offered.
         */
        void afterCommand(Engine engine, long sequence);
    }

    private SampleJournal()
    {
    }

    /** Before the engine opens anything: opening a journal recovers it and records the configuration. */
    private static void refuseExistingJournal(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return;
        }
        try (Stream<Path> files = Files.list(directory))
        {
            final boolean used = files.anyMatch(f ->
            {
                final String name = f.getFileName().toString();
                return name.endsWith(".seg") || name.equals("engine-config.properties");
            });
            if (used)
            {
                throw new ReplayException(directory + " already holds a journal: generate into an empty directory " +
                    "(nothing in it was changed)");
            }
        }
        catch (final IOException ex)
        {
            throw new ReplayException("cannot read " + directory + ": " + ex.getMessage());
        }
    }

    /**
     * Record a journal.
     *
     * @param directory journal directory (created).
     * @param settings  what to record.
     * @param observer  called after every command, or null.
     * @param progress  progress mode.
     * @return the last command sequence.
     */
    public static long record(
        final Path directory, final Settings settings, final Observer observer, final Progress.Mode progress)
    {
        final OrderFlowGenerator generator =
            new OrderFlowGenerator(settings.seed(), settings.instruments(), settings.sessions());
        final SplittableRandom gaps = new SplittableRandom(settings.seed() ^ 0x5DEECE66DL);
        final long[] now = { settings.startNs() };
        final EpochNanoClock clock = () -> now[0];
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final double meanGapNs = 1e9 / settings.ratePerSecond();
        refuseExistingJournal(directory);
        final Progress line = Progress.create(progress, "generate", settings.commands());
        try (Engine engine = Engine.launch(new Engine.Context()
            .instruments(settings.instruments())
            .maxOrdersPerInstrument(settings.maxOrdersPerInstrument())
            .selfTradePrevention(settings.selfTradePrevention())
            .journalDirectory(directory)
            .syncPolicy(settings.syncPolicy())
            .snapshotIntervalCommands(0)
            .clock(clock)))
        {
            if (engine.lastSequence() != 0)
            {
                throw new ReplayException(directory + " already holds a journal (last command " +
                    engine.lastSequence() + "): generate into an empty directory");
            }
            for (long i = 1; i <= settings.commands(); i++)
            {
                // exponential gaps: a Poisson stream at the given rate
                now[0] += (long)(-Math.log(1.0 - gaps.nextDouble()) * meanGapNs);
                final int length = settings.snapshotEvery() > 0 && i % settings.snapshotEvery() == 0 ?
                    snapshotCommand(buffer) : generator.next(buffer, 0, now[0]);
                final long sequence = engine.offer(buffer, 0, length);
                if (observer != null)
                {
                    observer.afterCommand(engine, sequence);
                }
                if ((i & 1023) == 0)
                {
                    Progress.update(line, i);
                }
            }
            engine.awaitIdle();
            Progress.finish(line);
            return engine.lastSequence();
        }
    }

    private static int snapshotCommand(final UnsafeBuffer buffer)
    {
        final AdminCommandEncoder admin = new AdminCommandEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .sessionId(0).gatewayId(0).timestampNs(0).sequence(0).price(0).instrumentId(0).action(AdminAction.SNAPSHOT);
        return MessageHeaderEncoder.ENCODED_LENGTH + admin.encodedLength();
    }
}
