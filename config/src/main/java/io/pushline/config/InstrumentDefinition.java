package io.pushline.config;

/**
 * Reference data of one tradable instrument, as read from the instruments file.
 *
 * @param id             instrument id used on the wire, positive.
 * @param symbol         human readable symbol.
 * @param tickSize       smallest price increment in price units, positive; prices must be a multiple of it.
 * @param lotSize        smallest quantity increment, positive; quantities must be a multiple of it.
 * @param referencePrice price the band is measured around, positive and on tick.
 * @param bandBps        allowed distance of a limit price from the reference price in basis points; 0 disables.
 * @param maxQuantity    largest order quantity, positive.
 * @param maxNotional    largest price * quantity of one order, positive.
 */
public record InstrumentDefinition(
    int id,
    String symbol,
    long tickSize,
    long lotSize,
    long referencePrice,
    int bandBps,
    long maxQuantity,
    long maxNotional)
{
}
