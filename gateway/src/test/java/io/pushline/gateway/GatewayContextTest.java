package io.pushline.gateway;

import io.pushline.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad settings fail at start with the setting named; a gateway that fails to start leaves nothing behind.
 */
class GatewayContextTest
{
    @TempDir
    Path tempDir;

    private static void assertRefused(final String name, final UnaryOperator<Gateway.Context> settings)
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> settings.apply(new Gateway.Context().sessions(GatewayHarness.SESSIONS)).conclude());
        assertTrue(ex.getMessage().contains(name), ex.getMessage());
    }

    @Test
    void shouldRefuseBadSettingsNamingThem()
    {
        assertRefused("throttleMessages", ctx -> ctx.throttleMessages(0));
        assertRefused("throttleMessages", ctx -> ctx.throttleMessages(2_000_000));
        assertRefused("outboundBacklogBytes", ctx -> ctx.outboundBacklogBytes(100));
        assertRefused("engineTimeoutNs", ctx -> ctx.engineTimeoutNs(0));
        assertRefused("maxFrameLength", ctx -> ctx.maxFrameLength(70_000));
        assertRefused("maxPendingRequests", ctx -> ctx.maxPendingRequests(0));
    }

    @Test
    void shouldRefuseAnOversizedSessionThrottleNamingFileAndLine() throws Exception
    {
        final Path file = tempDir.resolve("sessions.csv");
        Files.writeString(file, "sessionId,gatewayId,secretHex,cancelOnDisconnect,throttleMessages,throttleWindow\n" +
            "1,1,00ff,true,10,1s\n" +
            "2,1,00ff,true,2000000,1s\n");
        final ConfigException ex = assertThrows(ConfigException.class, () -> SessionsFile.load(file));
        assertTrue(ex.getMessage().contains(file + ":3: field 'throttleMessages'"), ex.getMessage());
    }

    @Test
    void shouldLeaveNoCountersBehindWhenTheGatewayCannotStart()
    {
        try (GatewayHarness harness = new GatewayHarness(tempDir))
        {
            assertThrows(RuntimeException.class, () -> Gateway.launch(new Gateway.Context().gatewayId(9).port(0)
                .bindHost("no-such-host.invalid").sessions(List.of(GatewayHarness.session(91, 9, true)))
                .transport(harness.transport(1001, 1002)).aeron(harness.aeron)));
            // counters are freed by the driver once it has the client's removal (asynchronous)
            final long deadline = System.nanoTime() + TestClient.TIMEOUT_NS;
            int left;
            do
            {
                final int[] count = {0};
                harness.aeron.countersReader().forEach((id, type, key, label) ->
                    count[0] += label.startsWith("gateway 9 ") ? 1 : 0);
                left = count[0];
                Thread.yield();
            }
            while (left > 0 && System.nanoTime() - deadline < 0);
            assertEquals(0, left, "counters of the failed gateway");
            assertTrue(!harness.aeron.isClosed(), "the given Aeron client stays open");
        }
    }
}
