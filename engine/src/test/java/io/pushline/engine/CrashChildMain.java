package io.pushline.engine;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.pushline.engine.chain.OutputSink;
import io.pushline.journal.SyncPolicy;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The engine process of {@link CrashRecoveryTest}: a journaling engine that reads length-prefixed SBE commands from
 * stdin and writes, on stdout, 'S' + its recovered sequence, then 'R' + length + bytes for each reply (only once the
 * command is durable), and at the end of input 'H' + the state hash.
 */
public final class CrashChildMain
{
    private CrashChildMain()
    {
    }

    /**
     * @param args journal directory, snapshot interval in commands, whether a replica takes the snapshots.
     * @throws IOException if stdin or stdout fail.
     */
    public static void main(final String[] args) throws IOException
    {
        final DataOutputStream out = new DataOutputStream(new BufferedOutputStream(System.out, 1 << 16));
        final OutputSink replies = new OutputSink()
        {
            private final byte[] bytes = new byte[512];

            public void onMessage(final DirectBuffer buffer, final int offset, final int length)
            {
                buffer.getBytes(offset, bytes, 0, length);
                write('R', length, bytes);
            }

            public void onEndOfBatch()
            {
                flush();
            }

            private void write(final char kind, final int length, final byte[] data)
            {
                synchronized (out)
                {
                    try
                    {
                        out.writeByte(kind);
                        out.writeInt(length);
                        out.write(data, 0, length);
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException(ex);
                    }
                }
            }

            private void flush()
            {
                synchronized (out)
                {
                    try
                    {
                        out.flush();
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException(ex);
                    }
                }
            }
        };
        try (Engine engine = Engine.launch(new Engine.Context()
            .instruments(TestInstruments.of(10))
            .maxOrdersPerInstrument(1 << 12)
            .ringSize(256)
            .journalDirectory(Path.of(args[0]))
            .syncPolicy(SyncPolicy.NONE)
            .snapshotIntervalCommands(Long.parseLong(args[1]))
            .snapshotReplica(Boolean.parseBoolean(args[2]))
            .outputSink(replies)))
        {
            synchronized (out)
            {
                out.writeByte('S');
                out.writeLong(engine.lastSequence());
                out.flush();
            }
            readCommands(engine);
            final long hash = engine.stateHash();
            synchronized (out)
            {
                out.writeByte('H');
                out.writeLong(hash);
                out.flush();
            }
        }
    }

    private static void readCommands(final Engine engine) throws IOException
    {
        final DataInputStream in = new DataInputStream(System.in);
        final byte[] bytes = new byte[512];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        while (true)
        {
            final int length;
            try
            {
                length = in.readInt();
            }
            catch (final EOFException ex)
            {
                return;
            }
            in.readFully(bytes, 0, length);
            engine.offer(buffer, 0, length);
        }
    }
}
