package io.pushline.launcher;

import io.pushline.config.ConfigException;
import io.pushline.config.PropertiesConfig;
import io.pushline.engine.node.EngineMain;
import io.pushline.engine.node.EngineNode;
import io.pushline.engine.node.EngineNodeConfiguration;
import io.pushline.gateway.Gateway;
import io.pushline.gateway.GatewayConfiguration;
import io.pushline.gateway.GatewayMain;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The whole system in one process, for a first try and for development: an embedded media driver, the engine and
 * one gateway, talking over Aeron IPC exactly as separate processes do.
 * <pre>
 * scripts/pushline start [--engine-config config/engine.properties] [--gateway-config config/gateway.properties]
 * </pre>
 * Stops on SIGINT/SIGTERM: the gateway first (sessions get Terminate GATEWAY_SHUTDOWN), then the engine (answers
 * what it took, syncs its journal), then the driver.
 */
public final class StartMain
{
    private StartMain()
    {
    }

    /**
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        Path engineConfig = PropertiesConfig.homeFile(EngineMain.DEFAULT_CONFIG);
        Path gatewayConfig = PropertiesConfig.homeFile(GatewayMain.DEFAULT_CONFIG);
        for (int i = 0; i < args.length; i++)
        {
            if ("--engine-config".equals(args[i]) && i + 1 < args.length)
            {
                engineConfig = Path.of(args[++i]);
            }
            else if ("--gateway-config".equals(args[i]) && i + 1 < args.length)
            {
                gatewayConfig = Path.of(args[++i]);
            }
            else
            {
                err.println("usage: start [--engine-config FILE] [--gateway-config FILE]");
                return 2;
            }
        }
        final EngineNode.Context engineContext;
        final Gateway.Context gatewayContext;
        try
        {
            engineContext = EngineNodeConfiguration.apply(PropertiesConfig.load(engineConfig), new EngineNode.Context())
                .errorHandler(ex -> err.println("engine: error: " + ex));
            gatewayContext = GatewayConfiguration.apply(PropertiesConfig.load(gatewayConfig), new Gateway.Context())
                .errorHandler(ex -> err.println("gateway: error: " + ex));
        }
        catch (final ConfigException ex)
        {
            err.println("start: bad configuration: " + ex.getMessage());
            return 2;
        }
        return runSystem(engineContext, gatewayContext, out);
    }

    private static int runSystem(
        final EngineNode.Context engineContext, final Gateway.Context gatewayContext, final PrintStream out)
    {
        try (ShutdownSignalBarrier barrier = new ShutdownSignalBarrier())
        {
            final EngineNode node = EngineNode.launch(engineContext);
            try
            {
                final Gateway gateway = Gateway.launch(gatewayContext.aeron(node.aeron()));
                try
                {
                    printStarted(node, gateway, out);
                    barrier.await();
                    out.println("pushline: stopping");
                }
                finally
                {
                    gateway.close();
                }
            }
            finally
            {
                node.close();
                out.println("pushline: stopped" + (node.failure() != null ? " after an engine FAILURE: " +
                    node.failure() : ""));
                out.flush();
            }
            return node.failure() != null ? 1 : 0;
        }
    }

    private static void printStarted(final EngineNode node, final Gateway gateway, final PrintStream out)
    {
        final var engine = node.engine().context();
        out.println("pushline: engine up: " + engine.instruments().size() + " instruments, layout " +
            engine.layout() + ", journal " + (engine.journalDirectory() == null ? "off" :
            engine.journalDirectory().toAbsolutePath() + " (replayed " + node.engine().replayedAtStart() +
            " commands)") + ", Aeron dir " + node.aeronDirectoryName());
        out.println("pushline: gateway " + gateway.context().gatewayId() + " listening on " +
            gateway.context().bindHost() + ":" + gateway.port());
        out.println("pushline: ready. In another terminal, a buy from session 1 and a crossing sell from session 2:");
        out.println("  scripts/pushline client --session 1 --file config/example-orders.csv --wait 5000 &");
        out.println("  scripts/pushline client --session 2 --file config/example-orders.jsonl");
        out.println("  (README.md, Quick start, explains the output; stop this process with Ctrl-C)");
    }
}
