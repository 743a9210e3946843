package io.pushline.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportSettingsTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldUseDefaultsWhenFileIsEmpty() throws IOException
    {
        final TransportSettings settings = TransportSettings.from(load("", new Properties()), true);

        assertEquals(TransportSettings.defaultAeronDirectory(), settings.aeronDirectory());
        assertTrue(settings.embeddedDriver());
        assertEquals("SHARED", settings.threadingMode());
        assertEquals("BACKOFF", settings.idleStrategy());
        assertEquals("aeron:ipc", settings.ingressChannel());
        assertEquals(1001, settings.ingressStreamId());
        assertEquals("aeron:ipc", settings.egressChannel());
        assertEquals(1002, settings.egressStreamId());
        assertFalse(TransportSettings.from(load("", new Properties()), false).embeddedDriver());
    }

    @Test
    void shouldPreferSystemPropertyWhenBothGiven() throws IOException
    {
        final Properties overrides = new Properties();
        overrides.setProperty(TransportSettings.INGRESS_CHANNEL_PROP_NAME, "aeron:udp?endpoint=localhost:40501");
        final TransportSettings settings = TransportSettings.from(
            load("pushline.aeron.ingressChannel=aeron:ipc\npushline.aeron.idleStrategy=yielding\n", overrides), true);

        assertEquals("aeron:udp?endpoint=localhost:40501", settings.ingressChannel());
        assertEquals("YIELDING", settings.idleStrategy());
    }

    @Test
    void shouldNameKeyWhenValueIsBad() throws IOException
    {
        final ConfigException badMode = assertThrows(ConfigException.class,
            () -> TransportSettings.from(load("pushline.aeron.threadingMode=TURBO\n", new Properties()), true));
        assertTrue(badMode.getMessage().contains(TransportSettings.THREADING_MODE_PROP_NAME), badMode.getMessage());

        final ConfigException badChannel = assertThrows(ConfigException.class,
            () -> TransportSettings.from(load("pushline.aeron.egressChannel=tcp://x\n", new Properties()), true));
        assertTrue(badChannel.getMessage().contains(TransportSettings.EGRESS_CHANNEL_PROP_NAME));

        final ConfigException typo = assertThrows(ConfigException.class,
            () -> TransportSettings.from(load("pushline.aeron.ingresStreamId=5\n", new Properties()), true));
        assertTrue(typo.getMessage().contains("pushline.aeron.ingresStreamId"), typo.getMessage());
    }

    private PropertiesConfig load(final String text, final Properties overrides) throws IOException
    {
        final Path file = Files.writeString(tempDir.resolve("t.properties"), text);
        return PropertiesConfig.load(file, false, overrides, tempDir);
    }
}
