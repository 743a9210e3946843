package io.pushline.engine.node;

import io.pushline.config.ConfigException;
import io.pushline.config.PropertiesConfig;
import io.pushline.config.TransportSettings;
import io.pushline.engine.Engine;
import io.pushline.journal.RecoveryReport;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Runs the engine process from a config file until SIGINT or SIGTERM, then shuts down gracefully (answers what it
 * took, syncs the journal, closes the driver).
 * <pre>
 * java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED -cp ... io.pushline.engine.node.EngineMain \
 *     [config/engine.properties]
 * </pre>
 * Exit status: 143 (128 + SIGTERM, as for any JVM stopped by the signal; 130 for SIGINT) after a clean stop, 1 when
 * the engine failed on its own, 2 for a bad configuration (the message names the key). "engine: stopped" on stdout
 * says the engine answered what it took and synced its journal.
 */
public final class EngineMain
{
    /** Default config file, under the Pushline home (see {@link PropertiesConfig#home()}). */
    public static final String DEFAULT_CONFIG = "config/engine.properties";

    private EngineMain()
    {
    }

    /**
     * @param args optional path of the config file.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final Path configFile = args.length > 0 ? Path.of(args[0]) : PropertiesConfig.homeFile(DEFAULT_CONFIG);
        final EngineNode.Context context;
        try
        {
            context = EngineNodeConfiguration.apply(PropertiesConfig.load(configFile), new EngineNode.Context());
        }
        catch (final ConfigException ex)
        {
            err.println("engine: bad configuration: " + ex.getMessage());
            return 2;
        }

        // the barrier's shutdown hook holds the JVM until the barrier closes: close the node (and say so) first
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            final EngineNode node;
            try
            {
                node = EngineNode.launch(context.errorHandler(ex -> err.println("engine: error: " + ex)));
            }
            catch (final ConfigException ex)
            {
                err.println("engine: bad configuration: " + ex.getMessage());
                return 2;
            }
            try
            {
                printStarted(node, configFile, out);
                final Thread watchdog = new Thread(() -> watch(node, barrier), "pushline-engine-watchdog");
                watchdog.setDaemon(true);
                watchdog.start();
                barrier.await();
                out.println("engine: stopping (answering what was taken, syncing the journal)");
            }
            finally
            {
                node.close();
                out.println("engine: stopped" + (node.failure() != null ? " after a FAILURE: " + node.failure() : ""));
                out.flush();
            }
            return node.failure() != null ? 1 : 0;
        }
    }

    private static void watch(final EngineNode node, final ShutdownSignalBarrier barrier)
    {
        while (node.failure() == null)
        {
            try
            {
                Thread.sleep(100);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
        }
        barrier.signal();
    }

    private static void printStarted(final EngineNode node, final Path configFile, final PrintStream out)
    {
        final Engine engine = node.engine();
        final Engine.Context c = engine.context();
        final TransportSettings t = node.context().transport();
        out.println("engine: started from " + configFile.toAbsolutePath().normalize());
        out.println("engine: " + c.instruments().size() + " instruments, layout " + c.layout() + ", wait strategy " +
            c.waitStrategy() + ", self-trade prevention " + c.selfTradePrevention());
        if (c.journalDirectory() != null)
        {
            final RecoveryReport recovery = engine.journalRecovery();
            out.println("engine: journal " + c.journalDirectory().toAbsolutePath() + " (sync " + c.syncPolicy() +
                "); recovery: " + recovery + "; replayed " + engine.replayedAtStart() + " commands; last sequence " +
                engine.lastSequence() + (engine.snapshotsRejected() > 0 ?
                "; " + engine.snapshotsRejected() + " snapshot(s) failed their checks and were skipped" : ""));
        }
        else
        {
            out.println("engine: no journal (pushline.engine.journalDirectory unset): nothing survives a restart");
        }
        out.println("engine: aeron dir " + node.aeronDirectoryName() + (t.embeddedDriver() ?
            " (embedded driver, " + t.threadingMode() + ")" : " (external driver)") + ", idle " + t.idleStrategy());
        out.println("engine: ingress " + t.ingressChannel() + " stream " + t.ingressStreamId() + ", egress " +
            t.egressChannel() + " stream " + t.egressStreamId());
        out.println("engine: ready");
    }
}
