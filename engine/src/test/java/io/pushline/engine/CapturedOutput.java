package io.pushline.engine;

import io.pushline.engine.chain.OutputSink;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;

/**
 * Captures every encoded report, byte for byte, for comparison and decoding in tests.
 */
public final class CapturedOutput implements OutputSink
{
    private final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(1 << 20);
    private final IntArrayList offsets = new IntArrayList();
    private int length;

    public void onMessage(final DirectBuffer buffer, final int offset, final int messageLength)
    {
        offsets.addInt(length);
        bytes.putBytes(length, buffer, offset, messageLength);
        length += messageLength;
    }

    /**
     * @return number of messages.
     */
    public int count()
    {
        return offsets.size();
    }

    /**
     * @return total bytes.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return the captured bytes.
     */
    public DirectBuffer buffer()
    {
        return bytes;
    }

    /**
     * @param i message index.
     * @return its offset in {@link #buffer()}.
     */
    public int offset(final int i)
    {
        return offsets.getInt(i);
    }

    /**
     * @param i message index.
     * @return its template id.
     */
    public int templateId(final int i)
    {
        return new MessageHeaderDecoder().wrap(bytes, offset(i)).templateId();
    }

    /**
     * @param i message index; must be an ExecutionReport.
     * @return a decoder over it.
     */
    public ExecutionReportDecoder execution(final int i)
    {
        return new ExecutionReportDecoder().wrapAndApplyHeader(bytes, offset(i), new MessageHeaderDecoder());
    }

    /**
     * @param other capture.
     * @return index of the first differing byte, or -1 when both are identical.
     */
    public int firstDifference(final CapturedOutput other)
    {
        final int common = Math.min(length, other.length);
        for (int i = 0; i < common; i++)
        {
            if (bytes.getByte(i) != other.bytes.getByte(i))
            {
                return i;
            }
        }
        return length == other.length ? -1 : common;
    }
}
