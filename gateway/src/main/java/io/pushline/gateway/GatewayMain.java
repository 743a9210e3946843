package io.pushline.gateway;

import io.pushline.config.ConfigException;
import io.pushline.config.PropertiesConfig;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Runs a gateway from a config file until SIGINT or SIGTERM, then closes it gracefully (every session gets
 * Terminate GATEWAY_SHUTDOWN, cancel-on-disconnect applies).
 * <pre>
 * java --add-opens java.base/jdk.internal.misc=ALL-UNNAMED -cp ... io.pushline.gateway.GatewayMain \
 *     [--config] [config/gateway.properties]
 * </pre>
 * Exit status: 0 after a signal, 2 for a bad configuration (the message names the key) or a port in use.
 */
public final class GatewayMain
{
    /** Default config file, relative to the Pushline home. */
    public static final String DEFAULT_CONFIG = "config/gateway.properties";

    private GatewayMain()
    {
    }

    /**
     * @param args {@code [--config] file}, optional.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final Path configFile = args.length == 0 ? PropertiesConfig.home().resolve(DEFAULT_CONFIG) :
            Path.of(args[args.length - 1]).toAbsolutePath();
        if (args.length > 2 || (args.length == 2 && !args[0].equals("--config")))
        {
            err.println("usage: GatewayMain [--config] [config/gateway.properties]");
            return 2;
        }
        final Gateway.Context context;
        try
        {
            context = GatewayConfiguration.apply(PropertiesConfig.load(configFile), new Gateway.Context())
                .errorHandler(ex -> err.println("gateway: error: " + ex));
        }
        catch (final ConfigException ex)
        {
            err.println("gateway: bad configuration: " + ex.getMessage());
            return 2;
        }

        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
            Gateway gateway = Gateway.launch(context))
        {
            out.println("gateway " + context.gatewayId() + ": listening on " + context.bindHost() + ":" +
                gateway.port() + ", " + context.sessions().stream()
                .filter(s -> s.gatewayId() == context.gatewayId()).count() + " sessions, engine via " +
                context.transport().ingressChannel() + " stream " + context.transport().ingressStreamId() +
                " (Aeron dir " + context.transport().aeronDirectory() + "); config " + configFile);
            barrier.await();
            out.println("gateway " + context.gatewayId() + ": stopping (Terminate GATEWAY_SHUTDOWN to sessions)");
            return 0;
        }
        catch (final ConfigException | UncheckedIOException ex)
        {
            err.println("gateway: cannot start: " + ex.getMessage());
            return 2;
        }
        catch (final RuntimeException ex)
        {
            err.println("gateway: cannot start: " + ex + " (is the engine running? start it first: " +
                "scripts/pushline engine)");
            return 2;
        }
    }
}
