package io.pushline.protocol;

import io.pushline.protocol.SchemaMessages.Message;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.NewOrderDecoder;
import io.pushline.sbe.NewOrderEncoder;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.Side;
import io.pushline.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class MessageGuardTest
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int RANDOM_FRAMES = 100_000;

    static List<Message> messages()
    {
        return SchemaMessages.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void shouldReturnTooShortOrTruncatedWhenValidFrameIsCutShort(final Message message)
    {
        final int blockLength = MessageGuard.blockLength(message.templateId());
        final byte[] bytes = frame(blockLength, message.templateId(), SchemaMessages.schemaId(),
            SchemaMessages.version(), HEADER + blockLength);
        final UnsafeBuffer whole = new UnsafeBuffer(bytes);

        for (int length = 0; length < bytes.length; length++)
        {
            final int expected = length < HEADER ? MessageGuard.TOO_SHORT_FOR_HEADER : MessageGuard.TRUNCATED;
            assertResult(expected, new UnsafeBuffer(bytes, 0, length), 0, length);
            assertResult(expected, whole, 0, length);
        }
        assertResult(message.templateId(), whole, 0, bytes.length);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 7300, 7302, 0x851C, 0xFFFF })
    void shouldRejectFrameWhenSchemaIdIsForeign(final int schemaId)
    {
        final byte[] bytes = frame(NewOrderDecoder.BLOCK_LENGTH, NewOrderDecoder.TEMPLATE_ID, schemaId,
            SchemaMessages.version(), HEADER + NewOrderDecoder.BLOCK_LENGTH);

        assertResult(MessageGuard.WRONG_SCHEMA_ID, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 2, 3, 0x0100, 0xFFFF })
    void shouldRejectFrameWhenVersionIsNotOurs(final int version)
    {
        final byte[] bytes = frame(NewOrderDecoder.BLOCK_LENGTH, NewOrderDecoder.TEMPLATE_ID,
            SchemaMessages.schemaId(), version, HEADER + NewOrderDecoder.BLOCK_LENGTH);

        assertResult(MessageGuard.UNSUPPORTED_VERSION, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 8, 99, 103, 199, 204, 299, 307, 0x0200, 0xFFFF })
    void shouldRejectFrameWhenTemplateIsNotInSchema(final int templateId)
    {
        final byte[] bytes = frame(200, templateId, SchemaMessages.schemaId(), SchemaMessages.version(), 512);

        assertResult(MessageGuard.UNKNOWN_TEMPLATE, new UnsafeBuffer(bytes), 0, bytes.length);
        assertFalse(MessageGuard.isInbound(templateId));
        assertFalse(MessageGuard.isOutbound(templateId));
        assertFalse(MessageGuard.isSnapshot(templateId));
        assertFalse(MessageGuard.isSession(templateId));
        assertEquals(MessageGuard.UNKNOWN_TEMPLATE, MessageGuard.blockLength(templateId));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void shouldRejectFrameWhenBlockLengthIsSmallerThanOurs(final Message message)
    {
        final int ours = MessageGuard.blockLength(message.templateId());
        for (final int blockLength : new int[]{ 0, 1, Envelope.ENVELOPE_LENGTH - 1, ours - 1 })
        {
            // the frame is long enough for our block: only the announced block length is wrong
            final byte[] bytes = frame(blockLength, message.templateId(), SchemaMessages.schemaId(),
                SchemaMessages.version(), HEADER + ours);

            assertResult(MessageGuard.BLOCK_LENGTH_TOO_SHORT, new UnsafeBuffer(bytes), 0, bytes.length);
        }
    }

    @Test
    void shouldAcceptLargerBlockLengthWhenFrameCoversIt()
    {
        final int extra = 16;
        final byte[] bytes = new byte[HEADER + NewOrderDecoder.BLOCK_LENGTH + extra];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .sessionId(3).gatewayId(4).timestampNs(5).sequence(6).clOrdId(7).price(-8).quantity(Long.MAX_VALUE)
            .expireTimeNs(0).instrumentId(9).side(Side.BUY).ordType(OrdType.MARKET).timeInForce(TimeInForce.IOC)
            .flags().clear();
        new MessageHeaderEncoder().wrap(buffer, 0).blockLength(NewOrderDecoder.BLOCK_LENGTH + extra);

        assertResult(NewOrderDecoder.TEMPLATE_ID, buffer, 0, bytes.length);
        assertResult(MessageGuard.TRUNCATED, new UnsafeBuffer(bytes, 0, bytes.length - 1), 0, bytes.length - 1);

        final NewOrderDecoder decoder = new NewOrderDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        assertEquals(NewOrderDecoder.BLOCK_LENGTH + extra, decoder.encodedLength());
        assertEquals(7, decoder.clOrdId());
        assertEquals(-8, decoder.price());
        assertEquals(Long.MAX_VALUE, decoder.quantity());
        assertEquals(9, decoder.instrumentId());
        assertEquals(Side.BUY, decoder.side());
        assertEquals(OrdType.MARKET, decoder.ordType());
        assertEquals(TimeInForce.IOC, decoder.timeInForce());
    }

    @Test
    void shouldAcceptLargestBlockLengthWhenFrameCoversIt()
    {
        final int blockLength = 0xFFFF;
        final byte[] bytes = frame(blockLength, NewOrderDecoder.TEMPLATE_ID, SchemaMessages.schemaId(),
            SchemaMessages.version(), HEADER + blockLength);

        assertResult(NewOrderDecoder.TEMPLATE_ID, new UnsafeBuffer(bytes), 0, bytes.length);
        assertResult(MessageGuard.TRUNCATED, new UnsafeBuffer(bytes), 0, bytes.length - 1);
    }

    @Test
    void shouldIgnoreTrailingBytesWhenFrameIsLongerThanBlock()
    {
        final byte[] bytes = frame(NewOrderDecoder.BLOCK_LENGTH, NewOrderDecoder.TEMPLATE_ID,
            SchemaMessages.schemaId(), SchemaMessages.version(), HEADER + NewOrderDecoder.BLOCK_LENGTH + 5);

        assertResult(NewOrderDecoder.TEMPLATE_ID, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    @Test
    void shouldCheckAtOffsetWhenFrameIsInsideLargerBuffer()
    {
        final int offset = 37;
        final byte[] frame = frame(NewOrderDecoder.BLOCK_LENGTH, NewOrderDecoder.TEMPLATE_ID,
            SchemaMessages.schemaId(), SchemaMessages.version(), HEADER + NewOrderDecoder.BLOCK_LENGTH);
        final byte[] bytes = new byte[offset + frame.length + 11];
        System.arraycopy(frame, 0, bytes, offset, frame.length);

        assertResult(NewOrderDecoder.TEMPLATE_ID, new UnsafeBuffer(bytes), offset, frame.length);
        assertResult(MessageGuard.TRUNCATED, new UnsafeBuffer(bytes), offset, frame.length - 1);
        assertResult(MessageGuard.WRONG_SCHEMA_ID, new UnsafeBuffer(bytes), offset - 1, frame.length);
    }

    @Test
    void shouldRejectWindowWhenOutsideBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(frame(NewOrderDecoder.BLOCK_LENGTH, NewOrderDecoder.TEMPLATE_ID,
            SchemaMessages.schemaId(), SchemaMessages.version(), HEADER + NewOrderDecoder.BLOCK_LENGTH));
        final int capacity = buffer.capacity();

        assertResult(MessageGuard.OUTSIDE_BUFFER, buffer, -1, capacity);
        assertResult(MessageGuard.OUTSIDE_BUFFER, buffer, Integer.MIN_VALUE, capacity);
        assertResult(MessageGuard.OUTSIDE_BUFFER, buffer, 0, capacity + 1);
        assertResult(MessageGuard.OUTSIDE_BUFFER, buffer, 1, capacity);
        assertResult(MessageGuard.OUTSIDE_BUFFER, buffer, 1, Integer.MAX_VALUE);
        assertResult(MessageGuard.OUTSIDE_BUFFER, buffer, Integer.MAX_VALUE, HEADER);
        assertResult(MessageGuard.TOO_SHORT_FOR_HEADER, buffer, Integer.MAX_VALUE, HEADER - 1);
        assertResult(MessageGuard.TOO_SHORT_FOR_HEADER, buffer, 0, -1);
        assertResult(MessageGuard.TOO_SHORT_FOR_HEADER, buffer, 0, Integer.MIN_VALUE);
    }

    @Test
    void shouldReportSchemaFirstWhenEveryHeaderFieldIsWrong()
    {
        final byte[] bytes = frame(1, 999, 1, 99, HEADER);

        assertResult(MessageGuard.WRONG_SCHEMA_ID, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    @Test
    void shouldNameEveryResultCodeWhenDescribed()
    {
        final int[] codes = {
            MessageGuard.TOO_SHORT_FOR_HEADER, MessageGuard.WRONG_SCHEMA_ID, MessageGuard.UNSUPPORTED_VERSION,
            MessageGuard.UNKNOWN_TEMPLATE, MessageGuard.BLOCK_LENGTH_TOO_SHORT, MessageGuard.TRUNCATED,
            MessageGuard.OUTSIDE_BUFFER };
        final Set<String> names = new HashSet<>();
        for (final int code : codes)
        {
            assertTrue(code < 0, "result codes are negative");
            assertTrue(names.add(MessageGuard.describe(code)), MessageGuard.describe(code));
        }
        assertEquals("TOO_SHORT_FOR_HEADER", MessageGuard.describe(MessageGuard.TOO_SHORT_FOR_HEADER));
        assertEquals("TRUNCATED", MessageGuard.describe(MessageGuard.TRUNCATED));
        assertEquals("NewOrder", MessageGuard.describe(NewOrderDecoder.TEMPLATE_ID));
        assertEquals("UNKNOWN_CODE", MessageGuard.describe(0));
        assertEquals("UNKNOWN_CODE", MessageGuard.describe(-8));
        assertEquals("UNKNOWN_CODE", MessageGuard.describe(1000));
    }

    /**
     * Differential test against a naive check written from the schema file alone: random frames, mostly built
     * near the valid ones so that every branch is hit, each checked as an exact-size buffer (Agrona's bounds
     * checks throw on any read outside it) and at an offset inside a larger buffer with garbage around it.
     */
    @Test
    void shouldAgreeWithNaiveCheckWhenFramesAreRandom()
    {
        final long seed = Long.getLong("pushline.test.seed", System.nanoTime());
        System.out.println("MessageGuardTest random frames seed=" + seed + " (rerun with -Dpushline.test.seed)");
        final SplittableRandom random = new SplittableRandom(seed);
        final NaiveGuard naive = new NaiveGuard();
        final int[] results = new int[1 - MessageGuard.OUTSIDE_BUFFER];
        int accepted = 0;

        for (int i = 0; i < RANDOM_FRAMES; i++)
        {
            final byte[] frame = random.nextInt(4) == 0 ? randomBytes(random) : nearlyValidFrame(random);
            final int expected = naive.check(frame);
            final int start = random.nextInt(16);
            final byte[] surrounded = new byte[start + frame.length + random.nextInt(16)];
            random.nextBytes(surrounded);
            System.arraycopy(frame, 0, surrounded, start, frame.length);

            final int exact;
            final int atOffset;
            try
            {
                exact = MessageGuard.check(new UnsafeBuffer(frame), 0, frame.length);
                atOffset = MessageGuard.check(new UnsafeBuffer(surrounded), start, frame.length);
            }
            catch (final RuntimeException ex)
            {
                throw new AssertionError("seed=" + seed + " frame " + i + " threw", ex);
            }
            if (expected != exact || expected != atOffset)
            {
                fail("seed=" + seed + " frame " + i + ": expected " + MessageGuard.describe(expected) + " but got " +
                    MessageGuard.describe(exact) + " / " + MessageGuard.describe(atOffset));
            }
            if (exact > 0)
            {
                accepted++;
            }
            else
            {
                results[-exact]++;
            }
        }

        assertTrue(accepted > RANDOM_FRAMES / 20, "seed=" + seed + " too few accepted: " + accepted);
        for (int code = MessageGuard.TRUNCATED; code <= MessageGuard.TOO_SHORT_FOR_HEADER; code++)
        {
            assertTrue(results[-code] > 0, "seed=" + seed + " never produced " + MessageGuard.describe(code));
        }
    }

    private static byte[] randomBytes(final SplittableRandom random)
    {
        final byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] nearlyValidFrame(final SplittableRandom random)
    {
        final List<Message> messages = SchemaMessages.all();
        final int templateId = random.nextInt(8) == 0 ?
            random.nextInt(0x10000) : messages.get(random.nextInt(messages.size())).templateId();
        final int ours = Math.max(0, MessageGuard.blockLength(templateId));
        final int blockLength = random.nextInt(8) == 0 ?
            random.nextInt(0x10000) : Math.max(0, ours + random.nextInt(-3, 9));
        final int schemaId = random.nextInt(8) == 0 ? random.nextInt(0x10000) : SchemaMessages.schemaId();
        final int version = random.nextInt(8) == 0 ? random.nextInt(0x10000) : SchemaMessages.version();
        final int length = random.nextInt(8) == 0 ?
            random.nextInt(300) : Math.max(0, HEADER + Math.min(blockLength, 300) + random.nextInt(-3, 4));

        final byte[] bytes = frame(blockLength, templateId, schemaId, version, length);
        random.nextBytes(bytes);
        return writeHeader(bytes, blockLength, templateId, schemaId, version);
    }

    /** A frame of the given length whose header holds the given values as far as the length allows. */
    private static byte[] frame(
        final int blockLength, final int templateId, final int schemaId, final int version, final int length)
    {
        return writeHeader(new byte[length], blockLength, templateId, schemaId, version);
    }

    private static byte[] writeHeader(
        final byte[] bytes, final int blockLength, final int templateId, final int schemaId, final int version)
    {
        final byte[] header = new byte[HEADER];
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN)
            .putShort((short)blockLength)
            .putShort((short)templateId)
            .putShort((short)schemaId)
            .putShort((short)version);
        System.arraycopy(header, 0, bytes, 0, Math.min(HEADER, bytes.length));
        return bytes;
    }

    private static void assertResult(final int expected, final UnsafeBuffer buffer, final int offset, final int length)
    {
        final int actual = MessageGuard.check(buffer, offset, length);
        assertEquals(expected, actual, () -> "expected " + MessageGuard.describe(expected) + " but got " +
            MessageGuard.describe(actual) + " at offset " + offset + " length " + length);
    }

    /**
     * The obvious check, from the schema file's attributes and the header layout of the SBE specification,
     * sharing no code with {@link MessageGuard}.
     */
    private static final class NaiveGuard
    {
        private final Map<Integer, Integer> blockLengths = new HashMap<>();

        NaiveGuard()
        {
            for (final Message message : SchemaMessages.all())
            {
                blockLengths.put(message.templateId(), SchemaMessages.staticInt(message.decoderClass(),
                    "BLOCK_LENGTH"));
            }
        }

        int check(final byte[] frame)
        {
            if (frame.length < 8)
            {
                return MessageGuard.TOO_SHORT_FOR_HEADER;
            }
            final ByteBuffer header = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
            final int blockLength = Short.toUnsignedInt(header.getShort(0));
            final int templateId = Short.toUnsignedInt(header.getShort(2));
            if (Short.toUnsignedInt(header.getShort(4)) != SchemaMessages.schemaId())
            {
                return MessageGuard.WRONG_SCHEMA_ID;
            }
            if (Short.toUnsignedInt(header.getShort(6)) != SchemaMessages.version())
            {
                return MessageGuard.UNSUPPORTED_VERSION;
            }
            final Integer ours = blockLengths.get(templateId);
            if (null == ours)
            {
                return MessageGuard.UNKNOWN_TEMPLATE;
            }
            if (blockLength < ours)
            {
                return MessageGuard.BLOCK_LENGTH_TOO_SHORT;
            }
            return frame.length < 8 + blockLength ? MessageGuard.TRUNCATED : templateId;
        }
    }
}
