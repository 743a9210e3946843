package io.pushline.engine.chain;

import java.nio.ByteOrder;

import io.pushline.journal.JournalAppender;
import io.pushline.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * The output of a journaling engine: every report goes to the output journal (for replay verification), and to the
 * clients only once the input records of its batch are durable. On one thread the respond node runs before the batch
 * is committed, so reports wait here, in a buffer of fixed size, until the journal node's commit; a batch with more
 * reports than the buffer holds commits early. While the engine replays its journal at recovery, nothing reaches the
 * clients, and only reports the output journal lacks are appended to it.
 */
public final class GatedOutput implements OutputSink
{
    /** Every outbound message has its report sequence right after the envelope. */
    private static final int REPORT_SEQUENCE_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + 24;

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
        if (pendingLength + 4 + length > pending.capacity())
        {
            // more reports than fit: make the batch so far durable now and let its reports go
            journal.endOfBatch();
            flush();
        }
        pending.putInt(pendingLength, length);
        pending.putBytes(pendingLength + 4, buffer, offset, length);
        pendingLength += 4 + length;
    }

    public void onEndOfBatch()
    {
        outputs.commitBatch();
        if (hold)
        {
            flush();
        }
        clients.onEndOfBatch();
    }

    private void flush()
    {
        int offset = 0;
        while (offset < pendingLength)
        {
            final int length = pending.getInt(offset);
            clients.onMessage(pending, offset + 4, length);
            offset += 4 + length;
        }
        pendingLength = 0;
    }
}
