package io.pushline.engine.match;

import io.pushline.sbe.CancelReason;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.TimeInForce;

/**
 * The kinds of bulk cancel: which orders each one takes and how each cancel is reported.
 */
enum BulkCancel
{
    MASS_CANCEL(ExecType.CANCELED, CancelReason.MASS_CANCEL),
    CANCEL_ON_DISCONNECT(ExecType.UNSOLICITED_CANCEL, CancelReason.CANCEL_ON_DISCONNECT),
    ADMIN(ExecType.UNSOLICITED_CANCEL, CancelReason.ADMIN),
    HALT(ExecType.UNSOLICITED_CANCEL, CancelReason.HALT);

    final ExecType execType;
    final CancelReason reason;

    BulkCancel(final ExecType execType, final CancelReason reason)
    {
        this.execType = execType;
        this.reason = reason;
    }

    boolean applies(final OrderPool orders, final int order, final int sessionId)
    {
        return switch (this)
        {
            case MASS_CANCEL -> orders.sessionId(order) == sessionId;
            case CANCEL_ON_DISCONNECT -> orders.sessionId(order) == sessionId &&
                orders.is(order, TimeInForce.DAY);
            case ADMIN, HALT -> true;
        };
    }
}
