package io.pushline.engine.match;

/**
 * Both sides of one instrument's book, with its resting order count and trade number.
 */
final class InstrumentBook
{
    final int instrumentId;
    final int instrumentIndex;
    final SideBook bids = new SideBook(true);
    final SideBook asks = new SideBook(false);
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
