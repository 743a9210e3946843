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
     * Move this shard's clock: every GTD order of the shard's instruments with {@code expireTimeNs <= timestampNs}
     * expires (instruments in ascending index, then by expiry time and order id). The chain calls it for every
     * command, before {@link #onCommand}, including commands that validation rejected.
     *
     * @param timestampNs engine time of the command; non-decreasing.
     * @param out         where the EXPIRED reports go.
     */
    void advanceTime(long timestampNs, ReportSink out);

    /**
     * Apply one validated command ({@link Command#rejectReason} is NONE) and write its reports.
     *
     * @param command validated command; not retained.
     * @param out     where the reports go, in order.
     */
    void onCommand(Command command, ReportSink out);

    /**
     * Does an order of this session rest in this shard under this client order id? With several shards, validation
     * asks the shard that may hold an id before it lets the session use the id on another shard.
     *
     * @param sessionId owner.
     * @param clOrdId   client order id.
     * @return true if such an order is live.
     */
    boolean isLive(int sessionId, long clOrdId);

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

    /**
     * Visit the resting orders of one instrument of this shard in canonical order, for a snapshot.
     *
     * @param instrumentIndex instrument of this shard.
     * @param scratch         filled for each order and passed to the visitor.
     * @param visitor         receives each order.
     */
    void forEachRestingOrder(int instrumentIndex, RestingOrder scratch, RestingOrder.Visitor visitor);

    /**
     * Put an order from a snapshot back at the back of its price level. Restoring the orders of an instrument in
     * canonical order rebuilds its book exactly, time priority included.
     *
     * @param order to restore; not retained.
     * @throws IllegalStateException if the shard already holds its maximum of resting orders.
     */
    void restore(RestingOrder order);

    /**
     * @param instrumentIndex instrument of this shard.
     * @return trades the instrument has had; the next trade's execId is built from this plus one.
     */
    long lastTradeNumber(int instrumentIndex);

    /**
     * Put back the run-time state of an instrument from a snapshot.
     *
     * @param instrumentIndex instrument of this shard.
     * @param referencePrice  current reference price.
     * @param halted          whether it is halted.
     * @param lastTradeNumber trades the instrument has had.
     */
    void restoreInstrument(int instrumentIndex, long referencePrice, boolean halted, long lastTradeNumber);
}
