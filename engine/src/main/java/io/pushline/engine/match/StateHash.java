package io.pushline.engine.match;

/**
 * The one hash function every book uses for its state hash, so two implementations agree exactly when their
 * resting orders agree.
 */
public final class StateHash
{
    /** Hash of an empty book. */
    public static final long EMPTY = 0x9E3779B97F4A7C15L;

    private StateHash()
    {
    }

    /**
     * Fold one value into a hash (a 64-bit mix in the manner of SplitMix64).
     *
     * @param hash  so far.
     * @param value to add.
     * @return the new hash.
     */
    public static long mix(final long hash, final long value)
    {
        long z = hash * 31 + value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Fold one resting order into an instrument's hash. Books call this for each resting order in canonical order:
     * bids from best to worst price, oldest first within a price; then asks likewise.
     *
     * @param hash        so far.
     * @param orderId     engine order id.
     * @param sessionId   owning session.
     * @param clOrdId     current client order id.
     * @param sideCode    1 buy, 2 sell.
     * @param price       limit price.
     * @param orderQty    total order quantity.
     * @param leavesQty   open quantity.
     * @param cumQty      filled quantity.
     * @param tifCode     time in force code.
     * @param expireTimeNs GTD expiry, 0 otherwise.
     * @return the new hash.
     */
    public static long order(
        final long hash,
        final long orderId,
        final int sessionId,
        final long clOrdId,
        final int sideCode,
        final long price,
        final long orderQty,
        final long leavesQty,
        final long cumQty,
        final int tifCode,
        final long expireTimeNs)
    {
        long h = mix(hash, orderId);
        h = mix(h, sessionId);
        h = mix(h, clOrdId);
        h = mix(h, sideCode);
        h = mix(h, price);
        h = mix(h, orderQty);
        h = mix(h, leavesQty);
        h = mix(h, cumQty);
        h = mix(h, tifCode);
        return mix(h, expireTimeNs);
    }
}
