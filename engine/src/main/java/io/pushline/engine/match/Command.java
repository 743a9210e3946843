package io.pushline.engine.match;

import io.pushline.sbe.AdminAction;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;

/**
 * A decoded, validated command as the matcher sees it. One instance lives in every ring event and is reused
 * for every command that passes through that slot, so nothing is allocated per command.
 * <p>
 * Public fields on purpose: this is a pre-allocated event struct written by one node and read by the next,
 * in the manner of a Disruptor event, not a domain object.
 */
public final class Command
{
    public static final int NEW_ORDER = 1;
    public static final int CANCEL = 2;
    public static final int REPLACE = 3;
    public static final int MASS_CANCEL = 4;
    public static final int CANCEL_ON_DISCONNECT = 5;
    public static final int ADMIN = 6;
    public static final int CLOCK_TICK = 7;

    /** Value of {@link #instrumentIndex} for a command that applies to every instrument. */
    public static final int ALL_INSTRUMENTS = -1;

    /** One of the command type constants above; 0 when the slot holds nothing for the matcher. */
    public int type;
    public int sessionId;
    public int gatewayId;
    /** Engine time of the command, stamped on entry; non-decreasing along the stream. */
    public long timestampNs;
    /** Engine sequence of the command, stamped on entry; strictly increasing along the stream. */
    public long sequence;
    /** NEW_ORDER: the id the order will have (its sequence). CANCEL/REPLACE: the order the client id refers to. */
    public long orderId;
    public long clOrdId;
    public long origClOrdId;
    /** Position of the instrument in the instruments file, or {@link #ALL_INSTRUMENTS}. */
    public int instrumentIndex;
    public int instrumentId;
    public Side side;
    public OrdType ordType;
    public TimeInForce timeInForce;
    public boolean postOnly;
    public long price;
    public long quantity;
    public long expireTimeNs;
    public AdminAction adminAction;
    /** Set by validation: {@link RejectReason#NONE} when the command goes on to the matcher. */
    public RejectReason rejectReason = RejectReason.NONE;

    /**
     * Clear every field so no value of an earlier command can leak into this one.
     *
     * @return this for a fluent style.
     */
    public Command reset()
    {
        type = 0;
        sessionId = 0;
        gatewayId = 0;
        timestampNs = 0;
        sequence = 0;
        orderId = 0;
        clOrdId = 0;
        origClOrdId = 0;
        instrumentIndex = ALL_INSTRUMENTS;
        instrumentId = 0;
        side = null;
        ordType = null;
        timeInForce = null;
        postOnly = false;
        price = 0;
        quantity = 0;
        expireTimeNs = 0;
        adminAction = null;
        rejectReason = RejectReason.NONE;
        return this;
    }

    /**
     * Copy every field of another command.
     *
     * @param other to copy from.
     * @return this for a fluent style.
     */
    public Command copyFrom(final Command other)
    {
        type = other.type;
        sessionId = other.sessionId;
        gatewayId = other.gatewayId;
        timestampNs = other.timestampNs;
        sequence = other.sequence;
        orderId = other.orderId;
        clOrdId = other.clOrdId;
        origClOrdId = other.origClOrdId;
        instrumentIndex = other.instrumentIndex;
        instrumentId = other.instrumentId;
        side = other.side;
        ordType = other.ordType;
        timeInForce = other.timeInForce;
        postOnly = other.postOnly;
        price = other.price;
        quantity = other.quantity;
        expireTimeNs = other.expireTimeNs;
        adminAction = other.adminAction;
        rejectReason = other.rejectReason;
        return this;
    }

    public String toString()
    {
        return "Command{type=" + type + ", session=" + sessionId + ", seq=" + sequence + ", ts=" + timestampNs +
            ", orderId=" + orderId + ", clOrdId=" + clOrdId + ", origClOrdId=" + origClOrdId +
            ", instrument=" + instrumentId + "/" + instrumentIndex + ", side=" + side + ", ordType=" + ordType +
            ", tif=" + timeInForce + ", postOnly=" + postOnly + ", price=" + price + ", qty=" + quantity +
            ", expire=" + expireTimeNs + ", admin=" + adminAction + ", reject=" + rejectReason + "}";
    }
}
