package io.pushline.engine;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.match.Command;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.ExpandableArrayBuffer;

/**
 * Run in a child JVM with a small heap by {@link MemoryFootprintTest}: fills the engine with one million resting
 * orders over a hundred instruments, then shows the next order is rejected BOOK_FULL rather than running out of
 * memory. Exits 0 and prints "OK ..." on success.
 */
public final class MemoryFootprintMain
{
    static final int INSTRUMENTS = 100;
    static final int SESSIONS = 100;
    static final int MAX_ORDERS = 1 << 20;
    /** 1,048,576 orders spread evenly: instruments 1..76 take 10,486 each, the rest 10,485. */
    static final int MAX_ORDERS_PER_INSTRUMENT = (MAX_ORDERS + INSTRUMENTS - 1) / INSTRUMENTS;

    private MemoryFootprintMain()
    {
    }

    /**
     * @param args unused.
     */
    public static void main(final String[] args)
    {
        final List<InstrumentDefinition> instruments = new ArrayList<>();
        for (int i = 1; i <= INSTRUMENTS; i++)
        {
            instruments.add(new InstrumentDefinition(i, "I" + i, 100, 1, 1_000_000, 1000, 1_000_000, Long.MAX_VALUE));
        }
        final long[] lastReject = { -1 };
        final long[] rejects = { 0 };
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final ExecutionReportDecoder report = new ExecutionReportDecoder();
        try (Engine engine = Engine.launch(new Engine.Context()
            .instruments(instruments)
            .maxOrdersPerInstrument(MAX_ORDERS_PER_INSTRUMENT)
            .outputSink((buffer, offset, length) ->
            {
                report.wrapAndApplyHeader(buffer, offset, header);
                if (report.execType() == ExecType.REJECTED)
                {
                    rejects[0]++;
                    lastReject[0] = report.rejectReasonRaw();
                }
            })))
        {
            final SbeCommands sbe = new SbeCommands();
            final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
            final Command command = new Command();
            for (int n = 0; n < MAX_ORDERS; n++)
            {
                offer(engine, sbe, buffer, restingOrder(command, n));
            }
            final int resting = engine.restingOrderCount();
            restingOrder(command, MAX_ORDERS).instrumentId = 1;
            // instrument 1 already rests its maximum
            offer(engine, sbe, buffer, command);
            engine.awaitIdle();
            final long[] snapshotBytes = { 0 };
            final long snapshotStart = System.nanoTime();
            final long snapshotOrders = engine.takeSnapshot((b, o, l) -> snapshotBytes[0] += l);
            final long snapshotMs = (System.nanoTime() - snapshotStart) / 1_000_000;
            System.gc();
            final long usedMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            final long maxMb = Runtime.getRuntime().maxMemory() >> 20;
            final boolean bookFull = lastReject[0] == RejectReason.BOOK_FULL.value() && rejects[0] == 1;
            System.out.println((resting == MAX_ORDERS && bookFull ? "OK" : "FAILED") + " resting=" + resting +
                " rejects=" + rejects[0] + " lastReject=" + lastReject[0] + " heapUsedMb=" + usedMb +
                " heapMaxMb=" + maxMb + " snapshotOrders=" + snapshotOrders +
                " snapshotMb=" + (snapshotBytes[0] >> 20) + " snapshotMs=" + snapshotMs);
            System.exit(resting == MAX_ORDERS && bookFull ? 0 : 1);
        }
    }

    private static void offer(
        final Engine engine, final SbeCommands sbe, final ExpandableArrayBuffer buffer, final Command command)
    {
        engine.offer(buffer, 0, sbe.encode(command, buffer, 0));
    }

    /** Orders that never cross: buys below the reference price, sells above, spread over 900 ticks each side. */
    private static Command restingOrder(final Command c, final int n)
    {
        c.reset();
        c.type = Command.NEW_ORDER;
        c.sessionId = 1 + n % SESSIONS;
        c.gatewayId = 1;
        c.clOrdId = n + 1;
        c.instrumentId = 1 + n % INSTRUMENTS;
        final boolean buy = (n & 1) == 0;
        final long offsetTicks = 1 + (n / INSTRUMENTS) % 900;
        c.side = buy ? Side.BUY : Side.SELL;
        c.ordType = OrdType.LIMIT;
        c.timeInForce = TimeInForce.GTC;
        c.price = 1_000_000 + (buy ? -offsetTicks : offsetTicks) * 100;
        c.quantity = 10;
        return c;
    }
}
