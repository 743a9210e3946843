package io.pushline.perf;

import java.util.BitSet;

import io.pushline.engine.match.Command;

/**
 * A generated workload: the commands that build the starting book, and a cycle of commands that, applied after them,
 * leaves the book exactly as they left it, so the cycle can be replayed without end. Made by
 * {@link OrderFlowGenerator}.
 * <p>
 * The cycle is the main phase (the measured mix) followed by a short closing phase: cancel every resting order, then
 * enter the starting orders again with their original order ids, client order ids, prices and quantities, in their
 * original order.
 */
public final class OrderFlow
{
    private final Command[] prefill;
    private final Command[] cycle;
    private final int mainLength;
    private final long cycleReports;
    private final long[] startHashes;
    private final String summary;
    private final BitSet cycleTrades;

    OrderFlow(
        final Command[] prefill,
        final Command[] cycle,
        final int mainLength,
        final long cycleReports,
        final long[] startHashes,
        final String summary,
        final BitSet cycleTrades)
    {
        this.cycleTrades = cycleTrades;
        this.prefill = prefill;
        this.cycle = cycle;
        this.mainLength = mainLength;
        this.cycleReports = cycleReports;
        this.startHashes = startHashes;
        this.summary = summary;
    }

    /**
     * @return the commands that build the starting book; apply once, before the cycle.
     */
    public Command[] prefill()
    {
        return prefill;
    }

    /**
     * @return the cycle; shared, do not change it.
     */
    public Command[] cycle()
    {
        return cycle;
    }

    /**
     * @return commands of the main phase at the start of the cycle.
     */
    public int mainLength()
    {
        return mainLength;
    }

    /**
     * @param index in the cycle.
     * @return true if the command at that index trades when it is applied (the incoming order or replace fills).
     */
    public boolean tradesAt(final int index)
    {
        return cycleTrades.get(index);
    }

    /**
     * @return index in the cycle of the first command that enters a starting order again; they run to the end.
     */
    public int reentryFrom()
    {
        return cycle.length - prefill.length;
    }

    /**
     * @return reports a matcher writes for one pass of the cycle.
     */
    public long cycleReports()
    {
        return cycleReports;
    }

    /**
     * @param instrumentIndex instrument.
     * @return the state hash of that instrument's book after the prefill, and after every whole pass of the cycle.
     */
    public long startHash(final int instrumentIndex)
    {
        return startHashes[instrumentIndex];
    }

    /**
     * @return what the generator measured on the workload: mix, trade ratio, book size.
     */
    public String summary()
    {
        return summary;
    }
}
