package io.pushline.gateway;

import io.pushline.sbe.CancelOrderDecoder;
import io.pushline.sbe.NewOrderDecoder;
import org.agrona.collections.IntArrayList;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingRequestsTest
{
    private static final int NEW = NewOrderDecoder.TEMPLATE_ID;
    private static final int CANCEL = CancelOrderDecoder.TEMPLATE_ID;

    private final IntArrayList timedOut = new IntArrayList();
    private final PendingRequests.TimeoutHandler handler =
        (requests, index) -> timedOut.addInt((int)requests.clOrdId(index));

    @Test
    void shouldReuseAnsweredSlotsWhenAnOlderRequestIsNeverAnswered()
    {
        final PendingRequests pending = new PendingRequests(4);
        pending.add(null, 1, NEW, 1, 1000);
        for (int round = 0; round < 10; round++)
        {
            for (long clOrdId = 10; clOrdId < 13; clOrdId++)
            {
                assertFalse(pending.isFull(), "round " + round);
                pending.add(null, 1, NEW, clOrdId, 1000);
            }
            assertTrue(pending.isFull());
            for (long clOrdId = 10; clOrdId < 13; clOrdId++)
            {
                assertTrue(pending.onAnswer(1, NEW, clOrdId));
            }
            assertEquals(1, pending.size(), "only the lost request is live");
        }
        assertEquals(1, pending.expire(1000, handler));
        assertEquals(1, timedOut.getInt(0));
        assertEquals(0, pending.size());
    }

    @Test
    void shouldMatchTheOldestOfDuplicateKeysAndTellSessionsAndKindsApart()
    {
        final PendingRequests pending = new PendingRequests(8);
        pending.add(null, 1, NEW, 5, 100);
        pending.add(null, 2, NEW, 5, 200);
        pending.add(null, 1, CANCEL, 5, 300);
        pending.add(null, 1, NEW, 5, 400);
        assertTrue(pending.onAnswer(1, NEW, 5));
        assertFalse(pending.onAnswer(3, NEW, 5), "another session");
        assertFalse(pending.onAnswer(1, NEW, 6), "another order");
        assertEquals(2, pending.expire(300, handler), "session 2's NEW and the cancel; the second NEW of session 1 " +
            "is younger");
        assertEquals(1, pending.size());
        assertTrue(pending.onAnswer(1, NEW, 5), "the duplicate left is the younger one");
        assertFalse(pending.onAnswer(1, NEW, 5), "answered already");
        assertEquals(0, pending.expire(Long.MAX_VALUE, handler));
    }

    @Test
    void shouldNotMatchALateAnswerAfterItsTimeout()
    {
        final PendingRequests pending = new PendingRequests(2);
        pending.add(null, 1, NEW, 7, 100);
        assertEquals(1, pending.expire(100, handler));
        assertFalse(pending.onAnswer(1, NEW, 7));
        assertEquals(7, timedOut.getInt(0));
    }

    @Test
    void shouldAgreeWithASimpleListUnderRandomAddsAnswersAndExpiries()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final PendingRequests pending = new PendingRequests(16);
        final java.util.ArrayList<long[]> reference = new java.util.ArrayList<>();
        long now = 0;
        for (int step = 0; step < 20_000; step++)
        {
            now += random.nextInt(3);
            final int session = 1 + random.nextInt(3);
            final int kind = random.nextBoolean() ? NEW : CANCEL;
            final long clOrdId = random.nextInt(6);
            final int action = random.nextInt(3);
            if (action == 0 && !pending.isFull())
            {
                pending.add(null, session, kind, clOrdId, now + 20);
                reference.add(new long[]{session, kind, clOrdId, now + 20});
            }
            else if (action == 1)
            {
                int match = -1;
                for (int i = 0; i < reference.size() && match < 0; i++)
                {
                    final long[] r = reference.get(i);
                    match = r[0] == session && r[1] == kind && r[2] == clOrdId ? i : -1;
                }
                assertEquals(match >= 0, pending.onAnswer(session, kind, clOrdId), "seed " + seed);
                if (match >= 0)
                {
                    reference.remove(match);
                }
            }
            else
            {
                timedOut.clear();
                pending.expire(now, handler);
                final IntArrayList expected = new IntArrayList();
                while (!reference.isEmpty() && reference.get(0)[3] <= now)
                {
                    expected.addInt((int)reference.remove(0)[2]);
                }
                assertEquals(expected, timedOut, "seed " + seed);
            }
            assertEquals(reference.size(), pending.size(), "seed " + seed);
        }
    }
}
