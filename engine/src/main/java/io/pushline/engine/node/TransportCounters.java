package io.pushline.engine.node;

import io.aeron.Aeron;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The engine process's transport counters, as Aeron counters in the media driver's cnc.dat (AeronStat and the
 * {@code stat} command show them). The node chain's per-node counters use the same type id.
 */
final class TransportCounters implements AutoCloseable
{
    /** Aeron counter type id of every engine counter. */
    static final int ENGINE_COUNTER_TYPE_ID = 7301;

    private final AtomicCounter commandsIn;
    private final AtomicCounter ingressBackPressureEvents;
    private final AtomicCounter clockTicks;
    private final AtomicCounter reportsPublished;
    private final AtomicCounter egressBackPressureEvents;
    private final AtomicCounter egressNotConnectedReports;

    TransportCounters(final Aeron aeron)
    {
        commandsIn = aeron.addCounter(ENGINE_COUNTER_TYPE_ID, "engine: commands in from ingress");
        ingressBackPressureEvents = aeron.addCounter(ENGINE_COUNTER_TYPE_ID,
            "engine: ingress back pressure (ring full, fragment left in the stream)");
        clockTicks = aeron.addCounter(ENGINE_COUNTER_TYPE_ID, "engine: clock ticks sent while quiet");
        reportsPublished = aeron.addCounter(ENGINE_COUNTER_TYPE_ID, "engine: reports published on egress");
        egressBackPressureEvents = aeron.addCounter(ENGINE_COUNTER_TYPE_ID,
            "engine: egress back pressure (reports that had to wait)");
        egressNotConnectedReports = aeron.addCounter(ENGINE_COUNTER_TYPE_ID,
            "engine: reports not delivered (no gateway subscribed, or given up at shutdown)");
    }

    AtomicCounter commandsIn()
    {
        return commandsIn;
    }

    AtomicCounter ingressBackPressureEvents()
    {
        return ingressBackPressureEvents;
    }

    AtomicCounter clockTicks()
    {
        return clockTicks;
    }

    AtomicCounter reportsPublished()
    {
        return reportsPublished;
    }

    AtomicCounter egressBackPressureEvents()
    {
        return egressBackPressureEvents;
    }

    AtomicCounter egressNotConnectedReports()
    {
        return egressNotConnectedReports;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(commandsIn, ingressBackPressureEvents, clockTicks, reportsPublished,
            egressBackPressureEvents, egressNotConnectedReports);
    }
}
