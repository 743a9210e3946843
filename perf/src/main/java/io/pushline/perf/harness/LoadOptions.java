package io.pushline.perf.harness;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.chain.WaitStrategyType;
import io.pushline.perf.OrderMix;
import picocli.CommandLine.Option;

/**
 * The options every perf command shares: the workload, the load, the layout and where results go.
 */
public final class LoadOptions
{
    @Option(names = "--rate", defaultValue = "100k",
        description = "Offered rate, messages/s (e.g. 50000, 100k, 1m). Default: ${DEFAULT-VALUE}.")
    String rate;

    @Option(names = "--duration", defaultValue = "8s",
        description = "Measured time per run. Default: ${DEFAULT-VALUE}.")
    String duration;

    @Option(names = "--warmup", defaultValue = "4s",
        description = "Warm-up per run, not recorded (at least the starting book). Default: ${DEFAULT-VALUE}.")
    String warmup;

    @Option(names = "--levels", split = ",", defaultValue = "inproc,ipc",
        description = "Levels to run: inproc, ipc, udp, gateway. Default: ${DEFAULT-VALUE}.")
    List<String> levels = new ArrayList<>();

    @Option(names = "--systems", split = ",", defaultValue = "engine,echo",
        description = "At each level: engine, echo or both. Default: ${DEFAULT-VALUE}.")
    List<String> systems = new ArrayList<>();

    @Option(names = "--instruments", defaultValue = "4", description = "Instruments. Default: ${DEFAULT-VALUE}.")
    int instruments;

    @Option(names = "--sessions", defaultValue = "64", description = "Sessions entering orders. " +
        "Default: ${DEFAULT-VALUE}.")
    int sessions;

    @Option(names = "--resting-orders", defaultValue = "1000",
        description = "Orders in the starting book (all instruments). Default: ${DEFAULT-VALUE}.")
    int restingOrders;

    @Option(names = "--cycle", defaultValue = "200000",
        description = "Commands in one generated cycle, replayed with fresh ids. Default: ${DEFAULT-VALUE}.")
    int cycle;

    @Option(names = "--mix", defaultValue = "exchange-core", description = "Order mix: exchange-core, or " +
        "passive=P,aggressive=A,cancel=C,replace=R in percent. Default: ${DEFAULT-VALUE}.")
    String mix;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the workload. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--load-idle", defaultValue = "YIELDING",
        description = "Load thread between sends: BUSY_SPIN, YIELDING, BACKOFF. Default: ${DEFAULT-VALUE}.")
    String loadIdle;

    @Option(names = "--engine-wait", defaultValue = "YIELDING",
        description = "Wait strategy of the engine's chain thread and of the in-process echo's consumer: " +
            "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    WaitStrategyType engineWait;

    @Option(names = "--engine-layout", defaultValue = "INVOKER",
        description = "The engine's chain layout at every level: INVOKER (the engine process's default: the " +
            "chain runs on the thread that offers, the ingress thread over Aeron and the load thread in-process, " +
            "whose echo then answers inline too) or ONE_THREAD (a chain thread of its own behind the ring, and a " +
            "consumer thread for the in-process echo). Default: ${DEFAULT-VALUE}.")
    ChainLayout engineLayout;

    @Option(names = "--far-idle", defaultValue = "YIELDING",
        description = "Aeron levels: idle strategy of the far side's agent thread (engine bridge or echo). " +
            "Default: ${DEFAULT-VALUE}.")
    String farIdle;

    @Option(names = "--gateway-idle", defaultValue = "YIELDING",
        description = "Gateway level: idle strategy of the gateway's thread. Default: ${DEFAULT-VALUE}.")
    String gatewayIdle;

    @Option(names = "--driver-idle", description = "Aeron levels: idle strategy of the media driver's one thread. " +
        "Default: BACKOFF for ipc (the driver is off the data path), YIELDING for udp.")
    String driverIdle;

    @Option(names = "--max-orders", defaultValue = "65536",
        description = "Engine book capacity per instrument (pre-allocated). Default: ${DEFAULT-VALUE}.")
    int maxOrders;

    @Option(names = "--drain", defaultValue = "5s",
        description = "Wait after the last send for the last replies. Default: ${DEFAULT-VALUE}.")
    String drain;

    @Option(names = "--interval", defaultValue = "1s",
        description = "Interval of the .hlog interval log. Default: ${DEFAULT-VALUE}.")
    String interval;

    @Option(names = "--out", description = "Output directory. Default: target/perf/<timestamp>.")
    Path out;

    /**
     * @return the load of one run.
     */
    public RunSpec runSpec()
    {
        return new RunSpec(Units.rate(rate), Units.durationNs(warmup), Units.durationNs(duration), loadIdle,
            Units.durationNs(drain), Units.durationNs(interval));
    }

    /**
     * @return the workload (generates it: a second or two).
     */
    public Workload workload()
    {
        return Workload.generate(instruments, sessions, restingOrders, cycle, OrderMix.parse(mix), seed);
    }

    /**
     * @return the output directory, a fresh one under target/perf unless given.
     */
    public Path outputDirectory()
    {
        if (out == null)
        {
            out = Path.of("target", "perf", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        return out;
    }

    /**
     * @param level inproc, ipc or udp.
     * @return the driver idle strategy for that level.
     */
    public String driverIdle(final String level)
    {
        return driverIdle != null ? driverIdle : level.equals("udp") ? "YIELDING" : "BACKOFF";
    }
}
