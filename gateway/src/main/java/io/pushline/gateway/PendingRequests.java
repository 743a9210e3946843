package io.pushline.gateway;

import org.agrona.collections.Long2LongHashMap;

/**
 * Requests sent to the engine that wait for their answer. Each request holds a slot (a free list of slot indices;
 * primitive arrays, no allocation after construction) and is linked twice:
 * <ul>
 *     <li>into one list in the order sent, which is deadline order since the timeout is constant: expiry looks at
 *         the oldest entry only;</li>
 *     <li>into a chain per key (session, kind, client order id), found through a hash index: an answer finds its
 *         request in O(1), whatever else is waiting; with duplicate keys the oldest request is answered first.</li>
 * </ul>
 * An answered entry leaves both lists at once, so {@link #isFull()} counts live requests only: one lost request
 * does not hold the slots of later answered ones. An entry not answered by its deadline is handed to the timeout
 * handler (an ENGINE_TIMEOUT reject); its late answer, if any, is still forwarded like any report.
 * <p>
 * Which report answers what (docs/matching-rules.md): NewOrder - ExecutionReport NEW or REJECTED with its clOrdId;
 * CancelOrder - CANCELED (client request) with the cancel's clOrdId, or CancelReject responding to CANCEL;
 * ReplaceOrder - REPLACED with the new clOrdId, or CancelReject responding to REPLACE; MassCancel -
 * MassCancelReport with its clOrdId.
 */
final class PendingRequests
{
    /**
     * Told about a request whose deadline passed without an answer.
     */
    interface TimeoutHandler
    {
        /**
         * @param requests the pending requests, to read the entry's fields.
         * @param index    of the entry.
         */
        void onTimeout(PendingRequests requests, int index);
    }

    private static final int NONE = -1;

    private final int capacity;
    private final ClientSession[] connections;
    private final int[] sessionIds;
    private final int[] kinds;
    private final long[] clOrdIds;
    private final long[] origClOrdIds;
    private final long[] prices;
    private final long[] quantities;
    private final int[] instrumentIds;
    private final short[] sides;
    private final short[] ordTypes;
    private final short[] timesInForce;
    private final long[] deadlines;
    private final int[] olderInTime;
    private final int[] newerInTime;
    private final int[] previousInChain;
    private final int[] nextInChain;
    private final int[] chainTail;
    private final int[] freeSlots;
    private final Long2LongHashMap chainHeads;
    private int freeCount;
    private int oldest = NONE;
    private int newest = NONE;
    private int size;

    PendingRequests(final int capacity)
    {
        this.capacity = capacity;
        connections = new ClientSession[capacity];
        sessionIds = new int[capacity];
        kinds = new int[capacity];
        clOrdIds = new long[capacity];
        origClOrdIds = new long[capacity];
        prices = new long[capacity];
        quantities = new long[capacity];
        instrumentIds = new int[capacity];
        sides = new short[capacity];
        ordTypes = new short[capacity];
        timesInForce = new short[capacity];
        deadlines = new long[capacity];
        olderInTime = new int[capacity];
        newerInTime = new int[capacity];
        previousInChain = new int[capacity];
        nextInChain = new int[capacity];
        chainTail = new int[capacity];
        freeSlots = new int[capacity];
        // sized so that it never grows: at most capacity keys, load factor 0.5
        chainHeads = new Long2LongHashMap(2 * capacity, 0.5f, NONE);
        clear();
    }

    /**
     * Forget every entry.
     */
    void clear()
    {
        chainHeads.clear();
        for (int i = 0; i < capacity; i++)
        {
            connections[i] = null;
            freeSlots[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        oldest = NONE;
        newest = NONE;
        size = 0;
    }

    boolean isFull()
    {
        return size >= capacity;
    }

    int size()
    {
        return size;
    }

    /**
     * Add a request; the caller checked {@link #isFull()}.
     *
     * @return the index of the entry, to fill the fields that apply with {@link #details}.
     */
    int add(
        final ClientSession connection,
        final int sessionId,
        final int kind,
        final long clOrdId,
        final long deadlineNs)
    {
        final int index = freeSlots[--freeCount];
        size++;
        connections[index] = connection;
        sessionIds[index] = sessionId;
        kinds[index] = kind;
        clOrdIds[index] = clOrdId;
        deadlines[index] = deadlineNs;
        details(index, 0, 0, 0, 0, (short)0, (short)0, (short)0);

        olderInTime[index] = newest;
        newerInTime[index] = NONE;
        if (NONE == newest)
        {
            oldest = index;
        }
        else
        {
            newerInTime[newest] = index;
        }
        newest = index;

        final long key = key(sessionId, kind, clOrdId);
        final int head = (int)chainHeads.get(key);
        nextInChain[index] = NONE;
        if (NONE == head)
        {
            previousInChain[index] = NONE;
            chainTail[index] = index;
            chainHeads.put(key, index);
        }
        else
        {
            final int tail = chainTail[head];
            nextInChain[tail] = index;
            previousInChain[index] = tail;
            chainTail[head] = index;
        }
        return index;
    }

    void details(
        final int index,
        final long origClOrdId,
        final long price,
        final long quantity,
        final int instrumentId,
        final short side,
        final short ordType,
        final short timeInForce)
    {
        origClOrdIds[index] = origClOrdId;
        prices[index] = price;
        quantities[index] = quantity;
        instrumentIds[index] = instrumentId;
        sides[index] = side;
        ordTypes[index] = ordType;
        timesInForce[index] = timeInForce;
    }

    /**
     * A report that answers a request of this kind arrived: remove the oldest matching entry.
     *
     * @param sessionId of the report.
     * @param kind      template id of the request it answers.
     * @param clOrdId   of the report.
     * @return true if it matched a waiting request.
     */
    boolean onAnswer(final int sessionId, final int kind, final long clOrdId)
    {
        // the chain holds the entries of one 64-bit key hash, oldest first; a hash collision is told apart here
        for (int index = (int)chainHeads.get(key(sessionId, kind, clOrdId)); NONE != index;
            index = nextInChain[index])
        {
            if (sessionIds[index] == sessionId && kinds[index] == kind && clOrdIds[index] == clOrdId)
            {
                remove(index);
                return true;
            }
        }
        return false;
    }

    /**
     * Hand every entry past its deadline to the handler and remove it.
     *
     * @param nowNs   the time.
     * @param handler told about each timed-out entry.
     * @return how many timed out.
     */
    int expire(final long nowNs, final TimeoutHandler handler)
    {
        int expired = 0;
        while (NONE != oldest && deadlines[oldest] - nowNs <= 0)
        {
            final int index = oldest;
            handler.onTimeout(this, index);
            remove(index);
            expired++;
        }
        return expired;
    }

    /**
     * Forget the connection of entries of a connection that closed (their timeouts go nowhere).
     *
     * @param connection that closed.
     */
    void onConnectionClosed(final ClientSession connection)
    {
        for (int index = oldest; NONE != index; index = newerInTime[index])
        {
            if (connections[index] == connection)
            {
                connections[index] = null;
            }
        }
    }

    private void remove(final int index)
    {
        final int older = olderInTime[index];
        final int newer = newerInTime[index];
        if (NONE == older)
        {
            oldest = newer;
        }
        else
        {
            newerInTime[older] = newer;
        }
        if (NONE == newer)
        {
            newest = older;
        }
        else
        {
            olderInTime[newer] = older;
        }

        final int previous = previousInChain[index];
        final int next = nextInChain[index];
        final long key = key(sessionIds[index], kinds[index], clOrdIds[index]);
        if (NONE == previous)
        {
            if (NONE == next)
            {
                chainHeads.remove(key);
            }
            else
            {
                previousInChain[next] = NONE;
                chainTail[next] = chainTail[index];
                chainHeads.put(key, next);
            }
        }
        else
        {
            nextInChain[previous] = next;
            if (NONE == next)
            {
                chainTail[(int)chainHeads.get(key)] = previous;
            }
            else
            {
                previousInChain[next] = previous;
            }
        }

        connections[index] = null;
        freeSlots[freeCount++] = index;
        size--;
    }

    private static long key(final int sessionId, final int kind, final long clOrdId)
    {
        // a well-mixed 64-bit hash of the three fields (chains compare the fields themselves)
        long h = clOrdId * 0x9E3779B97F4A7C15L;
        h ^= ((long)sessionId << 16 | (kind & 0xFFFF)) * 0xC2B2AE3D27D4EB4FL;
        return h ^ (h >>> 31);
    }

    ClientSession connection(final int index)
    {
        return connections[index];
    }

    int sessionId(final int index)
    {
        return sessionIds[index];
    }

    int kind(final int index)
    {
        return kinds[index];
    }

    long clOrdId(final int index)
    {
        return clOrdIds[index];
    }

    long origClOrdId(final int index)
    {
        return origClOrdIds[index];
    }

    long price(final int index)
    {
        return prices[index];
    }

    long quantity(final int index)
    {
        return quantities[index];
    }

    int instrumentId(final int index)
    {
        return instrumentIds[index];
    }

    short side(final int index)
    {
        return sides[index];
    }

    short ordType(final int index)
    {
        return ordTypes[index];
    }

    short timeInForce(final int index)
    {
        return timesInForce[index];
    }
}
