package io.pushline.perf.harness;

import io.pushline.perf.OrderMix;
import io.pushline.protocol.Envelope;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Replies of different sessions may arrive in any order (one TCP connection per session through the gateway); each
 * session's arrive in the order it sent. The recorder must count every first reply, and no repeat.
 */
class ReplyRecorderTest
{
    @Test
    void shouldCountFirstRepliesWhenSessionsInterleaveOutOfOrder()
    {
        final Workload workload = Workload.generate(1, 4, 20, 200, OrderMix.EXCHANGE_CORE, 5);
        final ReplyRecorder recorder = new ReplyRecorder(workload);
        final int first = 0;
        int other = 1;
        while (sessionOf(workload, other) == sessionOf(workload, first))
        {
            other++;
        }
        assertNotEquals(sessionOf(workload, first), sessionOf(workload, other));

        echo(workload, recorder, other); // a later message of another session answered first
        echo(workload, recorder, first);
        assertEquals(2, recorder.acks());

        echo(workload, recorder, first); // a second reply to the same message is not a new ack
        echo(workload, recorder, other);
        assertEquals(2, recorder.acks());
    }

    private static int sessionOf(final Workload workload, final long k)
    {
        return Envelope.sessionId(workload.buffer(), workload.offset(k));
    }

    /** The message itself as its reply, as an echo sends it. */
    private static void echo(final Workload workload, final ReplyRecorder recorder, final long k)
    {
        workload.prepare(k);
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[workload.length(k)]);
        copy.putBytes(0, workload.buffer(), workload.offset(k), workload.length(k));
        recorder.onReply(copy, 0, copy.capacity());
    }
}
