package io.pushline.engine.match;

import io.pushline.sbe.CancelReason;
import io.pushline.sbe.CxlRejResponseTo;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;

/**
 * One report produced by the matcher, before it is encoded as SBE by the respond node. Pre-allocated in a report
 * stream's slots and reused. The timestamp and sequence of the command that caused it are added by the respond node.
 */
public final class Report
{
    /** An ExecutionReport. */
    public static final int EXECUTION = 1;
    /** A CancelReject. */
    public static final int CANCEL_REJECT = 2;
    /** Internal marker in a report stream: the matcher finished the current command. Never encoded. */
    public static final int END_OF_COMMAND = 3;
    /** Internal marker in a report stream: the shard finished advancing time for the current command. */
    public static final int END_OF_TIME = 4;

    public int kind;
    public ExecType execType;
    public int sessionId;
    public int gatewayId;
    public int instrumentId;
    /** Position of the instrument in the instruments file; orders reports of one command across shards. */
    public int instrumentIndex;
    public long orderId;
    public long clOrdId;
    public long origClOrdId;
    public long execId;
    public long price;
    public long orderQty;
    public long lastPx;
    public long lastQty;
    public long leavesQty;
    public long cumQty;
    public Side side;
    public OrdType ordType;
    public TimeInForce timeInForce;
    public RejectReason rejectReason;
    public CancelReason cancelReason;
    public CxlRejResponseTo responseTo;

    /**
     * Clear every field.
     *
     * @return this for a fluent style.
     */
    public Report reset()
    {
        kind = 0;
        execType = null;
        sessionId = 0;
        gatewayId = 0;
        instrumentId = 0;
        instrumentIndex = 0;
        orderId = 0;
        clOrdId = 0;
        origClOrdId = 0;
        execId = 0;
        price = 0;
        orderQty = 0;
        lastPx = 0;
        lastQty = 0;
        leavesQty = 0;
        cumQty = 0;
        side = null;
        ordType = null;
        timeInForce = null;
        rejectReason = RejectReason.NONE;
        cancelReason = CancelReason.NONE;
        responseTo = null;
        return this;
    }

    /**
     * Copy every field of another report.
     *
     * @param other to copy from.
     * @return this for a fluent style.
     */
    public Report copyFrom(final Report other)
    {
        kind = other.kind;
        execType = other.execType;
        sessionId = other.sessionId;
        gatewayId = other.gatewayId;
        instrumentId = other.instrumentId;
        instrumentIndex = other.instrumentIndex;
        orderId = other.orderId;
        clOrdId = other.clOrdId;
        origClOrdId = other.origClOrdId;
        execId = other.execId;
        price = other.price;
        orderQty = other.orderQty;
        lastPx = other.lastPx;
        lastQty = other.lastQty;
        leavesQty = other.leavesQty;
        cumQty = other.cumQty;
        side = other.side;
        ordType = other.ordType;
        timeInForce = other.timeInForce;
        rejectReason = other.rejectReason;
        cancelReason = other.cancelReason;
        responseTo = other.responseTo;
        return this;
    }

    public boolean equals(final Object o)
    {
        if (!(o instanceof Report))
        {
            return false;
        }
        final Report r = (Report)o;
        return kind == r.kind && execType == r.execType && sessionId == r.sessionId && gatewayId == r.gatewayId &&
            instrumentId == r.instrumentId && instrumentIndex == r.instrumentIndex && orderId == r.orderId &&
            clOrdId == r.clOrdId && origClOrdId == r.origClOrdId && execId == r.execId && price == r.price &&
            orderQty == r.orderQty && lastPx == r.lastPx && lastQty == r.lastQty && leavesQty == r.leavesQty &&
            cumQty == r.cumQty && side == r.side && ordType == r.ordType && timeInForce == r.timeInForce &&
            rejectReason == r.rejectReason && cancelReason == r.cancelReason && responseTo == r.responseTo;
    }

    public int hashCode()
    {
        return Long.hashCode(orderId * 31 + execId) ^ kind;
    }

    public String toString()
    {
        return (kind == CANCEL_REJECT ? "CancelReject{" : kind == END_OF_COMMAND ? "End{" : "Exec{" + execType) +
            " session=" + sessionId + "/" + gatewayId + " instr=" + instrumentId + " orderId=" + orderId +
            " clOrdId=" + clOrdId + " orig=" + origClOrdId + " execId=" + execId + " " + side + " " + ordType +
            " " + timeInForce + " px=" + price + " qty=" + orderQty + " last=" + lastQty + "@" + lastPx +
            " leaves=" + leavesQty + " cum=" + cumQty + " reject=" + rejectReason + " cancel=" + cancelReason +
            " to=" + responseTo + "}";
    }
}
