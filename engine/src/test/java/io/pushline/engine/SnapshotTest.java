package io.pushline.engine;

import java.nio.ByteOrder;
import java.util.List;

import io.pushline.config.InstrumentDefinition;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.SnapshotOrderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine restarted from a snapshot continues exactly where the snapshot was taken: the same reports, byte for
 * byte, and the same state hash, whatever layout the restarted engine uses.
 */
class SnapshotTest
{
    private static final int COMMANDS = 100_000;
    private static final int SNAPSHOT_AT = 60_000;
    private final List<InstrumentDefinition> instruments = TestInstruments.of(10);

    @ParameterizedTest
    @EnumSource(ChainLayout.class)
    void shouldContinueIdenticallyWhenRestartedFromSnapshot(final ChainLayout restartLayout)
    {
        final long seed = Long.getLong("pushline.test.seed", System.nanoTime());
        System.out.println("SnapshotTest seed=" + seed + " restart layout=" + restartLayout);
        final EncodedStream input = EncodedStream.generate(seed, instruments, 8, COMMANDS);

        final CapturedOutput original = new CapturedOutput();
        final CapturedOutput snapshot = new CapturedOutput();
        final int outputAtSnapshot;
        final long originalHash;
        try (Engine engine = launch(ChainLayout.ONE_THREAD, original, null))
        {
            final int position = input.offer(engine, input.position(0), SNAPSHOT_AT);
            final long orders = engine.takeSnapshot(snapshot);
            assertEquals(engine.restingOrderCount(), orders, "seed=" + seed);
            outputAtSnapshot = original.length();
            input.offer(engine, position, COMMANDS - SNAPSHOT_AT);
            originalHash = engine.stateHash();
        }

        final CapturedOutput restarted = new CapturedOutput();
        final long restartedHash;
        try (Engine engine = launch(restartLayout, restarted, copy(snapshot)))
        {
            assertEquals(SNAPSHOT_AT, engine.lastSequence(), "seed=" + seed);
            input.offer(engine, input.position(SNAPSHOT_AT), COMMANDS - SNAPSHOT_AT);
            restartedHash = engine.stateHash();
        }

        assertEquals(original.length() - outputAtSnapshot, restarted.length(), "seed=" + seed + " output length");
        for (int i = 0; i < restarted.length(); i++)
        {
            final int at = i;
            assertEquals(original.buffer().getByte(outputAtSnapshot + i), restarted.buffer().getByte(i),
                () -> "seed=" + seed + " first difference at byte " + at + " after the snapshot");
        }
        assertEquals(originalHash, restartedHash, "seed=" + seed);
    }

    @Test
    void shouldNameOffsetWhenSnapshotIsTruncated()
    {
        final CapturedOutput snapshot = takeSnapshotOfSomeOrders();
        final UnsafeBuffer truncated = new UnsafeBuffer(new byte[snapshot.length() - 10]);
        truncated.putBytes(0, snapshot.buffer(), 0, truncated.capacity());

        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> launch(ChainLayout.ONE_THREAD, new CapturedOutput(), truncated).close());
        assertTrue(ex.getMessage().startsWith("corrupt snapshot at offset "), ex.getMessage());
    }

    @Test
    void shouldRefuseSnapshotWhenAnOrderNamesUnknownInstrument()
    {
        final CapturedOutput snapshot = takeSnapshotOfSomeOrders();
        final UnsafeBuffer bad = copy(snapshot);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        for (int i = 0; i < snapshot.count(); i++)
        {
            if (header.wrap(bad, snapshot.offset(i)).templateId() == SnapshotOrderDecoder.TEMPLATE_ID)
            {
                bad.putInt(snapshot.offset(i) + MessageHeaderDecoder.ENCODED_LENGTH +
                    SnapshotOrderDecoder.instrumentIdEncodingOffset(), 999, ByteOrder.LITTLE_ENDIAN);
                break;
            }
        }

        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> launch(ChainLayout.ONE_THREAD, new CapturedOutput(), bad).close());
        assertTrue(ex.getMessage().contains("instrument 999"), ex.getMessage());
    }

    private CapturedOutput takeSnapshotOfSomeOrders()
    {
        final CapturedOutput snapshot = new CapturedOutput();
        try (Engine engine = launch(ChainLayout.ONE_THREAD, new CapturedOutput(), null))
        {
            EncodedStream.generate(7, instruments, 8, 2_000).offerAll(engine);
            assertTrue(engine.takeSnapshot(snapshot) > 0);
        }
        return snapshot;
    }

    private Engine launch(final ChainLayout layout, final CapturedOutput output, final DirectBuffer snapshot)
    {
        return Engine.launch(new Engine.Context()
            .instruments(instruments)
            .layout(layout)
            .shards(3)
            .ringSize(1024)
            .maxOrdersPerInstrument(1 << 15)
            .snapshot(snapshot)
            .outputSink(output));
    }

    private static UnsafeBuffer copy(final CapturedOutput captured)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[captured.length()]);
        buffer.putBytes(0, captured.buffer(), 0, captured.length());
        return buffer;
    }
}
