package io.pushline.gateway;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientSessionTest
{
    @Test
    void shouldHoldOnlyASmallOutboundBufferUntilLogonAndKeepWhatIsQueuedWhenTheBacklogComes()
    {
        final ClientSession connection = new ClientSession(1, null, 512, 256 * 1024, 0);
        assertTrue(connection.outBuffer.capacity() <= ClientSession.PRE_LOGON_BACKLOG + ClientSession.RESERVE);
        assertEquals(-1, connection.claim(ClientSession.PRE_LOGON_BACKLOG, false), "bounded before logon");
        final int offset = connection.claim(16, false);
        connection.outBuffer.putLong(offset, 0x1122334455667788L);

        connection.useSessionBacklog();
        assertEquals(256 * 1024 + ClientSession.RESERVE, connection.outBuffer.capacity());
        assertEquals(6 + 16, connection.backlog());
        assertEquals(0x1122334455667788L, connection.outBuffer.getLong(connection.outStart + 6));
        assertTrue(connection.claim(100_000, false) > 0);
    }

    @Test
    void shouldFreeItsBuffersSoAStrayAccessFailsItsBoundsCheck()
    {
        final ClientSession connection = new ClientSession(1, null, 512, 8192, 0);
        connection.useSessionBacklog();
        connection.freeBuffers();
        assertEquals(0, connection.inBuffer.capacity());
        assertEquals(0, connection.outBuffer.capacity());
        assertThrows(IndexOutOfBoundsException.class, () -> connection.outBuffer.getLong(0));
    }
}
