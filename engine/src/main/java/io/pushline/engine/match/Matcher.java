package io.pushline.engine.match;

/**
 * Price-time priority matching for the instruments of one shard. The rules, and the exact reports each command
 * produces and in what order, are in {@code docs/matching-rules.md}; every implementation must follow them to the
 * field so a fast book and the reference book can be compared report by report.
 * <p>
 * Implementations are single-threaded and deterministic: no clock, no I/O, no threads; time comes only from
 * {@link Command#timestampNs}.
 */
public interface Matcher
{
    /**
     * Apply one validated command ({@link Command#rejectReason} is NONE) and write its reports.
     *
     * @param command validated command; not retained.
     * @param out     where the reports go, in order.
     */
    void onCommand(Command command, ReportSink out);

    /**
     * Is this order resting in the book under this client order id? Validation uses it to decide whether a client
     * order id is still live.
     *
     * @param orderId engine order id.
     * @param clOrdId client order id the order must currently have.
     * @return true if the order is live with that client order id.
     */
    boolean isLive(long orderId, long clOrdId);

    /**
     * Hash of the book of one instrument of this shard, over its resting orders in canonical order (see the rules).
     *
     * @param instrumentIndex position of the instrument in the instruments file; must belong to this shard.
     * @return the hash; {@link StateHash#EMPTY} for an empty book.
     */
    long instrumentStateHash(int instrumentIndex);

    /**
     * @return number of orders resting in this shard.
     */
    int restingOrderCount();
}
