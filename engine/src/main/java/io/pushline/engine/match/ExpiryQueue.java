package io.pushline.engine.match;

/**
 * Keeps each instrument's GTD orders in an intrusive list and finds the expired ones in rule order (expiry time,
 * then order id) using scratch arrays sized once, so expiry allocates nothing.
 */
final class ExpiryQueue
{
    private final int[] expired;
    private final int[] scratch;
    private OrderPool sortPool;

    ExpiryQueue(final int capacity)
    {
        expired = new int[capacity];
        scratch = new int[capacity];
    }

    void add(final InstrumentBook book, final OrderPool orders, final int order)
    {
        orders.gtdPrev(order, OrderPool.NONE);
        orders.gtdNext(order, book.gtdHead);
        if (book.gtdHead != OrderPool.NONE)
        {
            orders.gtdPrev(book.gtdHead, order);
        }
        book.gtdHead = order;
        book.gtdCount++;
        book.minExpireTimeNs = Math.min(book.minExpireTimeNs, orders.expireTimeNs(order));
    }

    /** Unlink an order; the book's minimum may go stale-low, which only costs one empty sweep later. */
    void remove(final InstrumentBook book, final OrderPool orders, final int order)
    {
        final int prev = orders.gtdPrev(order);
        final int next = orders.gtdNext(order);
        if (prev == OrderPool.NONE)
        {
            book.gtdHead = next;
        }
        else
        {
            orders.gtdNext(prev, next);
        }
        if (next != OrderPool.NONE)
        {
            orders.gtdPrev(next, prev);
        }
        orders.gtdNext(order, OrderPool.NONE);
        orders.gtdPrev(order, OrderPool.NONE);
        if (--book.gtdCount == 0)
        {
            book.minExpireTimeNs = Long.MAX_VALUE;
        }
    }

    /**
     * Collect the book's orders that expire at or before now, sorted by expiry time then order id, and recompute the
     * minimum expiry of the rest.
     *
     * @return how many; read them with {@link #expired(int)}.
     */
    int collectExpired(final InstrumentBook book, final OrderPool orders, final long nowNs)
    {
        int count = 0;
        long nextMin = Long.MAX_VALUE;
        for (int order = book.gtdHead; order != OrderPool.NONE; order = orders.gtdNext(order))
        {
            final long expireTimeNs = orders.expireTimeNs(order);
            if (expireTimeNs <= nowNs)
            {
                expired[count++] = order;
            }
            else if (expireTimeNs < nextMin)
            {
                nextMin = expireTimeNs;
            }
        }
        book.minExpireTimeNs = nextMin;
        sortPool = orders;
        sort(0, count);
        sortPool = null;
        return count;
    }

    int expired(final int i)
    {
        return expired[i];
    }

    /** Merge sort of expired[from, to) by (expiry, orderId); stable and O(n log n) for a burst of expiries. */
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
        final long ea = sortPool.expireTimeNs(a);
        final long eb = sortPool.expireTimeNs(b);
        return ea < eb || (ea == eb && sortPool.orderId(a) < sortPool.orderId(b));
    }
}
