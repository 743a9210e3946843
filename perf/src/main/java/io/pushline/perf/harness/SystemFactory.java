package io.pushline.perf.harness;

import java.util.Locale;

import io.pushline.engine.chain.ChainLayout;

/**
 * Makes the system under test for a level (inproc, ipc, udp, gateway) and a kind (engine, echo).
 */
public final class SystemFactory
{
    private SystemFactory()
    {
    }

    /**
     * @param level    inproc, ipc, udp or gateway.
     * @param kind     engine or echo.
     * @param workload of the run.
     * @param options  layout options.
     * @return a system, not started.
     * @throws IllegalArgumentException for an unknown level or kind.
     */
    public static SystemUnderTest create(
        final String level, final String kind, final Workload workload, final LoadOptions options)
    {
        final boolean engine = switch (kind.toLowerCase(Locale.ROOT))
        {
            case "engine" -> true;
            case "echo" -> false;
            default -> throw new IllegalArgumentException("system '" + kind + "': expected engine or echo");
        };
        return switch (level.toLowerCase(Locale.ROOT))
        {
            case "inproc" -> engine ?
                new InProcessEngineSystem(workload, options.engineWait, options.engineLayout, options.maxOrders) :
                new InProcessEchoSystem(options.engineWait, options.engineLayout == ChainLayout.INVOKER);
            case "ipc", "udp" -> new AeronSystem(
                engine ? AeronSystem.FarSide.ENGINE : AeronSystem.FarSide.ECHO,
                level.equalsIgnoreCase("ipc") ? AeronSystem.Transport.IPC : AeronSystem.Transport.UDP,
                workload, options.driverIdle(level), options.farIdle, options.engineWait, options.engineLayout,
                options.maxOrders);
            case "gateway" -> new GatewaySystem(
                engine ? GatewaySystem.FarSide.ENGINE : GatewaySystem.FarSide.ECHO,
                workload, options.driverIdle(level), options.farIdle, options.gatewayIdle, options.engineWait,
                options.engineLayout, options.maxOrders);
            default -> throw new IllegalArgumentException(
                "level '" + level + "': expected inproc, ipc, udp or gateway");
        };
    }
}
