package io.pushline.engine.match;

/**
 * Both sides of one instrument's book plus the intrusive list of its GTD orders, so expiry never scans the book.
 */
final class InstrumentBook
{
    final int instrumentId;
    final int instrumentIndex;
    final SideBook bids = new SideBook(true);
    final SideBook asks = new SideBook(false);
    int gtdHead = OrderPool.NONE;
    int gtdCount;
    long minExpireTimeNs = Long.MAX_VALUE;
    /** Orders resting in this instrument. */
    int restingCount;
    /** Trades so far: the next trade is number lastTradeNumber + 1. */
    long lastTradeNumber;

    InstrumentBook(final int instrumentId, final int instrumentIndex)
    {
        this.instrumentId = instrumentId;
        this.instrumentIndex = instrumentIndex;
    }

    SideBook side(final boolean bid)
    {
        return bid ? bids : asks;
    }
}
