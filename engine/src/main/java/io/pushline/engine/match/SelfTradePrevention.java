package io.pushline.engine.match;

/**
 * What happens when an incoming order would trade against a resting order of the same session.
 */
public enum SelfTradePrevention
{
    /** Self trades are allowed. */
    NONE,
    /** The resting order is cancelled (UNSOLICITED_CANCEL) and matching continues. */
    CANCEL_RESTING,
    /** The rest of the incoming order is cancelled (UNSOLICITED_CANCEL) and matching stops. */
    CANCEL_AGGRESSING,
    /** The resting order is cancelled, then the rest of the incoming order, and matching stops. */
    CANCEL_BOTH
}
