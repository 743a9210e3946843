package io.pushline.engine.chain;

import java.nio.ByteOrder;

import io.pushline.journal.JournalAppender;
import io.pushline.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * The output of a journaling engine: every report goes to the output journal (for replay verification), and to the
 * clients only once its command's input record is durable. On one thread the respond node runs before the batch is
 * committed, so reports wait here, in a buffer of fixed size, and leave in order once the journal's durable sequence
 * passes their command (at the end of a batch, or later with PERIODIC sync); when the buffer is full, the journal is
 * forced to disk early. While the engine replays its journal at recovery, nothing reaches the
 * clients, and only reports the output journal lacks are appended to it.
 */
public final class GatedOutput implements OutputSink
{
    /** Every outbound message has its report sequence right after the envelope. */
    private static final int REPORT_SEQUENCE_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + 24;
    /** ... and the sequence of the command that caused it in the envelope. */
    private static final int COMMAND_SEQUENCE_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + 16;
    /** Held entry: length, command sequence, then the report. */
    private static final int ENTRY_HEADER = 12;

    private final OutputSink clients;
    private final JournalAppender outputs;
    private final ExpandableDirectByteBuffer pending;
    private final boolean hold;
    private JournalNode journal;
    private int pendingLength;
    private long outputsThrough;
    private boolean recovering;

    /**
     * @param clients  where reports go once durable.
     * @param outputs  appender of the output journal.
     * @param hold     true on one thread (hold until the batch commits); false when a journal stage gates respond.
     * @param capacity bytes held at most before an early commit.
     */
    public GatedOutput(final OutputSink clients, final JournalAppender outputs, final boolean hold, final int capacity)
    {
        this.clients = clients;
        this.outputs = outputs;
        this.hold = hold;
        this.pending = new ExpandableDirectByteBuffer(capacity);
        this.outputsThrough = outputs.lastSequence();
    }

    /**
     * @param journal committed early when a batch holds more reports than fit.
     */
    public void journal(final JournalNode journal)
    {
        this.journal = journal;
    }

    /**
     * @param recovering true while the journal is replayed: reports go to no client.
     */
    public void recovering(final boolean recovering)
    {
        this.recovering = recovering;
    }

    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final long reportSequence = buffer.getLong(offset + REPORT_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (reportSequence > outputsThrough)
        {
            outputs.append(buffer, offset, length, JournalNode.OUTPUT_RECORD, reportSequence, 0);
            outputsThrough = reportSequence;
        }
        if (recovering)
        {
            return;
        }
        if (!hold)
        {
            clients.onMessage(buffer, offset, length);
            return;
        }
        if (pendingLength + ENTRY_HEADER + length > pending.capacity())
        {
            // more reports than fit: make everything so far durable now and let the held reports go
            journal.syncNow();
            release(Long.MAX_VALUE);
        }
        pending.putInt(pendingLength, length);
        pending.putLong(pendingLength + 4, buffer.getLong(offset + COMMAND_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN));
        pending.putBytes(pendingLength + ENTRY_HEADER, buffer, offset, length);
        pendingLength += ENTRY_HEADER + length;
    }

    public void onEndOfBatch()
    {
        outputs.commitBatch();
        if (hold)
        {
            release(journal.durableSequence());
        }
        clients.onEndOfBatch();
    }

    /** Send the held reports of every command up to the durable sequence, in order; keep the rest. */
    private void release(final long durableSequence)
    {
        int offset = 0;
        while (offset < pendingLength)
        {
            final int length = pending.getInt(offset);
            if (pending.getLong(offset + 4) > durableSequence)
            {
                break;
            }
            clients.onMessage(pending, offset + ENTRY_HEADER, length);
            offset += ENTRY_HEADER + length;
        }
        if (offset > 0)
        {
            pending.putBytes(0, pending, offset, pendingLength - offset);
            pendingLength -= offset;
        }
    }
}
