package io.pushline.perf.harness;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.pushline.protocol.Envelope;
import io.pushline.sbe.CancelOrderDecoder;
import io.pushline.sbe.CancelRejectDecoder;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.NewOrderDecoder;
import io.pushline.sbe.ReplaceOrderDecoder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.DirectBuffer;

/**
 * Turns replies into latencies: finds the message a reply answers from its client order id (see {@link Workload}),
 * and records the time from that message's <em>intended</em> send time to now, in nanoseconds, in two HdrHistogram
 * recorders: the ack (the first reply to a message) and the fill (the first TRADE of an order that trades when it is
 * entered). Echoed commands count as acks. Replies to warm-up messages are not recorded.
 * <p>
 * One thread delivers all replies (the single writer of the recorders); any thread may read the counters and take
 * interval histograms. The replies to one session's messages arrive in the order it sent them (one stream, or one
 * TCP connection per session through a gateway; different sessions' replies may interleave in any order), so
 * "first reply to message k" is "a reply to a message of that session after the last one it had acknowledged" and
 * needs only one index per session (found from the reply's envelope); a later fill of a resting order (a passive
 * fill) names an older message and is not taken as that message's fill.
 */
public final class ReplyRecorder implements ReplyListener
{
    /** Latencies above this are recorded as this (and counted in {@link #saturated()}). */
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.MINUTES.toNanos(10);
    /** Significant digits of the histograms. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int TEMPLATE_ID_OFFSET = 2;
    private static final int BODY = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int REPORT_CL_ORD_ID = BODY + ExecutionReportDecoder.clOrdIdEncodingOffset();
    private static final int REPORT_EXEC_TYPE = BODY + ExecutionReportDecoder.execTypeEncodingOffset();
    private static final int REPORT_LENGTH = BODY + ExecutionReportDecoder.BLOCK_LENGTH;
    private static final int REJECT_CL_ORD_ID = BODY + CancelRejectDecoder.clOrdIdEncodingOffset();
    private static final int REJECT_LENGTH = BODY + CancelRejectDecoder.BLOCK_LENGTH;
    private static final byte TRADE = (byte)ExecType.TRADE.value();
    private static final byte REJECTED = (byte)ExecType.REJECTED.value();

    private final Workload workload;
    private final SingleWriterRecorder acks = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    private final SingleWriterRecorder fills = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    private final AtomicLong ackCount = new AtomicLong();
    private final AtomicLong measuredAckCount = new AtomicLong();
    private final AtomicLong fillCount = new AtomicLong();
    private final AtomicLong rejectCount = new AtomicLong();
    private final AtomicLong saturatedCount = new AtomicLong();
    private final AtomicLong lastMeasuredAckNs = new AtomicLong();
    private volatile Schedule schedule;
    private final long[] lastAcked;
    private final long[] lastFilled;

    /**
     * @param workload that the load sends (it tells which messages trade on entry, and its session ids).
     */
    public ReplyRecorder(final Workload workload)
    {
        this.workload = workload;
        lastAcked = new long[workload.maxSessionId() + 1];
        lastFilled = new long[workload.maxSessionId() + 1];
        Arrays.fill(lastAcked, -1);
        Arrays.fill(lastFilled, -1);
    }

    /** Slot of a reply's session: its envelope's sessionId; anything outside the workload's ids shares slot 0. */
    private int slot(final DirectBuffer buffer, final int offset)
    {
        final int sessionId = Envelope.sessionId(buffer, offset);
        return sessionId > 0 && sessionId < lastAcked.length ? sessionId : 0;
    }

    /**
     * Set the schedule before the first message is sent; replies before it are ignored.
     *
     * @param schedule of the run.
     */
    public void begin(final Schedule schedule)
    {
        this.schedule = schedule;
    }

    @Override
    public void onReply(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < BODY)
        {
            return;
        }
        final int templateId = buffer.getShort(offset + TEMPLATE_ID_OFFSET, ORDER) & 0xFFFF;
        switch (templateId)
        {
            case ExecutionReportDecoder.TEMPLATE_ID -> onExecutionReport(buffer, offset, length);
            case CancelRejectDecoder.TEMPLATE_ID ->
            {
                if (length >= REJECT_LENGTH)
                {
                    rejectCount.lazySet(rejectCount.get() + 1);
                    onAck(slot(buffer, offset), Workload.indexOf(buffer.getLong(offset + REJECT_CL_ORD_ID, ORDER)));
                }
            }
            case NewOrderDecoder.TEMPLATE_ID -> onEcho(buffer, offset, length, NewOrderDecoder.clOrdIdEncodingOffset());
            case CancelOrderDecoder.TEMPLATE_ID ->
                onEcho(buffer, offset, length, CancelOrderDecoder.clOrdIdEncodingOffset());
            case ReplaceOrderDecoder.TEMPLATE_ID ->
                onEcho(buffer, offset, length, ReplaceOrderDecoder.clOrdIdEncodingOffset());
            default ->
            {
                // mass cancel reports, snapshots, session messages: not answers to the load
            }
        }
    }

    private void onExecutionReport(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < REPORT_LENGTH)
        {
            return;
        }
        final long k = Workload.indexOf(buffer.getLong(offset + REPORT_CL_ORD_ID, ORDER));
        final byte execType = buffer.getByte(offset + REPORT_EXEC_TYPE);
        if (execType == REJECTED)
        {
            rejectCount.lazySet(rejectCount.get() + 1);
        }
        final int session = slot(buffer, offset);
        onAck(session, k);
        if (execType == TRADE && k > lastFilled[session] && k >= 0 && workload.tradesOnEntry(k))
        {
            lastFilled[session] = k;
            final Schedule s = schedule;
            if (s != null && s.isMeasured(k))
            {
                record(fills, System.nanoTime() - s.intendedNs(k));
                fillCount.lazySet(fillCount.get() + 1);
            }
        }
    }

    private void onEcho(final DirectBuffer buffer, final int offset, final int length, final int clOrdIdOffset)
    {
        if (length >= BODY + clOrdIdOffset + Long.BYTES)
        {
            onAck(slot(buffer, offset), Workload.indexOf(buffer.getLong(offset + BODY + clOrdIdOffset, ORDER)));
        }
    }

    private void onAck(final int session, final long k)
    {
        if (k <= lastAcked[session])
        {
            return;
        }
        lastAcked[session] = k;
        ackCount.lazySet(ackCount.get() + 1);
        final Schedule s = schedule;
        if (s != null && s.isMeasured(k))
        {
            final long nowNs = System.nanoTime();
            record(acks, nowNs - s.intendedNs(k));
            measuredAckCount.lazySet(measuredAckCount.get() + 1);
            lastMeasuredAckNs.lazySet(nowNs);
        }
    }

    private void record(final SingleWriterRecorder recorder, final long latencyNs)
    {
        if (latencyNs > HIGHEST_TRACKABLE_NS)
        {
            saturatedCount.lazySet(saturatedCount.get() + 1);
            recorder.recordValue(HIGHEST_TRACKABLE_NS);
        }
        else
        {
            recorder.recordValue(Math.max(1, latencyNs));
        }
    }

    /**
     * @param recycle a histogram from an earlier call, or null.
     * @return ack latencies since the last call, ns.
     */
    public Histogram takeAcks(final Histogram recycle)
    {
        return acks.getIntervalHistogram(recycle);
    }

    /**
     * @param recycle a histogram from an earlier call, or null.
     * @return fill latencies since the last call, ns.
     */
    public Histogram takeFills(final Histogram recycle)
    {
        return fills.getIntervalHistogram(recycle);
    }

    /**
     * @return messages acknowledged so far, warm-up included.
     */
    public long acks()
    {
        return ackCount.get();
    }

    /**
     * @return acks of measured messages recorded so far.
     */
    public long measuredAcks()
    {
        return measuredAckCount.get();
    }

    /**
     * @return fills of measured messages recorded so far.
     */
    public long fills()
    {
        return fillCount.get();
    }

    /**
     * @return rejects and cancel rejects seen (a valid workload has none).
     */
    public long rejects()
    {
        return rejectCount.get();
    }

    /**
     * @return latencies above {@link #HIGHEST_TRACKABLE_NS}.
     */
    public long saturated()
    {
        return saturatedCount.get();
    }

    /**
     * @return {@link System#nanoTime()} of the last measured ack, 0 before any.
     */
    public long lastMeasuredAckNs()
    {
        return lastMeasuredAckNs.get();
    }
}
