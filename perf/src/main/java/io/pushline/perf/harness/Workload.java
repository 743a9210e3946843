package io.pushline.perf.harness;

import java.nio.ByteOrder;
import java.util.List;

import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.SbeCommands;
import io.pushline.engine.TestInstruments;
import io.pushline.engine.match.Command;
import io.pushline.perf.OrderFlow;
import io.pushline.perf.OrderFlowGenerator;
import io.pushline.perf.OrderMix;
import io.pushline.sbe.CancelOrderEncoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.NewOrderEncoder;
import io.pushline.sbe.ReplaceOrderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The open-loop load as an endless, numbered stream of SBE commands: message {@code k} (from 0) is the k-th command
 * sent, and its client order id is {@code k + 1}. So every reply names the message it answers through its
 * {@code clOrdId}, and the harness finds the message's intended send time with no lookup and no allocation.
 * <p>
 * The stream is a generated {@link OrderFlow}: the commands that build the starting book, then its cycle replayed
 * pass after pass (the cycle leaves the book as it found it, so every cancel and replace still names a live order).
 * Before a message is sent its client order id, and the original client order id of a cancel or replace, are
 * rewritten in place for its pass: one or two stores into the pre-encoded message on the load thread.
 */
public final class Workload
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int NO_FIELD = -1;

    private final List<InstrumentDefinition> instruments;
    private final String summary;
    private final int prefillLength;
    private final int cycleLength;
    private final UnsafeBuffer buffer;
    private final int[] offsets;
    private final int[] lengths;
    private final int[] clOrdIdAt;
    private final int[] origClOrdIdAt;
    private final long[] origFirstPass;
    private final long[] origLaterPasses;
    private final boolean[] trades;
    private final int maxSessionId;

    /**
     * @param instruments of the flow, in engine order.
     * @param flow        the generated flow.
     */
    public Workload(final List<InstrumentDefinition> instruments, final OrderFlow flow)
    {
        this.instruments = instruments;
        this.summary = flow.summary();
        final Command[] prefill = flow.prefill();
        final Command[] cycle = flow.cycle();
        prefillLength = prefill.length;
        cycleLength = cycle.length;
        final int n = prefillLength + cycleLength;
        offsets = new int[n];
        lengths = new int[n];
        clOrdIdAt = new int[n];
        origClOrdIdAt = new int[n];
        origFirstPass = new long[n];
        origLaterPasses = new long[n];
        trades = new boolean[n];
        final ExpandableArrayBuffer encoded = new ExpandableArrayBuffer(Math.max(64, n * 80));
        final SbeCommands sbe = new SbeCommands();
        final Long2LongHashMap latestIndexOfId = new Long2LongHashMap(-1);
        final int reentryFrom = flow.reentryFrom();
        int position = 0;
        int maxSession = 0;
        for (int k = 0; k < n; k++)
        {
            final Command command = k < prefillLength ? prefill[k] : cycle[k - prefillLength];
            maxSession = Math.max(maxSession, command.sessionId);
            offsets[k] = position;
            lengths[k] = sbe.encode(command, encoded, position);
            position += lengths[k];
            locateIds(command, k);
            trades[k] = k >= prefillLength && flow.tradesAt(k - prefillLength);
            if (origClOrdIdAt[k] != NO_FIELD)
            {
                final long referenced = latestIndexOfId.get(key(command.sessionId, command.origClOrdId));
                if (referenced < 0)
                {
                    throw new IllegalStateException("flow names an order it never entered: " + command);
                }
                origFirstPass[k] = referenced + 1;
                // a starting order is entered again near the end of each pass; later passes name that entry
                origLaterPasses[k] = referenced < prefillLength ?
                    prefillLength + reentryFrom + referenced + 1 - cycleLength : referenced + 1;
            }
            if (command.type != Command.CANCEL)
            {
                latestIndexOfId.put(key(command.sessionId, command.clOrdId), k);
            }
        }
        buffer = new UnsafeBuffer(encoded.byteArray(), 0, Math.max(1, position));
        maxSessionId = maxSession;
    }

    /**
     * Generate a workload with test instruments (see {@code TestInstruments}).
     *
     * @param instruments   how many.
     * @param sessions      how many sessions enter orders.
     * @param restingOrders in the starting book.
     * @param cycleCommands commands in the main phase of one cycle.
     * @param mix           of the main phase.
     * @param seed          of the generator.
     * @return the workload.
     */
    public static Workload generate(
        final int instruments,
        final int sessions,
        final int restingOrders,
        final int cycleCommands,
        final OrderMix mix,
        final long seed)
    {
        final List<InstrumentDefinition> definitions = TestInstruments.of(instruments);
        final OrderFlow flow = OrderFlowGenerator.generate(
            definitions, restingOrders, cycleCommands, sessions, seed, mix);
        return new Workload(definitions, flow);
    }

    private static long key(final int sessionId, final long clOrdId)
    {
        return ((long)sessionId << 40) ^ clOrdId;
    }

    private void locateIds(final Command command, final int k)
    {
        final int body = offsets[k] + MessageHeaderEncoder.ENCODED_LENGTH;
        switch (command.type)
        {
            case Command.NEW_ORDER ->
            {
                clOrdIdAt[k] = body + NewOrderEncoder.clOrdIdEncodingOffset();
                origClOrdIdAt[k] = NO_FIELD;
            }
            case Command.CANCEL ->
            {
                clOrdIdAt[k] = body + CancelOrderEncoder.clOrdIdEncodingOffset();
                origClOrdIdAt[k] = body + CancelOrderEncoder.origClOrdIdEncodingOffset();
            }
            case Command.REPLACE ->
            {
                clOrdIdAt[k] = body + ReplaceOrderEncoder.clOrdIdEncodingOffset();
                origClOrdIdAt[k] = body + ReplaceOrderEncoder.origClOrdIdEncodingOffset();
            }
            default -> throw new IllegalArgumentException("not in an order flow: " + command);
        }
    }

    private int slot(final long k)
    {
        return k < prefillLength ? (int)k : prefillLength + (int)((k - prefillLength) % cycleLength);
    }

    /**
     * Rewrite message k's ids for its pass; then send {@link #buffer()} at {@link #offset(long)} for
     * {@link #length(long)} bytes, before preparing another message.
     *
     * @param k index of the message in the stream, from 0.
     */
    public void prepare(final long k)
    {
        final int s = slot(k);
        buffer.putLong(clOrdIdAt[s], clOrdIdOf(k), ORDER);
        final int origAt = origClOrdIdAt[s];
        if (origAt != NO_FIELD)
        {
            final long pass = k < prefillLength ? 0 : (k - prefillLength) / cycleLength;
            final long orig = pass == 0 ? origFirstPass[s] : origLaterPasses[s] + pass * cycleLength;
            buffer.putLong(origAt, orig, ORDER);
        }
    }

    /**
     * @return the buffer of every message.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param k index of the message.
     * @return its offset in {@link #buffer()}.
     */
    public int offset(final long k)
    {
        return offsets[slot(k)];
    }

    /**
     * @param k index of the message.
     * @return its length.
     */
    public int length(final long k)
    {
        return lengths[slot(k)];
    }

    /**
     * @param k index of the message.
     * @return the client order id it carries.
     */
    public static long clOrdIdOf(final long k)
    {
        return k + 1;
    }

    /**
     * @param clOrdId of a reply.
     * @return the index of the message that carried it (negative for 0, which no message carries).
     */
    public static long indexOf(final long clOrdId)
    {
        return clOrdId - 1;
    }

    /**
     * @param k index of the message.
     * @return true if the message trades when it is applied (its own order fills at once, in part or in full).
     */
    public boolean tradesOnEntry(final long k)
    {
        return trades[slot(k)];
    }

    /**
     * @return commands that build the starting book, at the start of the stream.
     */
    public int prefillLength()
    {
        return prefillLength;
    }

    /**
     * @return commands in one pass of the cycle.
     */
    public int cycleLength()
    {
        return cycleLength;
    }

    /**
     * @return the highest session id of any message; the sessions are 1 to this.
     */
    public int maxSessionId()
    {
        return maxSessionId;
    }

    /**
     * @return the instruments the flow trades, in engine order.
     */
    public List<InstrumentDefinition> instruments()
    {
        return instruments;
    }

    /**
     * @return the generator's description of the flow (its measured mix).
     */
    public String summary()
    {
        return summary;
    }
}
