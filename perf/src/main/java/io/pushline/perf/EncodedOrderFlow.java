package io.pushline.perf;

import java.nio.ByteOrder;

import io.pushline.engine.Engine;
import io.pushline.engine.SbeCommands;
import io.pushline.engine.match.Command;
import io.pushline.sbe.CancelOrderEncoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.NewOrderEncoder;
import io.pushline.sbe.ReplaceOrderEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An {@link OrderFlow} encoded as the SBE messages a gateway sends, offered to an engine pass after pass.
 * <p>
 * The engine stamps time and sequence itself ({@link Engine#offer}); what must change from pass to pass are the
 * client order ids, which a session may not reuse while they are live and which real clients never reuse. So every
 * pass adds {@link #PASS_STRIDE} more to each client order id (and original client order id) as it offers a message:
 * one or two stores into the pre-encoded message on the producer thread. The commands of the closing phase that enter
 * the starting orders again already take the ids of the next pass, because that pass refers to them.
 */
public final class EncodedOrderFlow
{
    /** Added to the client order ids of each pass; more than any session uses in one pass. */
    public static final long PASS_STRIDE = 1L << 32;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int NO_FIELD = -1;

    private final UnsafeBuffer prefill;
    private final int[] prefillOffsets;
    private final int[] prefillLengths;
    private final UnsafeBuffer cycle;
    private final int[] offsets;
    private final int[] lengths;
    private final int[] clOrdIdAt;
    private final long[] clOrdIds;
    private final int[] origClOrdIdAt;
    private final long[] origClOrdIds;
    private final int reentryFrom;
    private int cursor;
    private long passOffset;
    private long passes;

    /**
     * @param flow to encode.
     */
    public EncodedOrderFlow(final OrderFlow flow)
    {
        final SbeCommands sbe = new SbeCommands();
        final Command[] prefillCommands = flow.prefill();
        prefillOffsets = new int[prefillCommands.length];
        prefillLengths = new int[prefillCommands.length];
        prefill = encode(sbe, prefillCommands, prefillOffsets, prefillLengths);
        final Command[] commands = flow.cycle();
        offsets = new int[commands.length];
        lengths = new int[commands.length];
        cycle = encode(sbe, commands, offsets, lengths);
        clOrdIdAt = new int[commands.length];
        clOrdIds = new long[commands.length];
        origClOrdIdAt = new int[commands.length];
        origClOrdIds = new long[commands.length];
        for (int i = 0; i < commands.length; i++)
        {
            locateIds(commands[i], i);
        }
        reentryFrom = flow.reentryFrom();
    }

    private static UnsafeBuffer encode(
        final SbeCommands sbe, final Command[] commands, final int[] offsets, final int[] lengths)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(Math.max(64, commands.length * 72));
        int position = 0;
        for (int i = 0; i < commands.length; i++)
        {
            offsets[i] = position;
            lengths[i] = sbe.encode(commands[i], buffer, position);
            position += lengths[i];
        }
        return new UnsafeBuffer(buffer.byteArray(), 0, Math.max(1, position));
    }

    private void locateIds(final Command command, final int i)
    {
        final int body = offsets[i] + MessageHeaderEncoder.ENCODED_LENGTH;
        clOrdIds[i] = command.clOrdId;
        origClOrdIds[i] = command.origClOrdId;
        switch (command.type)
        {
            case Command.NEW_ORDER ->
            {
                clOrdIdAt[i] = body + NewOrderEncoder.clOrdIdEncodingOffset();
                origClOrdIdAt[i] = NO_FIELD;
            }
            case Command.CANCEL ->
            {
                clOrdIdAt[i] = body + CancelOrderEncoder.clOrdIdEncodingOffset();
                origClOrdIdAt[i] = body + CancelOrderEncoder.origClOrdIdEncodingOffset();
            }
            case Command.REPLACE ->
            {
                clOrdIdAt[i] = body + ReplaceOrderEncoder.clOrdIdEncodingOffset();
                origClOrdIdAt[i] = body + ReplaceOrderEncoder.origClOrdIdEncodingOffset();
            }
            default -> throw new IllegalArgumentException("not in an order flow: " + command);
        }
    }

    /**
     * Offer the commands that build the starting book. Once, before any {@link #offer}.
     *
     * @param engine to offer to.
     */
    public void offerPrefill(final Engine engine)
    {
        for (int i = 0; i < prefillOffsets.length; i++)
        {
            engine.offer(prefill, prefillOffsets[i], prefillLengths[i]);
        }
    }

    /**
     * Offer the next commands of the cycle, wrapping around to the next pass with fresh client order ids.
     *
     * @param engine to offer to.
     * @param count  how many.
     */
    public void offer(final Engine engine, final int count)
    {
        final UnsafeBuffer buffer = cycle;
        final int end = offsets.length;
        int k = cursor;
        for (int i = 0; i < count; i++)
        {
            final long idOffset = k >= reentryFrom ? passOffset + PASS_STRIDE : passOffset;
            buffer.putLong(clOrdIdAt[k], clOrdIds[k] + idOffset, ORDER);
            final int origAt = origClOrdIdAt[k];
            if (origAt != NO_FIELD)
            {
                buffer.putLong(origAt, origClOrdIds[k] + passOffset, ORDER);
            }
            engine.offer(buffer, offsets[k], lengths[k]);
            if (++k == end)
            {
                k = 0;
                passOffset += PASS_STRIDE;
                passes++;
            }
        }
        cursor = k;
    }

    /**
     * @return commands in one pass of the cycle.
     */
    public int cycleLength()
    {
        return offsets.length;
    }

    /**
     * @return position in the cycle of the next command to offer.
     */
    public int cursor()
    {
        return cursor;
    }

    /**
     * @return whole passes offered.
     */
    public long passes()
    {
        return passes;
    }

    /**
     * @return bytes of the encoded cycle.
     */
    public int cycleBytes()
    {
        return cycle.capacity();
    }
}
