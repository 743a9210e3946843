package io.pushline.client;

import io.pushline.protocol.Sofh;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.TerminateDecoder;
import io.pushline.sbe.TerminateEncoder;
import io.pushline.sbe.TerminateReason;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client against a plain TCP peer standing in for the gateway: failed sends do not lose what was received.
 */
class PushlineClientTest
{
    private ServerSocketChannel server;
    private SocketChannel peer;
    private PushlineClient client;

    /**
     * Records template ids and disconnects.
     */
    static final class Recorder implements PushlineClient.Listener
    {
        final IntArrayList templateIds = new IntArrayList();
        TerminateReason terminateReason;
        int disconnects;

        @Override
        public void onMessage(final int templateId, final DirectBuffer buffer, final int offset, final int length)
        {
            templateIds.addInt(templateId);
            if (templateId == TerminateDecoder.TEMPLATE_ID)
            {
                terminateReason = new TerminateDecoder().wrapAndApplyHeader(
                    buffer, offset, new io.pushline.sbe.MessageHeaderDecoder()).reason();
            }
        }

        @Override
        public void onDisconnected()
        {
            disconnects++;
        }
    }

    private void connect(final int peerReceiveBuffer) throws IOException
    {
        server = ServerSocketChannel.open();
        if (peerReceiveBuffer > 0)
        {
            server.setOption(StandardSocketOptions.SO_RCVBUF, peerReceiveBuffer);
        }
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        client = PushlineClient.connect("127.0.0.1", ((InetSocketAddress)server.getLocalAddress()).getPort());
        peer = server.accept();
    }

    @AfterEach
    void close() throws IOException
    {
        client.close();
        peer.close();
        server.close();
    }

    @Test
    @Timeout(20)
    void shouldHandOutAReceivedTerminateThenDisconnectOnceWhenASendFails() throws Exception
    {
        connect(0);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
        final int length = Sofh.HEADER_LENGTH + MessageHeaderEncoder.ENCODED_LENGTH + TerminateEncoder.BLOCK_LENGTH;
        Sofh.write(frame, 0, length);
        new TerminateEncoder().wrapAndApplyHeader(frame, Sofh.HEADER_LENGTH, new MessageHeaderEncoder())
            .sessionId(1).gatewayId(1).timestampNs(1).sequence(2).detail(0).reason(TerminateReason.SLOW_CONSUMER);
        peer.write(ByteBuffer.wrap(frame.byteArray(), 0, length));
        peer.close();

        // the client has not polled yet: its sends fail once the peer's reset arrives
        for (int i = 0; i < 200 && !sendFailed(); i++)
        {
            client.heartbeat();
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertTrue(sendFailed(), "a send failed");

        final Recorder recorder = new Recorder();
        client.poll(recorder);
        client.poll(recorder);
        assertEquals(TerminateReason.SLOW_CONSUMER, recorder.terminateReason, "the Terminate received before");
        assertEquals(1, recorder.disconnects, "told once");
        assertFalse(client.isConnected());
    }

    @Test
    @Timeout(20)
    void shouldGiveUpASendWhenThePeerStopsReadingForTheWriteTimeout() throws Exception
    {
        connect(4096);
        client.writeTimeoutNs(TimeUnit.MILLISECONDS.toNanos(200));
        final byte[] chunk = new byte[60_000];
        for (int i = 0; i < 2000 && !sendFailed(); i++)
        {
            client.sendRaw(chunk, 0, chunk.length);
        }
        assertTrue(sendFailed(), "the send gave up");
        final Recorder recorder = new Recorder();
        client.poll(recorder);
        assertEquals(1, recorder.disconnects);
        assertFalse(client.isConnected());
    }

    private boolean sendFailed()
    {
        return client.hasFailedSend();
    }
}
