package io.pushline.engine.match;

/**
 * The GTD orders of a shard in one binary heap keyed by (expiry time, order id), pre-allocated for the whole pool, so
 * the next expiry is known exactly and expiring k orders costs O(k log n), however many GTD orders rest. An order's
 * heap position is kept in the order itself, so a filled or cancelled GTD order leaves the heap in O(log n). Due
 * orders are handed out in rule order: instrument index, then expiry time, then order id.
 */
final class ExpiryQueue
{
    private static final int NOT_QUEUED = -1;

    private final int[] heap;
    private final int[] expired;
    private final int[] scratch;
    private int size;
    private OrderPool sortPool;

    ExpiryQueue(final int capacity)
    {
        heap = new int[capacity];
        expired = new int[capacity];
        scratch = new int[capacity];
    }

    /**
     * @return the earliest expiry time of a queued order, or Long.MAX_VALUE.
     */
    long nextExpireTimeNs(final OrderPool orders)
    {
        return size == 0 ? Long.MAX_VALUE : orders.expireTimeNs(heap[0]);
    }

    void add(final OrderPool orders, final int order)
    {
        heap[size] = order;
        orders.expiryPosition(order, size);
        siftUp(orders, size++);
    }

    /** Take an order out, wherever it is; an order already handed out as expired is ignored. */
    void remove(final OrderPool orders, final int order)
    {
        final int position = orders.expiryPosition(order);
        if (position == NOT_QUEUED)
        {
            return;
        }
        orders.expiryPosition(order, NOT_QUEUED);
        final int last = heap[--size];
        if (position < size)
        {
            heap[position] = last;
            orders.expiryPosition(last, position);
            siftDown(orders, position);
            siftUp(orders, orders.expiryPosition(last));
        }
    }

    /**
     * Take every order that expires at or before now out of the queue, in rule order.
     *
     * @return how many; read them with {@link #expired(int)}.
     */
    int collectExpired(final OrderPool orders, final long nowNs)
    {
        int count = 0;
        while (size > 0 && orders.expireTimeNs(heap[0]) <= nowNs)
        {
            final int order = heap[0];
            remove(orders, order);
            expired[count++] = order;
        }
        sortPool = orders;
        sort(0, count);
        sortPool = null;
        return count;
    }

    int expired(final int i)
    {
        return expired[i];
    }

    private void siftUp(final OrderPool orders, final int start)
    {
        int child = start;
        final int order = heap[child];
        while (child > 0)
        {
            final int parent = (child - 1) >>> 1;
            if (!earlier(orders, order, heap[parent]))
            {
                break;
            }
            heap[child] = heap[parent];
            orders.expiryPosition(heap[child], child);
            child = parent;
        }
        heap[child] = order;
        orders.expiryPosition(order, child);
    }

    private void siftDown(final OrderPool orders, final int start)
    {
        int parent = start;
        final int order = heap[parent];
        while (true)
        {
            int child = (parent << 1) + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size && earlier(orders, heap[child + 1], heap[child]))
            {
                child++;
            }
            if (!earlier(orders, heap[child], order))
            {
                break;
            }
            heap[parent] = heap[child];
            orders.expiryPosition(heap[parent], parent);
            parent = child;
        }
        heap[parent] = order;
        orders.expiryPosition(order, parent);
    }

    private static boolean earlier(final OrderPool orders, final int a, final int b)
    {
        final long ea = orders.expireTimeNs(a);
        final long eb = orders.expireTimeNs(b);
        return ea < eb || (ea == eb && orders.orderId(a) < orders.orderId(b));
    }

    /** Merge sort of expired[from, to) by (instrument index, expiry, order id): stable, O(n log n). */
    private void sort(final int from, final int to)
    {
        if (to - from < 2)
        {
            return;
        }
        final int mid = (from + to) >>> 1;
        sort(from, mid);
        sort(mid, to);
        int left = from;
        int right = mid;
        int out = from;
        while (left < mid && right < to)
        {
            scratch[out++] = before(expired[right], expired[left]) ? expired[right++] : expired[left++];
        }
        while (left < mid)
        {
            scratch[out++] = expired[left++];
        }
        while (right < to)
        {
            scratch[out++] = expired[right++];
        }
        System.arraycopy(scratch, from, expired, from, to - from);
    }

    private boolean before(final int a, final int b)
    {
        final int ia = sortPool.instrumentIndex(a);
        final int ib = sortPool.instrumentIndex(b);
        return ia < ib || (ia == ib && earlier(sortPool, a, b));
    }
}
