package io.pushline.engine.chain;

import java.util.Arrays;

import io.pushline.engine.match.Command;
import io.pushline.engine.match.Report;
import io.pushline.engine.match.ReportSink;
import io.pushline.engine.match.Reports;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.CxlRejResponseTo;
import io.pushline.sbe.ExecType;

/**
 * Last node: turns each command's outcome into SBE reports, in command order. Validation answers are encoded from
 * the event; matcher answers are pulled from the shards' report streams, merged by instrument index when a command
 * went to every shard, so every layout yields the same bytes. Works incrementally: {@link #drain()} takes what is
 * there and says whether the current command is complete, so a shard on the same thread can push a full stream
 * downstream in the middle of a command.
 */
public final class RespondNode
{
    private final ReportStream[] streams;
    private final boolean[] finished;
    private final ReportEncoder encoder;
    private final NodeCounters counters;
    private final ScratchSink scratch = new ScratchSink();
    private CommandEvent current;
    private boolean timeDone;
    private long massCanceled;

    RespondNode(final ReportStream[] streams, final OutputSink sink, final NodeCounters counters)
    {
        this.streams = streams;
        this.finished = new boolean[streams.length];
        this.encoder = new ReportEncoder(sink);
        this.counters = counters;
    }

    /**
     * Start on an event.
     *
     * @param event the ring slot.
     */
    void begin(final CommandEvent event)
    {
        current = event;
        massCanceled = 0;
        timeDone = false;
        counters.event();
        if (streams.length > 1)
        {
            Arrays.fill(finished, false);
        }
    }

    /**
     * Take the current command's reports that are ready: first every shard's expiries (time advanced), then the
     * command's answer.
     *
     * @return true when the current command is complete (or there is none).
     */
    boolean drain()
    {
        final CommandEvent event = current;
        if (event == null)
        {
            return true;
        }
        if (!timeDone)
        {
            if (streams.length == 1 && event.route != CommandEvent.ROUTE_NONE)
            {
                // one shard writes no end-of-time before a command it answers: expiries, answer, end, in order
                timeDone = true;
            }
            else if (!drainAll(Report.END_OF_TIME))
            {
                return false;
            }
            timeDone = true;
            if (streams.length > 1)
            {
                Arrays.fill(finished, false);
            }
            if (!answerFromEvent(event))
            {
                current = null;
                return true;
            }
        }
        final boolean complete = event.route == CommandEvent.ROUTE_ALL ?
            drainAll(Report.END_OF_COMMAND) : drainOne(streams[event.route], Report.END_OF_COMMAND);
        if (complete)
        {
            if (event.command.type == Command.MASS_CANCEL)
            {
                encoder.encodeMassCancelReport(event.command, massCanceled);
            }
            current = null;
        }
        return complete;
    }

    /**
     * Answer what validation decided.
     *
     * @return true if the shards answer the command, false if it is complete.
     */
    private boolean answerFromEvent(final CommandEvent event)
    {
        final Command command = event.command;
        if (event.templateId < 0 || command.type == 0)
        {
            return false;
        }
        if (ReportEncoder.isRejected(command))
        {
            answerRejected(command);
            return false;
        }
        return event.route != CommandEvent.ROUTE_NONE;
    }

    NodeCounters counters()
    {
        return counters;
    }

    void endOfBatch()
    {
        encoder.endOfBatch();
    }

    long reportSequence()
    {
        return encoder.reportSequence();
    }

    void reportSequence(final long reportSequence)
    {
        encoder.reportSequence(reportSequence);
    }

    /** Every shard's reports up to the marker, merged when there are several shards. */
    private boolean drainAll(final int marker)
    {
        return streams.length == 1 ? drainOne(streams[0], marker) : drainMerged(marker);
    }

    private boolean drainOne(final ReportStream stream, final int marker)
    {
        Report report;
        while ((report = stream.peek()) != null)
        {
            final boolean end = report.kind == marker;
            if (!end)
            {
                emit(report);
            }
            stream.pop();
            if (end)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * K-way merge by instrument index until every shard's stream shows the marker: each shard writes its instruments
     * in ascending index, so taking the smallest head each time reproduces the order a single shard would write.
     */
    private boolean drainMerged(final int marker)
    {
        while (true)
        {
            int next = -1;
            int nextIndex = Integer.MAX_VALUE;
            boolean allFinished = true;
            for (int s = 0; s < streams.length; s++)
            {
                if (finished[s])
                {
                    continue;
                }
                final Report head = streams[s].peek();
                if (head == null)
                {
                    return false;
                }
                if (head.kind == marker)
                {
                    streams[s].pop();
                    finished[s] = true;
                    continue;
                }
                allFinished = false;
                if (head.instrumentIndex < nextIndex)
                {
                    nextIndex = head.instrumentIndex;
                    next = s;
                }
            }
            if (allFinished)
            {
                return true;
            }
            if (next >= 0)
            {
                emit(streams[next].peek());
                streams[next].pop();
            }
        }
    }

    private void emit(final Report report)
    {
        if (report.execType == ExecType.CANCELED && report.cancelReason == CancelReason.MASS_CANCEL)
        {
            massCanceled++;
        }
        if (report.execType == ExecType.REJECTED || report.kind == Report.CANCEL_REJECT)
        {
            counters.reject();
        }
        encoder.encode(report, current.command);
    }

    private void answerRejected(final Command command)
    {
        counters.reject();
        switch (command.type)
        {
            case Command.NEW_ORDER, Command.ADMIN ->
            {
                Reports.rejectNewOrder(scratch, command, command.rejectReason);
                encoder.encode(scratch.report, command);
            }
            case Command.CANCEL, Command.REPLACE ->
            {
                final CxlRejResponseTo to = command.type == Command.CANCEL ?
                    CxlRejResponseTo.CANCEL : CxlRejResponseTo.REPLACE;
                Reports.cancelReject(scratch, command, command.rejectReason, to);
                encoder.encode(scratch.report, command);
            }
            case Command.MASS_CANCEL -> encoder.encodeMassCancelReport(command, 0);
            default -> throw new IllegalStateException("no reject form for " + command);
        }
    }

    /**
     * A one-slot sink for the reports built from a rejected command.
     */
    private static final class ScratchSink implements ReportSink
    {
        private final Report report = new Report();

        public Report claim()
        {
            return report.reset();
        }

        public void commit()
        {
        }
    }
}
