package io.pushline.engine.match;

import io.pushline.sbe.AdminAction;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;

/**
 * The order rules of {@code docs/matching-rules.md}, in the order the rules list them; the first failing check wins.
 * Admin commands that change instrument state are applied here too.
 */
public final class OrderRules
{
    private final InstrumentRules rules;

    /**
     * @param rules instrument state to check against and to change.
     */
    public OrderRules(final InstrumentRules rules)
    {
        this.rules = rules;
    }

    /**
     * @param command a new order; its expiry is cleared unless GTD.
     * @return the first failing check, or NONE (the duplicate id check is not made here).
     */
    public RejectReason checkNewOrder(final Command command)
    {
        final int index = command.instrumentIndex;
        if (index == InstrumentRules.UNKNOWN)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        final RejectReason shape = checkShape(command);
        if (shape != RejectReason.NONE)
        {
            return shape;
        }
        if (command.timeInForce != TimeInForce.GTD)
        {
            command.expireTimeNs = 0;
        }
        else if (command.expireTimeNs <= command.timestampNs)
        {
            return RejectReason.INVALID_EXPIRE_TIME;
        }
        if (rules.halted[index])
        {
            return RejectReason.INSTRUMENT_HALTED;
        }
        final RejectReason quantity = checkQuantity(index, command.quantity);
        if (quantity != RejectReason.NONE)
        {
            return quantity;
        }
        final boolean market = command.ordType == OrdType.MARKET;
        if (!market)
        {
            final RejectReason price = checkPrice(index, command.price);
            if (price != RejectReason.NONE)
            {
                return price;
            }
        }
        final long notionalPrice = market ? rules.referencePrice[index] : command.price;
        return rules.notionalOver(index, notionalPrice, command.quantity) ?
            RejectReason.NOTIONAL_OVER_LIMIT : RejectReason.NONE;
    }

    /**
     * @param index    instrument of the live order being replaced.
     * @param price    new price.
     * @param quantity new order quantity.
     * @return halted, quantity, price or notional failure, or NONE.
     */
    public RejectReason checkReplace(final int index, final long price, final long quantity)
    {
        if (rules.halted[index])
        {
            return RejectReason.INSTRUMENT_HALTED;
        }
        final RejectReason quantityCheck = checkQuantity(index, quantity);
        if (quantityCheck != RejectReason.NONE)
        {
            return quantityCheck;
        }
        final RejectReason priceCheck = checkPrice(index, price);
        if (priceCheck != RejectReason.NONE)
        {
            return priceCheck;
        }
        return rules.notionalOver(index, price, quantity) ? RejectReason.NOTIONAL_OVER_LIMIT : RejectReason.NONE;
    }

    /**
     * Check an admin command and apply its effect on instrument state.
     *
     * @param command an admin command.
     * @return why it is refused, or NONE when applied.
     */
    public RejectReason applyAdmin(final Command command)
    {
        final int index = command.instrumentIndex;
        if (command.adminAction == AdminAction.SNAPSHOT)
        {
            // the engine writes the snapshot (see Engine); no instrument state changes
            return RejectReason.NONE;
        }
        if (index == InstrumentRules.UNKNOWN)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        final AdminAction action = command.adminAction;
        switch (action == null ? AdminAction.NULL_VAL : action)
        {
            case HALT, HALT_AND_CANCEL -> rules.halted[index] = true;
            case RESUME -> rules.halted[index] = false;
            case CANCEL_ALL, SNAPSHOT ->
            {
            }
            case SET_REFERENCE_PRICE ->
            {
                if (command.price <= 0)
                {
                    return RejectReason.PRICE_NOT_POSITIVE;
                }
                if (command.price % rules.tickSize[index] != 0)
                {
                    return RejectReason.PRICE_NOT_ON_TICK;
                }
                rules.referencePrice[index] = command.price;
            }
            default ->
            {
                return RejectReason.INVALID_ADMIN_ACTION;
            }
        }
        return RejectReason.NONE;
    }

    private static RejectReason checkShape(final Command command)
    {
        if (command.side != Side.BUY && command.side != Side.SELL)
        {
            return RejectReason.INVALID_SIDE;
        }
        final OrdType ordType = command.ordType;
        if ((ordType != OrdType.LIMIT && ordType != OrdType.MARKET) ||
            (ordType == OrdType.MARKET && command.postOnly))
        {
            return RejectReason.INVALID_ORDER_TYPE;
        }
        final TimeInForce tif = command.timeInForce;
        final boolean immediate = tif == TimeInForce.IOC || tif == TimeInForce.FOK;
        final boolean known = immediate || tif == TimeInForce.DAY || tif == TimeInForce.GTC || tif == TimeInForce.GTD;
        if (!known || (ordType == OrdType.MARKET && !immediate) || (command.postOnly && immediate))
        {
            return RejectReason.INVALID_TIME_IN_FORCE;
        }
        return RejectReason.NONE;
    }

    private RejectReason checkQuantity(final int index, final long quantity)
    {
        if (quantity <= 0)
        {
            return RejectReason.QUANTITY_NOT_POSITIVE;
        }
        if (quantity % rules.lotSize[index] != 0)
        {
            return RejectReason.QUANTITY_NOT_LOT_MULTIPLE;
        }
        return quantity > rules.maxQuantity[index] ? RejectReason.QUANTITY_OVER_MAX : RejectReason.NONE;
    }

    private RejectReason checkPrice(final int index, final long price)
    {
        if (price <= 0)
        {
            return RejectReason.PRICE_NOT_POSITIVE;
        }
        if (price % rules.tickSize[index] != 0)
        {
            return RejectReason.PRICE_NOT_ON_TICK;
        }
        return rules.outsideBand(index, price) ? RejectReason.PRICE_OUTSIDE_BAND : RejectReason.NONE;
    }
}
