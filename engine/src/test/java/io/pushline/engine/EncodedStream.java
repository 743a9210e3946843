package io.pushline.engine;

import java.util.List;

import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.chain.OutputSink;
import io.pushline.engine.match.Command;
import io.pushline.engine.match.RandomCommandGenerator;
import org.agrona.ExpandableArrayBuffer;

/**
 * A seeded random command stream encoded once as SBE (each message behind a 4-byte length), to offer to engines as
 * many times as a test needs.
 */
public final class EncodedStream
{
    private final ExpandableArrayBuffer buffer;
    private final int count;

    private EncodedStream(final ExpandableArrayBuffer buffer, final int count)
    {
        this.buffer = buffer;
        this.count = count;
    }

    /**
     * @param seed        of the generator.
     * @param instruments to trade.
     * @param sessions    how many sessions.
     * @param count       commands.
     * @return the encoded stream.
     */
    public static EncodedStream generate(
        final long seed, final List<InstrumentDefinition> instruments, final int sessions, final int count)
    {
        final RandomCommandGenerator generator = new RandomCommandGenerator(seed, instruments, sessions);
        final SbeCommands sbe = new SbeCommands();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(count * 72);
        final Command command = new Command();
        int offset = 4;
        for (int i = 0; i < count; i++)
        {
            final int length = sbe.encode(generator.next(command), buffer, offset);
            buffer.putInt(offset - 4, length);
            offset += length + 4;
        }
        buffer.putInt(offset - 4, 0);
        return new EncodedStream(buffer, count);
    }

    /**
     * @return number of commands.
     */
    public int count()
    {
        return count;
    }

    /**
     * @param index of a command.
     * @return where it starts, for {@link #offer(Engine, int, int)}.
     */
    public int position(final int index)
    {
        int offset = 4;
        for (int i = 0; i < index; i++)
        {
            offset += buffer.getInt(offset - 4) + 4;
        }
        return offset;
    }

    /**
     * Offer commands with the stamps they were generated with, allocating nothing.
     *
     * @param engine   to offer to.
     * @param position where to start (see {@link #position(int)}).
     * @param commands how many.
     * @return the position after the last one offered.
     */
    public int offer(final Engine engine, final int position, final int commands)
    {
        int offset = position;
        for (int i = 0; i < commands; i++)
        {
            final int length = buffer.getInt(offset - 4);
            engine.offerStamped(buffer, offset, length);
            offset += length + 4;
        }
        return offset;
    }

    /**
     * Visit commands from one index to another (exclusive).
     *
     * @param from    first command index.
     * @param to      end command index.
     * @param visitor receives each encoded command.
     */
    public void forEach(final int from, final int to, final OutputSink visitor)
    {
        int offset = position(from);
        for (int i = from; i < to; i++)
        {
            final int length = buffer.getInt(offset - 4);
            visitor.onMessage(buffer, offset, length);
            offset += length + 4;
        }
    }

    /**
     * Offer the whole stream.
     *
     * @param engine to offer to.
     */
    public void offerAll(final Engine engine)
    {
        offer(engine, position(0), count);
    }
}
