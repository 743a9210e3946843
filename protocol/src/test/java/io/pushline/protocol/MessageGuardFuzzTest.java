package io.pushline.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pushline.sbe.AdminAction;
import io.pushline.sbe.AdminCommandDecoder;
import io.pushline.sbe.BooleanType;
import io.pushline.sbe.CancelOnDisconnectDecoder;
import io.pushline.sbe.CancelOrderDecoder;
import io.pushline.sbe.CancelReason;
import io.pushline.sbe.CancelRejectDecoder;
import io.pushline.sbe.ClockTickDecoder;
import io.pushline.sbe.CxlRejResponseTo;
import io.pushline.sbe.ExecType;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.HeartbeatDecoder;
import io.pushline.sbe.LogonAcceptedDecoder;
import io.pushline.sbe.LogonDecoder;
import io.pushline.sbe.LogonRejectedDecoder;
import io.pushline.sbe.LogoutDecoder;
import io.pushline.sbe.MassCancelDecoder;
import io.pushline.sbe.MassCancelReportDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.NewOrderDecoder;
import io.pushline.sbe.OrdStatus;
import io.pushline.sbe.OrdType;
import io.pushline.sbe.RejectReason;
import io.pushline.sbe.ReplaceOrderDecoder;
import io.pushline.sbe.SequenceRejectDecoder;
import io.pushline.sbe.Side;
import io.pushline.sbe.SnapshotBeginDecoder;
import io.pushline.sbe.SnapshotEndDecoder;
import io.pushline.sbe.SnapshotInstrumentDecoder;
import io.pushline.sbe.SnapshotOrderDecoder;
import io.pushline.sbe.TerminateDecoder;
import io.pushline.sbe.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzz test of {@link MessageGuard} and the generated decoders behind it: whatever the bytes, the guard must not
 * throw, and when it accepts a frame the matching decoder must read every field inside the frame.
 * <p>
 * In a plain {@code mvn test} Jazzer runs {@link #fuzzFrame(byte[])} only on the empty input and on the regression
 * inputs in {@code src/test/resources/io/pushline/protocol/MessageGuardFuzzTestInputs/fuzzFrame/}, so it is quick.
 * To fuzz for real (one fuzz test per run; the default duration is 5 minutes, {@code -Djazzer.max_duration=60s}
 * shortens it):
 * <pre>
 *   cd /work/main &amp;&amp; JAZZER_FUZZ=1 flock /tmp/pushline-mvn.lock \
 *       mvn -B -o -pl protocol test -Dtest=MessageGuardFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * A crashing input is written into the inputs folder above, where it stays as a permanent regression input once
 * committed; the corpus Jazzer grows meanwhile goes to {@code .cifuzz-corpus/}, which is not to be committed.
 * <p>
 * The frame is wrapped in a buffer of exactly its length, so Agrona's bounds checks turn any read outside it into
 * an exception, which Jazzer reports as a finding.
 */
class MessageGuardFuzzTest
{
    private static final String INPUTS = "MessageGuardFuzzTestInputs/fuzzFrame";

    private static final boolean[] SIDES = knownValues(Side.class);
    private static final boolean[] ORD_TYPES = knownValues(OrdType.class);
    private static final boolean[] TIMES_IN_FORCE = knownValues(TimeInForce.class);
    private static final boolean[] EXEC_TYPES = knownValues(ExecType.class);
    private static final boolean[] ORD_STATUSES = knownValues(OrdStatus.class);
    private static final boolean[] REJECT_REASONS = knownValues(RejectReason.class);
    private static final boolean[] CANCEL_REASONS = knownValues(CancelReason.class);
    private static final boolean[] RESPONSES_TO = knownValues(CxlRejResponseTo.class);
    private static final boolean[] ADMIN_ACTIONS = knownValues(AdminAction.class);
    private static final boolean[] BOOLEANS = knownValues(BooleanType.class);

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceOrder = new ReplaceOrderDecoder();
    private final MassCancelDecoder massCancel = new MassCancelDecoder();
    private final CancelOnDisconnectDecoder cancelOnDisconnect = new CancelOnDisconnectDecoder();
    private final AdminCommandDecoder adminCommand = new AdminCommandDecoder();
    private final ClockTickDecoder clockTick = new ClockTickDecoder();
    private final ExecutionReportDecoder executionReport = new ExecutionReportDecoder();
    private final CancelRejectDecoder cancelReject = new CancelRejectDecoder();
    private final MassCancelReportDecoder massCancelReport = new MassCancelReportDecoder();
    private final SnapshotBeginDecoder snapshotBegin = new SnapshotBeginDecoder();
    private final SnapshotInstrumentDecoder snapshotInstrument = new SnapshotInstrumentDecoder();
    private final SnapshotOrderDecoder snapshotOrder = new SnapshotOrderDecoder();
    private final SnapshotEndDecoder snapshotEnd = new SnapshotEndDecoder();

    private long sink;

    @FuzzTest
    void fuzzFrame(final byte[] data)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(data);
        final int result = MessageGuard.check(buffer, 0, data.length);
        if (result < 0)
        {
            assertNotEquals("UNKNOWN_CODE", MessageGuard.describe(result));
            return;
        }

        headerDecoder.wrap(buffer, 0);
        assertEquals(result, headerDecoder.templateId());
        assertTrue(headerDecoder.blockLength() >= MessageGuard.blockLength(result));
        assertTrue(data.length >= MessageGuard.HEADER_LENGTH + headerDecoder.blockLength());
        final boolean inbound = MessageGuard.isInbound(result);
        final boolean outbound = MessageGuard.isOutbound(result);
        final boolean snapshot = MessageGuard.isSnapshot(result);
        final boolean session = MessageGuard.isSession(result);
        assertEquals(1, (inbound ? 1 : 0) + (outbound ? 1 : 0) + (snapshot ? 1 : 0) + (session ? 1 : 0),
            "exactly one of inbound / outbound / snapshot / session");
        sink += Envelope.sessionId(buffer, 0) + Envelope.gatewayId(buffer, 0);
        sink += Envelope.timestampNs(buffer, 0) + Envelope.sequence(buffer, 0);

        switch (result)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                readNewOrder(buffer);
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                readCancelOrder(buffer);
                break;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                readReplaceOrder(buffer);
                break;
            case MassCancelDecoder.TEMPLATE_ID:
                readMassCancel(buffer);
                break;
            case CancelOnDisconnectDecoder.TEMPLATE_ID:
                readCancelOnDisconnect(buffer);
                break;
            case AdminCommandDecoder.TEMPLATE_ID:
                readAdminCommand(buffer);
                break;
            case ClockTickDecoder.TEMPLATE_ID:
                readClockTick(buffer);
                break;
            case ExecutionReportDecoder.TEMPLATE_ID:
                readExecutionReport(buffer);
                break;
            case CancelRejectDecoder.TEMPLATE_ID:
                readCancelReject(buffer);
                break;
            case MassCancelReportDecoder.TEMPLATE_ID:
                readMassCancelReport(buffer);
                break;
            case SnapshotBeginDecoder.TEMPLATE_ID:
                readSnapshotBegin(buffer);
                break;
            case SnapshotInstrumentDecoder.TEMPLATE_ID:
                readSnapshotInstrument(buffer);
                break;
            case SnapshotOrderDecoder.TEMPLATE_ID:
                readSnapshotOrder(buffer);
                break;
            case SnapshotEndDecoder.TEMPLATE_ID:
                readSnapshotEnd(buffer);
                break;
            case LogonDecoder.TEMPLATE_ID:
            case LogonAcceptedDecoder.TEMPLATE_ID:
            case LogonRejectedDecoder.TEMPLATE_ID:
            case HeartbeatDecoder.TEMPLATE_ID:
            case LogoutDecoder.TEMPLATE_ID:
            case TerminateDecoder.TEMPLATE_ID:
            case SequenceRejectDecoder.TEMPLATE_ID:
                readSession(buffer, result);
                break;
            default:
                fail("accepted a template without a decoder: " + result);
        }
    }

    @Test
    void shouldAcceptEverySeedNamedValidWhenRegressionInputsAreChecked() throws IOException, URISyntaxException
    {
        final URL url = MessageGuardFuzzTest.class.getResource(INPUTS);
        assertTrue(null != url, "regression inputs missing: " + INPUTS);
        final List<Path> seeds;
        try (Stream<Path> files = Files.list(Paths.get(url.toURI())))
        {
            seeds = files.sorted().collect(Collectors.toList());
        }

        int valid = 0;
        for (final Path seed : seeds)
        {
            final byte[] bytes = Files.readAllBytes(seed);
            final int result = MessageGuard.check(new UnsafeBuffer(bytes), 0, bytes.length);
            final String name = seed.getFileName().toString();
            if (name.startsWith("valid-"))
            {
                assertTrue(result > 0, name + " gave " + MessageGuard.describe(result));
                valid++;
            }
            else if (name.startsWith("invalid-"))
            {
                assertTrue(result < 0, name + " gave " + MessageGuard.describe(result));
            }
            fuzzFrame(bytes);
        }
        assertEquals(SchemaMessages.all().size(), valid, "one valid seed per message of the schema");
    }

    private void readNewOrder(final UnsafeBuffer buffer)
    {
        final NewOrderDecoder d = newOrder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        sink += d.sessionId() + d.gatewayId() + d.timestampNs() + d.sequence() + d.clOrdId() + d.price() +
            d.quantity() + d.expireTimeNs() + d.instrumentId() + d.flags().getRaw();
        sink += d.flags().postOnly() ? 1 : 0;
        final boolean known = readEnum(d.sideRaw(), SIDES, d::side) &
            readEnum(d.ordTypeRaw(), ORD_TYPES, d::ordType) &
            readEnum(d.timeInForceRaw(), TIMES_IN_FORCE, d::timeInForce);
        readToString(known, d::toString);
    }

    private void readCancelOrder(final UnsafeBuffer buffer)
    {
        final CancelOrderDecoder d = cancelOrder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        sink += d.sessionId() + d.gatewayId() + d.timestampNs() + d.sequence() + d.clOrdId() + d.origClOrdId();
        assertFalse(d.toString().isEmpty());
    }

    private void readReplaceOrder(final UnsafeBuffer buffer)
    {
        final ReplaceOrderDecoder d = replaceOrder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        sink += d.sessionId() + d.gatewayId() + d.timestampNs() + d.sequence() + d.clOrdId() + d.origClOrdId() +
            d.price() + d.quantity();
        assertFalse(d.toString().isEmpty());
    }

    private void readMassCancel(final UnsafeBuffer buffer)
    {
        final MassCancelDecoder d = massCancel.wrapAndApplyHeader(buffer, 0, headerDecoder);
        sink += d.sessionId() + d.gatewayId() + d.timestampNs() + d.sequence() + d.clOrdId() + d.instrumentId();
        assertFalse(d.toString().isEmpty());
    }

    private void readCancelOnDisconnect(final UnsafeBuffer buffer)
    {
        final CancelOnDisconnectDecoder d = cancelOnDisconnect.wrapAndApplyHeader(buffer, 0, headerDecoder);
        sink += d.sessionId() + d.gatewayId() + d.timestampNs() + d.sequence();
        assertFalse(d.toString().isEmpty());
    }

    private void readAdminCommand(final UnsafeBuffer buffer)
    {
        final AdminCommandDecoder d = adminCommand.wrapAndApplyHeader(buffer, 0, headerDecoder);
        sink += d.sessionId() + d.gatewayId() + d.timestampNs() + d.sequence() + d.price() + d.instrumentId();
        readToString(readEnum(d.actionRaw(), ADMIN_ACTIONS, d::action), d::toString);
    }

    private void readClockTick(final UnsafeBuffer buffer)
    {
        final ClockTickDecoder d = clockTick.wrapAndApplyHeader(buffer, 0, headerDecoder);
        sink += d.sessionId() + d.gatewayId() + d.timestampNs() + d.sequence();
        assertFalse(d.toString().isEmpty());
    }

    private void readExecutionReport(final UnsafeBuffer buffer)
    {
        final ExecutionReportDecoder d = executionReport.wrapAndApplyHeader(buffer, 0, headerDecoder);
        sink += d.sessionId() + d.gatewayId() + d.timestampNs() + d.sequence() + d.reportSequence() + d.orderId() +
            d.clOrdId() + d.origClOrdId() + d.execId() + d.price() + d.orderQty() + d.lastPx() + d.lastQty() +
            d.leavesQty() + d.cumQty() + d.instrumentId();
        final boolean known = readEnum(d.execTypeRaw(), EXEC_TYPES, d::execType) &
            readEnum(d.ordStatusRaw(), ORD_STATUSES, d::ordStatus) &
            readEnum(d.sideRaw(), SIDES, d::side) &
            readEnum(d.ordTypeRaw(), ORD_TYPES, d::ordType) &
            readEnum(d.timeInForceRaw(), TIMES_IN_FORCE, d::timeInForce) &
            readEnum(d.rejectReasonRaw(), REJECT_REASONS, d::rejectReason) &
            readEnum(d.cancelReasonRaw(), CANCEL_REASONS, d::cancelReason);
        readToString(known, d::toString);
    }

    private void readCancelReject(final UnsafeBuffer buffer)
    {
        final CancelRejectDecoder d = cancelReject.wrapAndApplyHeader(buffer, 0, headerDecoder);
        sink += d.sessionId() + d.gatewayId() + d.timestampNs() + d.sequence() + d.reportSequence() + d.orderId() +
            d.clOrdId() + d.origClOrdId();
        final boolean known = readEnum(d.rejectReasonRaw(), REJECT_REASONS, d::rejectReason) &
            readEnum(d.responseToRaw(), RESPONSES_TO, d::responseTo);
        readToString(known, d::toString);
    }

    private void readMassCancelReport(final UnsafeBuffer buffer)
    {
        final MassCancelReportDecoder d = massCancelReport.wrapAndApplyHeader(buffer, 0, headerDecoder);
        sink += d.sessionId() + d.gatewayId() + d.timestampNs() + d.sequence() + d.reportSequence() + d.clOrdId() +
            d.canceledCount() + d.instrumentId();
        readToString(readEnum(d.rejectReasonRaw(), REJECT_REASONS, d::rejectReason), d::toString);
    }

    private void readSnapshotBegin(final UnsafeBuffer buffer)
    {
        final SnapshotBeginDecoder d = snapshotBegin.wrapAndApplyHeader(buffer, 0, headerDecoder);
        sink += d.sessionId() + d.gatewayId() + d.timestampNs() + d.sequence() + d.reportSequence() +
            d.orderCount() + d.instrumentCount();
        assertFalse(d.toString().isEmpty());
    }

    private void readSnapshotInstrument(final UnsafeBuffer buffer)
    {
        final SnapshotInstrumentDecoder d = snapshotInstrument.wrapAndApplyHeader(buffer, 0, headerDecoder);
        sink += d.sessionId() + d.gatewayId() + d.timestampNs() + d.sequence() + d.referencePrice() +
            d.instrumentId();
        readToString(readEnum(d.haltedRaw(), BOOLEANS, d::halted), d::toString);
    }

    private void readSnapshotOrder(final UnsafeBuffer buffer)
    {
        final SnapshotOrderDecoder d = snapshotOrder.wrapAndApplyHeader(buffer, 0, headerDecoder);
        sink += d.sessionId() + d.gatewayId() + d.timestampNs() + d.sequence() + d.orderId() + d.clOrdId() +
            d.price() + d.orderQty() + d.leavesQty() + d.cumQty() + d.expireTimeNs() + d.instrumentId() +
            d.flags().getRaw();
        sink += d.flags().postOnly() ? 1 : 0;
        final boolean known = readEnum(d.sideRaw(), SIDES, d::side) &
            readEnum(d.timeInForceRaw(), TIMES_IN_FORCE, d::timeInForce);
        readToString(known, d::toString);
    }

    /** Session messages: every field through the decoder's toString, which reads them all (enums included). */
    private void readSession(final UnsafeBuffer buffer, final int templateId)
    {
        final String text;
        switch (templateId)
        {
            case LogonDecoder.TEMPLATE_ID:
                text = new LogonDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString();
                break;
            case LogonAcceptedDecoder.TEMPLATE_ID:
                text = new LogonAcceptedDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString();
                break;
            case LogonRejectedDecoder.TEMPLATE_ID:
                text = new LogonRejectedDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString();
                break;
            case HeartbeatDecoder.TEMPLATE_ID:
                text = new HeartbeatDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString();
                break;
            case LogoutDecoder.TEMPLATE_ID:
                text = new LogoutDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString();
                break;
            case TerminateDecoder.TEMPLATE_ID:
                text = new TerminateDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString();
                break;
            default:
                text = new SequenceRejectDecoder().wrapAndApplyHeader(buffer, 0, headerDecoder).toString();
                break;
        }
        assertFalse(text.isEmpty());
    }

    private void readSnapshotEnd(final UnsafeBuffer buffer)
    {
        final SnapshotEndDecoder d = snapshotEnd.wrapAndApplyHeader(buffer, 0, headerDecoder);
        sink += d.sessionId() + d.gatewayId() + d.timestampNs() + d.sequence() + d.orderCount();
        assertFalse(d.toString().isEmpty());
    }

    /**
     * The raw byte of an enum field is always readable. The generated lookup returns the constant for a valid value
     * or NULL_VAL, and SBE_UNKNOWN for any other byte (the schema is generated with
     * sbe.decode.unknown.enum.values=true), so validation can reject it instead of crashing. This pins that
     * behaviour down for every enum field of every message.
     */
    private boolean readEnum(final short raw, final boolean[] known, final Supplier<Enum<?>> lookup)
    {
        final Enum<?> value = lookup.get();
        sink += value.ordinal();
        if (known[raw])
        {
            return true;
        }
        assertEquals("SBE_UNKNOWN", value.name());
        return false;
    }

    /** The generated {@code toString()} looks every enum up; with unknown values decoded it never throws. */
    private static void readToString(final boolean enumsKnown, final Supplier<String> toString)
    {
        assertFalse(toString.get().isEmpty(), "enums known: " + enumsKnown);
    }

    /** Which bytes a generated enum maps to a constant, NULL_VAL included; found with reflection, in tests only. */
    private static boolean[] knownValues(final Class<?> enumType)
    {
        final boolean[] known = new boolean[256];
        try
        {
            for (final Object constant : enumType.getEnumConstants())
            {
                if ("SBE_UNKNOWN".equals(((Enum<?>)constant).name()))
                {
                    continue;
                }
                known[(Short)enumType.getMethod("value").invoke(constant)] = true;
            }
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException(enumType.getName(), ex);
        }
        return known;
    }
}
