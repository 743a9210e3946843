package io.pushline.engine.chain;

import io.pushline.engine.match.InstrumentRules;

import io.pushline.engine.match.Command;
import io.pushline.engine.match.OrderRules;
import io.pushline.engine.match.RestingOrder;
import io.pushline.protocol.Envelope;
import io.pushline.protocol.MessageGuard;
import io.pushline.sbe.AdminAction;
import io.pushline.sbe.AdminCommandDecoder;
import io.pushline.sbe.CancelOnDisconnectDecoder;
import io.pushline.sbe.CancelOrderDecoder;
import io.pushline.sbe.ClockTickDecoder;
import io.pushline.sbe.MassCancelDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.NewOrderDecoder;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.ReplaceOrderDecoder;
import org.agrona.DirectBuffer;

/**
 * First node of the chain: decodes the stamped input behind the guard, applies the static order rules and the
 * session's client order id rules, keeps halt and reference-price state, and routes the command to a shard.
 * Its verdict travels in the event: {@link Command#rejectReason} and {@link CommandEvent#route}.
 */
public final class ValidateNode
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceOrder = new ReplaceOrderDecoder();
    private final MassCancelDecoder massCancel = new MassCancelDecoder();
    private final CancelOnDisconnectDecoder cancelOnDisconnect = new CancelOnDisconnectDecoder();
    private final AdminCommandDecoder adminCommand = new AdminCommandDecoder();
    private final ClockTickDecoder clockTick = new ClockTickDecoder();

    private final InstrumentRules rules;
    private final OrderRules orderRules;
    private final ClientOrderIds clientOrderIds;
    private final ShardGate gate;
    /** Several shards: validation keeps the registry of ids to route by and to stop reuse across shards. */
    private final boolean sharded;
    private final NodeCounters counters;
    private final ClientOrderIds.LiveCheck liveCheck = this::isLive;
    private long ringSequence;

    ValidateNode(
        final InstrumentRules rules,
        final ShardGate gate,
        final NodeCounters counters,
        final int clientOrderIdCapacity)
    {
        this.rules = rules;
        this.orderRules = new OrderRules(rules);
        // with one shard the matcher alone decides, and the registry stays empty
        this.clientOrderIds = new ClientOrderIds(gate.shardCount() > 1 ? clientOrderIdCapacity : 16);
        this.gate = gate;
        this.sharded = gate.shardCount() > 1;
        this.counters = counters;
    }

    /**
     * Validate one event.
     *
     * @param event        the ring slot.
     * @param ringSequence its ring sequence, for {@link ShardGate}.
     */
    public void onEvent(final CommandEvent event, final long ringSequence)
    {
        this.ringSequence = ringSequence;
        counters.event();
        final Command command = event.command.reset();
        final DirectBuffer input = event.input;
        final int templateId = MessageGuard.check(input, 0, event.inputLength);
        event.templateId = templateId;
        event.route = CommandEvent.ROUTE_NONE;
        if (templateId < 0 || !MessageGuard.isInbound(templateId))
        {
            counters.malformed();
            return;
        }
        header.wrap(input, 0);
        // every message starts with the same envelope at the same offsets (see the schema): read it once here
        command.sessionId = Envelope.sessionId(input, 0);
        command.gatewayId = Envelope.gatewayId(input, 0);
        command.timestampNs = Envelope.timestampNs(input, 0);
        command.sequence = Envelope.sequence(input, 0);
        final int b = header.blockLength();
        final int v = header.version();
        final int o = MessageHeaderDecoder.ENCODED_LENGTH;
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID -> onNewOrder(event, newOrder.wrap(input, o, b, v));
            case CancelOrderDecoder.TEMPLATE_ID -> onCancel(event, cancelOrder.wrap(input, o, b, v));
            case ReplaceOrderDecoder.TEMPLATE_ID -> onReplace(event, replaceOrder.wrap(input, o, b, v));
            case MassCancelDecoder.TEMPLATE_ID -> onMassCancel(event, massCancel.wrap(input, o, b, v));
            case CancelOnDisconnectDecoder.TEMPLATE_ID ->
                onCancelOnDisconnect(event, cancelOnDisconnect.wrap(input, o, b, v));
            case AdminCommandDecoder.TEMPLATE_ID -> onAdmin(event, adminCommand.wrap(input, o, b, v));
            case ClockTickDecoder.TEMPLATE_ID -> onClockTick(event, clockTick.wrap(input, o, b, v));
            default -> counters.malformed();
        }
        if (command.rejectReason != RejectReason.NONE)
        {
            counters.reject();
        }
    }

    private void onNewOrder(final CommandEvent event, final NewOrderDecoder decoder)
    {
        final Command command = event.command;
        command.type = Command.NEW_ORDER;
        command.orderId = command.sequence;
        command.clOrdId = decoder.clOrdId();
        command.instrumentId = decoder.instrumentId();
        command.instrumentIndex = rules.indexOf(command.instrumentId);
        command.side = decoder.side();
        command.ordType = decoder.ordType();
        command.timeInForce = decoder.timeInForce();
        command.postOnly = decoder.flags().postOnly();
        command.price = decoder.price();
        command.quantity = decoder.quantity();
        command.expireTimeNs = decoder.expireTimeNs();
        command.rejectReason = orderRules.checkNewOrder(command);
        if (command.rejectReason != RejectReason.NONE)
        {
            return;
        }
        if (sharded)
        {
            if (clOrdIdLive(command, command.clOrdId))
            {
                command.rejectReason = RejectReason.DUPLICATE_CLIENT_ORDER_ID;
                return;
            }
            register(command);
        }
        event.route = shardOf(command.instrumentIndex);
    }

    private void onCancel(final CommandEvent event, final CancelOrderDecoder decoder)
    {
        final Command command = event.command;
        command.type = Command.CANCEL;
        command.clOrdId = decoder.clOrdId();
        command.origClOrdId = decoder.origClOrdId();
        if (!sharded)
        {
            // the one shard finds the order itself, or answers UNKNOWN_ORDER
            event.route = 0;
        }
        else if (resolveOriginal(command))
        {
            event.route = shardOf(command.instrumentIndex);
        }
    }

    private void onReplace(final CommandEvent event, final ReplaceOrderDecoder decoder)
    {
        final Command command = event.command;
        command.type = Command.REPLACE;
        command.clOrdId = decoder.clOrdId();
        command.origClOrdId = decoder.origClOrdId();
        command.price = decoder.price();
        command.quantity = decoder.quantity();
        if (!sharded)
        {
            event.route = 0;
            return;
        }
        // only exact decisions here: an id live on some shard, or an id the session never used; the rest is the shard's
        if (clOrdIdLive(command, command.clOrdId))
        {
            command.rejectReason = RejectReason.DUPLICATE_CLIENT_ORDER_ID;
            return;
        }
        if (resolveOriginal(command))
        {
            register(command);
            event.route = shardOf(command.instrumentIndex);
        }
    }

    /**
     * Find the order a cancel or replace names among this session's ids; anything else is UNKNOWN_ORDER.
     */
    private boolean resolveOriginal(final Command command)
    {
        final long entry = clientOrderIds.get(command.sessionId, command.origClOrdId);
        if (entry == ClientOrderIds.MISSING)
        {
            command.rejectReason = RejectReason.UNKNOWN_ORDER;
            return false;
        }
        command.instrumentIndex = (int)entry;
        command.instrumentId = rules.id(command.instrumentIndex);
        return true;
    }

    private void onMassCancel(final CommandEvent event, final MassCancelDecoder decoder)
    {
        final Command command = event.command;
        command.type = Command.MASS_CANCEL;
        command.clOrdId = decoder.clOrdId();
        command.instrumentId = decoder.instrumentId();
        if (command.instrumentId == 0)
        {
            command.instrumentIndex = Command.ALL_INSTRUMENTS;
            event.route = CommandEvent.ROUTE_ALL;
            return;
        }
        command.instrumentIndex = rules.indexOf(command.instrumentId);
        if (command.instrumentIndex == InstrumentRules.UNKNOWN)
        {
            command.rejectReason = RejectReason.UNKNOWN_INSTRUMENT;
            return;
        }
        event.route = shardOf(command.instrumentIndex);
    }

    private void onCancelOnDisconnect(final CommandEvent event, final CancelOnDisconnectDecoder decoder)
    {
        final Command command = event.command;
        command.type = Command.CANCEL_ON_DISCONNECT;
        command.instrumentIndex = Command.ALL_INSTRUMENTS;
        event.route = CommandEvent.ROUTE_ALL;
    }

    private void onAdmin(final CommandEvent event, final AdminCommandDecoder decoder)
    {
        final Command command = event.command;
        command.type = Command.ADMIN;
        command.price = decoder.price();
        command.instrumentId = decoder.instrumentId();
        command.adminAction = decoder.action();
        command.instrumentIndex = rules.indexOf(command.instrumentId);
        command.rejectReason = orderRules.applyAdmin(command);
        if (command.rejectReason == RejectReason.NONE && command.adminAction != AdminAction.SNAPSHOT)
        {
            // every admin action on an instrument reaches its shard: it keeps its own copy of the instrument state
            event.route = shardOf(command.instrumentIndex);
        }
    }

    private void onClockTick(final CommandEvent event, final ClockTickDecoder decoder)
    {
        final Command command = event.command;
        command.type = Command.CLOCK_TICK;
        // time advances in every shard for every command; a tick does nothing more
    }

    /**
     * With several shards: is this client order id live for the session on the shard that last saw it, as of the
     * command before this one? Only a reused id needs the shard's answer, and only then does validation wait for the
     * shard to catch up.
     */
    private boolean clOrdIdLive(final Command command, final long clOrdId)
    {
        final long entry = clientOrderIds.get(command.sessionId, clOrdId);
        if (entry == ClientOrderIds.MISSING)
        {
            return false;
        }
        final int shard = (int)entry % gate.shardCount();
        gate.awaitShard(shard, ringSequence - 1);
        counters.gateWait();
        return gate.matcher(shard).isLive(command.sessionId, clOrdId);
    }

    private void register(final Command command)
    {
        if (clientOrderIds.isFull())
        {
            for (int shard = 0; shard < gate.shardCount(); shard++)
            {
                gate.awaitShard(shard, ringSequence - 1);
            }
            clientOrderIds.sweep(liveCheck);
            counters.sweep();
        }
        clientOrderIds.put(command.sessionId, command.clOrdId, command.instrumentIndex);
    }

    /**
     * A live order from a snapshot: its client order id is live again.
     *
     * @param order restored order.
     */
    void restoreClientOrderId(final RestingOrder order)
    {
        if (sharded)
        {
            clientOrderIds.put(order.sessionId, order.clOrdId, order.instrumentIndex);
        }
    }

    NodeCounters counters()
    {
        return counters;
    }

    private boolean isLive(final int instrumentIndex, final int sessionId, final long clOrdId)
    {
        return gate.matcher(instrumentIndex % gate.shardCount()).isLive(sessionId, clOrdId);
    }

    private int shardOf(final int instrumentIndex)
    {
        return instrumentIndex % gate.shardCount();
    }
}
