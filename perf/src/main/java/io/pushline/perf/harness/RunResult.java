package io.pushline.perf.harness;

import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * What one run measured. Latencies in nanoseconds.
 *
 * @param name               of the system under test.
 * @param spec               the load.
 * @param layout             the thread layout and idle strategies of both sides.
 * @param acks               ack latencies of the measured messages.
 * @param fills              fill latencies of the measured messages that trade on entry.
 * @param measuredMessages   messages after the warm-up.
 * @param measuredAcks       of those, how many were acknowledged before the drain timeout.
 * @param rejects            rejects and cancel rejects seen (a valid workload has none; an echo has none).
 * @param achievedPerSecond  measured acks per second, from the first measured intended send to the last ack.
 * @param sendLag            how late each measured message left after its intended time, ns + 1 (the load thread
 *                           or the system was behind: part of every latency above).
 * @param offerRetries       offers the system pushed back (offered again, never dropped).
 */
public record RunResult(
    String name,
    RunSpec spec,
    Map<String, String> layout,
    Histogram acks,
    Histogram fills,
    long measuredMessages,
    long measuredAcks,
    long rejects,
    double achievedPerSecond,
    Histogram sendLag,
    long offerRetries)
{
    /**
     * @return true if every measured message was acknowledged.
     */
    public boolean complete()
    {
        return measuredAcks == measuredMessages;
    }

    /**
     * @return the ack latency at the 99th percentile, ns; unanswered messages make it the highest trackable value.
     */
    public long ackP99Ns()
    {
        return complete() ? acks.getValueAtPercentile(99.0) : ReplyRecorder.HIGHEST_TRACKABLE_NS;
    }
}
