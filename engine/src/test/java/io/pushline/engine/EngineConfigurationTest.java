package io.pushline.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import io.pushline.config.ConfigException;
import io.pushline.config.PropertiesConfig;
import io.pushline.engine.chain.ChainLayout;
import io.pushline.engine.match.SelfTradePrevention;
import io.pushline.config.TransportSettings;
import io.pushline.engine.node.EngineNode;
import io.pushline.engine.node.EngineNodeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineConfigurationTest
{
    /** Tests run in the engine module's folder; the default config lives in the repository's config folder. */
    private static final Path REPOSITORY = Path.of("..");

    @Test
    void shouldLaunchEngineWhenConfiguredFromDefaultFiles(@TempDir final Path journal)
    {
        final Properties overrides = new Properties();
        overrides.setProperty(EngineConfiguration.JOURNAL_DIRECTORY_PROP_NAME, journal.toString());
        final PropertiesConfig config = PropertiesConfig.load(
            REPOSITORY.resolve("config/engine.properties"), false, overrides, REPOSITORY);
        // the engine process's file: the node's own keys and the transport keys besides the engine's
        final EngineNode.Context nodeContext = EngineNodeConfiguration.apply(config, new EngineNode.Context());
        assertEquals(TransportSettings.defaults(true), nodeContext.transport());
        final Engine.Context context = nodeContext.engineContext();
        assertEquals(journal, context.journalDirectory());

        try (Engine engine = Engine.launch(context.maxOrdersPerInstrument(1024)))
        {
            assertEquals(ChainLayout.INVOKER, engine.context().layout());
            assertEquals(SelfTradePrevention.CANCEL_AGGRESSING, engine.context().selfTradePrevention());
            assertEquals(10, engine.context().instruments().size());
            assertEquals(0, engine.restingOrderCount());
        }
    }

    @Test
    void shouldNameKeyWhenValueIsBad(@TempDir final Path dir) throws IOException
    {
        final Path file = Files.writeString(dir.resolve("engine.properties"), "pushline.engine.layout=DIAGONAL\n");

        final ConfigException ex = assertThrows(ConfigException.class, () -> EngineConfiguration.apply(
            PropertiesConfig.load(file, false, new Properties(), REPOSITORY), new Engine.Context()));
        assertTrue(ex.getMessage().contains("pushline.engine.layout"), ex.getMessage());
    }

    @Test
    void shouldListUnknownKeysWhenKeyIsMisspelt(@TempDir final Path dir) throws IOException
    {
        final Path file = Files.writeString(dir.resolve("engine.properties"), "pushline.engine.ringsize=1024\n");

        final ConfigException ex = assertThrows(ConfigException.class, () -> EngineConfiguration.apply(
            PropertiesConfig.load(file, false, new Properties(), REPOSITORY), new Engine.Context()));
        assertTrue(ex.getMessage().contains("pushline.engine.ringsize"), ex.getMessage());
    }

    @Test
    void shouldNameSettingWhenRingSizeIsNotPowerOfTwo()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> Engine.launch(new Engine.Context()
            .instruments(TestInstruments.of(1))
            .ringSize(1000)));
        assertTrue(ex.getMessage().contains("pushline.engine.ringSize"), ex.getMessage());
    }
}
