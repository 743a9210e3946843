package io.pushline.replay;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.pushline.config.PropertiesConfig;
import io.pushline.config.TransportSettings;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code replay publish}: the input journal's commands onto an Aeron channel at the recorded pace, a multiple of it,
 * or as fast as possible.
 */
@Command(name = "publish", description = "Publish the input journal's commands onto an Aeron channel, one SBE "
    + "message per Aeron message, at the recorded pace (--speed X scales it, --max ignores it).")
final class PublishCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOURNAL_DIR", description = "the engine's journal directory")
    private Path directory;

    @ArgGroup(exclusive = true)
    private Pace pace;

    /** How fast. */
    static final class Pace
    {
        @Option(names = "--speed", paramLabel = "X", description = "X times the recorded pace (default 1)")
        Double speed;

        @Option(names = "--max", description = "as fast as the channel takes them")
        boolean max;
    }

    @Option(names = "--transport", paramLabel = "FILE", defaultValue = "config/engine.properties",
        description = "file whose pushline.aeron.* settings give the default channel, stream and Aeron directory " +
            "(the engine's config: publish goes to its ingress; a relative path not found here is taken from the " +
            "Pushline home; default: ${DEFAULT-VALUE})")
    private Path transport;

    @Option(names = "--channel", paramLabel = "CHANNEL", description = "Aeron channel (default: the ingress channel)")
    private String channel;

    @Option(names = "--stream-id", paramLabel = "ID", description = "stream id (default: the ingress stream)")
    private Integer streamId;

    @Option(names = "--aeron-dir", paramLabel = "DIR", description = "media driver directory to connect to")
    private String aeronDirectory;

    @Option(names = "--embedded-driver", description = "start a media driver in this process (SHARED threading)")
    private boolean embeddedDriver;

    @Option(names = "--from-seq", paramLabel = "N", defaultValue = "1", description = "first command to publish")
    private long fromSequence;

    @Option(names = "--to-seq", paramLabel = "N", description = "last command to publish")
    private Long toSequence;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "10000",
        description = "longest wait for a subscriber, or for back pressure to clear on one command, before the run " +
            "fails (default: ${DEFAULT-VALUE})")
    private long timeoutMs;

    @Mixin
    private ProgressOption progress;

    public Integer call()
    {
        final TransportSettings settings = TransportSettings.from(
            PropertiesConfig.load(Files.exists(transport) ? transport : PropertiesConfig.home().resolve(transport),
                true, System.getProperties(), PropertiesConfig.home()), false);
        final String aeronDir = aeronDirectory != null ? aeronDirectory : settings.aeronDirectory();
        final double speed = pace == null || pace.speed == null ? (pace != null && pace.max ? 0 : 1) : pace.speed;
        if (pace != null && pace.speed != null && !(pace.speed > 0))
        {
            throw new IllegalArgumentException("--speed must be positive, got " + pace.speed);
        }
        MediaDriver driver = null;
        Aeron aeron = null;
        try
        {
            if (embeddedDriver)
            {
                final MediaDriver.Context driverContext = new MediaDriver.Context()
                    .threadingMode(ThreadingMode.SHARED)
                    .sharedIdleStrategy(new BackoffIdleStrategy())
                    .dirDeleteOnStart(false)
                    .dirDeleteOnShutdown(true);
                // an explicit directory lets other processes connect to this driver; else a random one. Never
                // dirDeleteOnStart: with an explicit directory it would wipe a running driver's (Aeron refuses an
                // active one only without it)
                driver = aeronDirectory != null ? MediaDriver.launch(driverContext.aeronDirectoryName(aeronDirectory)) :
                    MediaDriver.launchEmbedded(driverContext);
            }
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(driver != null ? driver.aeronDirectoryName() : aeronDir));
            final String onChannel = channel != null ? channel : settings.ingressChannel();
            final int onStream = streamId != null ? streamId : settings.ingressStreamId();
            final JournalPublisher.Result result = new JournalPublisher(directory, speed, fromSequence,
                toSequence == null ? Long.MAX_VALUE : toSequence, TimeUnit.MILLISECONDS.toNanos(timeoutMs),
                new BackoffIdleStrategy(), progress.mode).run(aeron, onChannel, onStream);
            final PrintWriter out = spec.commandLine().getOut();
            out.printf("published %d commands (%d..%d) to %s stream %d in %.3f s (recorded span %.3f s, %s); " +
                "back pressure retries %d, not connected retries %d%n", result.published(), result.firstSequence(),
                result.lastSequence(), onChannel, onStream, result.elapsedNs() / 1e9, result.recordedSpanNs() / 1e9,
                speed > 0 ? "speed " + speed : "as fast as possible", result.backPressureRetries(),
                result.notConnectedRetries());
            return 0;
        }
        finally
        {
            CloseHelper.closeAll(aeron, driver);
        }
    }
}
