package io.pushline.gateway;

/**
 * Requests sent to the engine that wait for their answer, in a ring in the order they were sent. The engine
 * answers a gateway's requests in the order it received them and the timeout is constant, so deadlines are FIFO
 * and an answer is nearly always the oldest entry: matching scans from the oldest and stops at the first entry of
 * the same session, kind and client order id. An entry not answered by its deadline is handed to the timeout
 * handler (an ENGINE_TIMEOUT reject); its late answer, if any, is still forwarded like any report.
 * <p>
 * Which report answers what (docs/matching-rules.md): NewOrder - ExecutionReport NEW or REJECTED with its clOrdId;
 * CancelOrder - CANCELED (client request) with the cancel's clOrdId, or CancelReject responding to CANCEL;
 * ReplaceOrder - REPLACED with the new clOrdId, or CancelReject responding to REPLACE; MassCancel -
 * MassCancelReport with its clOrdId. Arrays of primitives: no allocation after construction.
 */
final class PendingRequests
{
    /**
     * Told about a request whose deadline passed without an answer.
     */
    interface TimeoutHandler
    {
        /**
         * @param requests the ring, to read the entry's fields.
         * @param index    of the entry.
         */
        void onTimeout(PendingRequests requests, int index);
    }

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
    private final boolean[] answered;
    private long head;
    private long tail;

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
        answered = new boolean[capacity];
    }

    /**
     * Forget every entry.
     */
    void clear()
    {
        for (int i = 0; i < capacity; i++)
        {
            connections[i] = null;
        }
        head = 0;
        tail = 0;
    }

    boolean isFull()
    {
        return tail - head >= capacity;
    }

    int size()
    {
        return (int)(tail - head);
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
        final int index = (int)(tail % capacity);
        tail++;
        connections[index] = connection;
        sessionIds[index] = sessionId;
        kinds[index] = kind;
        clOrdIds[index] = clOrdId;
        deadlines[index] = deadlineNs;
        answered[index] = false;
        details(index, 0, 0, 0, 0, (short)0, (short)0, (short)0);
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
     * A report that answers a request of this kind arrived: mark the oldest matching entry answered.
     *
     * @param sessionId of the report.
     * @param kind      template id of the request it answers.
     * @param clOrdId   of the report.
     * @return true if it matched a waiting request.
     */
    boolean onAnswer(final int sessionId, final int kind, final long clOrdId)
    {
        for (long i = head; i < tail; i++)
        {
            final int index = (int)(i % capacity);
            if (!answered[index] && sessionIds[index] == sessionId && kinds[index] == kind &&
                clOrdIds[index] == clOrdId)
            {
                answered[index] = true;
                connections[index] = null;
                popAnswered();
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
        while (head < tail)
        {
            final int index = (int)(head % capacity);
            if (deadlines[index] - nowNs > 0)
            {
                break;
            }
            handler.onTimeout(this, index);
            connections[index] = null;
            head++;
            expired++;
            popAnswered();
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
        for (long i = head; i < tail; i++)
        {
            final int index = (int)(i % capacity);
            if (connections[index] == connection)
            {
                connections[index] = null;
            }
        }
    }

    private void popAnswered()
    {
        while (head < tail && answered[(int)(head % capacity)])
        {
            head++;
        }
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
