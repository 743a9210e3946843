package io.pushline.gateway;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pushline.protocol.Envelope;
import io.pushline.protocol.MessageGuard;
import io.pushline.protocol.Sofh;
import io.pushline.sbe.LogonRejectedDecoder;
import io.pushline.sbe.LogoutDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.TerminateDecoder;
import io.pushline.sbe.TerminateReason;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz test of the gateway's frame and session decoding for one connection ({@link SofhFrameDecoder},
 * {@link SessionAdapter}, {@link ClientSession}, {@link ClientProxy}), with a recording stand-in for the engine and
 * a fixed clock (so a stored valid logon stays valid). Whatever the bytes: no exception escapes; every byte the
 * gateway writes back is a well-formed SOFH frame holding a message a gateway may send; a connection that ended
 * got a Terminate with a reason (or LogonRejected, or Logout); and every message passed to the engine is a
 * checked business message stamped with the logged-on session and this gateway.
 * <p>
 * The default run replays the inputs in
 * {@code src/test/resources/io/pushline/gateway/SessionDecodingFuzzTestInputs/fuzzSession/}. To fuzz for real:
 * <pre>
 *   JAZZER_FUZZ=1 flock /tmp/pushline-mvn.lock mvn -B -o -pl gateway -am verify \
 *       -Dtest=SessionDecodingFuzzTest -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=60s
 * </pre>
 */
class SessionDecodingFuzzTest
{
    static final long NOW_NS = 1_700_000_000_000_000_000L;
    private static final int GATEWAY_ID = 1;
    private static final CountersManager COUNTERS_MANAGER = new CountersManager(
        new UnsafeBuffer(new byte[1024 * 1024]), new UnsafeBuffer(new byte[128 * 1024]));
    private static final GatewayCounters COUNTERS = new GatewayCounters(
        GATEWAY_ID, (typeId, label) -> COUNTERS_MANAGER.newCounter(label, typeId));
    private static final List<SessionConfig> SESSIONS = List.of(
        GatewayHarness.session(1, GATEWAY_ID, true), GatewayHarness.session(2, GATEWAY_ID, false));

    private static final Gateway.Context CONTEXT = new Gateway.Context().gatewayId(GATEWAY_ID).sessions(SESSIONS)
        .epochNanoClock(() -> NOW_NS).conclude();
    private static final Int2ObjectHashMap<SessionState> SESSION_STATES = new Int2ObjectHashMap<>();
    private static final RecordingEngine ENGINE = new RecordingEngine();
    private static final PendingRequests PENDING = new PendingRequests(64);
    private static final SofhFrameDecoder DECODER;
    private static final ClientSession CONNECTION =
        new ClientSession(1, null, CONTEXT.maxFrameLength(), 64 * 1024, NOW_NS);

    static
    {
        for (int i = 0; i < SESSIONS.size(); i++)
        {
            final SessionConfig config = SESSIONS.get(i);
            SESSION_STATES.put(config.sessionId(), new SessionState(config, Gateway.throttle(CONTEXT, config),
                COUNTERS_MANAGER.newCounter("session in " + i, GatewayCounters.SESSION_MESSAGES_IN_TYPE_ID),
                COUNTERS_MANAGER.newCounter("session out " + i, GatewayCounters.SESSION_MESSAGES_OUT_TYPE_ID),
                COUNTERS_MANAGER.newCounter("session throttled " + i, GatewayCounters.SESSION_THROTTLED_TYPE_ID)));
        }
        final SessionAdapter adapter = new SessionAdapter(CONTEXT, SESSION_STATES, ENGINE, PENDING,
            new ClientProxy(GATEWAY_ID, COUNTERS), COUNTERS);
        DECODER = new SofhFrameDecoder(CONTEXT.maxFrameLength(), adapter);
        ENGINE.connection = CONNECTION;
    }

    /**
     * Records what the gateway sends to the engine and checks each message.
     */
    static final class RecordingEngine implements EngineIngress
    {
        ClientSession connection;
        int sent;

        @Override
        public int send(final DirectBuffer buffer, final int offset, final int length)
        {
            final int templateId = MessageGuard.check(buffer, offset, length);
            assertTrue(templateId > 0 && MessageGuard.isInbound(templateId), "checked inbound message");
            assertEquals(GATEWAY_ID, Envelope.gatewayId(buffer, offset));
            if (templateId != io.pushline.sbe.CancelOnDisconnectDecoder.TEMPLATE_ID)
            {
                assertEquals(connection.sessionId(), Envelope.sessionId(buffer, offset), "stamped session");
            }
            sent++;
            return SENT;
        }

        @Override
        public boolean isEngineAvailable()
        {
            return true;
        }
    }

    @FuzzTest
    void fuzzSession(final byte[] data)
    {
        run(data);
    }

    @Test
    void shouldReachTheEngineWhenTheStoredLogonIsValid() throws Exception
    {
        final byte[] data;
        try (java.io.InputStream in = getClass().getResourceAsStream(
            "SessionDecodingFuzzTestInputs/fuzzSession/valid-logon-and-order"))
        {
            data = in.readAllBytes();
        }
        assertEquals(2, run(data).sent, "NewOrder and CancelOrder reached the engine; Logout ended the session");
    }

    private static RecordingEngine run(final byte[] data)
    {
        for (final SessionState session : SESSION_STATES.values())
        {
            session.connection = null;
            session.lastLogonTimestampNs = Long.MIN_VALUE;
            session.throttle.reset();
            if (session.cancelOnDisconnectPending)
            {
                session.cancelOnDisconnectPending = false;
            }
        }
        PENDING.clear();
        final RecordingEngine engine = ENGINE;
        engine.sent = 0;
        final ClientSession connection = CONNECTION;
        connection.reset(NOW_NS);
        final SofhFrameDecoder decoder = DECODER;

        int offset = 0;
        while (offset < data.length && connection.isOpen())
        {
            final int taken = connection.receive(data, offset, Math.min(data.length - offset, 1000));
            offset += taken;
            decoder.decode(connection, NOW_NS);
            assertTrue(!connection.blocked, "the stand-in engine never pushes back");
        }
        assertOutput(connection);
        return engine;
    }

    private static void assertOutput(final ClientSession connection)
    {
        final UnsafeBuffer out = connection.outBuffer;
        int position = connection.outStart;
        int lastTemplateId = 0;
        while (position < connection.outEnd)
        {
            assertTrue(connection.outEnd - position >= Sofh.HEADER_LENGTH, "whole framing header");
            final long frameLength = Sofh.messageLength(out, position);
            assertEquals(Sofh.SBE_1_0_LE, Sofh.encodingType(out, position));
            assertTrue(frameLength > Sofh.HEADER_LENGTH && position + frameLength <= connection.outEnd, "frame");
            final int templateId = MessageGuard.check(
                out, position + Sofh.HEADER_LENGTH, (int)frameLength - Sofh.HEADER_LENGTH);
            assertTrue(templateId > 0, "well-formed message");
            assertTrue(MessageGuard.isOutbound(templateId) || templateId >= 301 && templateId <= 306,
                "a message a gateway sends: " + templateId);
            if (templateId == TerminateDecoder.TEMPLATE_ID)
            {
                final TerminateDecoder terminate = new TerminateDecoder().wrapAndApplyHeader(
                    out, position + Sofh.HEADER_LENGTH, new MessageHeaderDecoder());
                assertTrue(terminate.reason() != TerminateReason.NULL_VAL &&
                    terminate.reason() != TerminateReason.SBE_UNKNOWN, "a reason");
            }
            lastTemplateId = templateId;
            position += (int)frameLength;
        }
        if (!connection.isOpen())
        {
            assertTrue(lastTemplateId == TerminateDecoder.TEMPLATE_ID ||
                lastTemplateId == LogonRejectedDecoder.TEMPLATE_ID || lastTemplateId == LogoutDecoder.TEMPLATE_ID ||
                lastTemplateId == 0, "a closed connection's last message ends it: " + lastTemplateId);
        }
    }
}
