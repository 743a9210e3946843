package io.pushline.engine;

import java.nio.file.Files;
import java.nio.file.Path;

import io.pushline.engine.match.SelfTradePrevention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordedConfigurationTest
{
    @Test
    void shouldRecordAnswerDecidingSettingsAndInstrumentsWhenJournalIsOpened(@TempDir final Path dir)
    {
        start(dir, SelfTradePrevention.CANCEL_BOTH, 1_000);
        final Engine.Context recorded = RecordedConfiguration.load(dir);
        assertEquals(SelfTradePrevention.CANCEL_BOTH, recorded.selfTradePrevention());
        assertEquals(1_000, recorded.maxOrdersPerInstrument());
        assertEquals(TestInstruments.of(3), recorded.instruments());
        assertEquals(0, RecordedConfiguration.lastChangeSequence(dir));
    }

    @Test
    void shouldKeepTheOldConfigurationWhenARestartChangesIt(@TempDir final Path dir) throws Exception
    {
        start(dir, SelfTradePrevention.CANCEL_BOTH, 1_000);
        start(dir, SelfTradePrevention.CANCEL_BOTH, 1_000);
        assertFalse(Files.exists(dir.resolve(RecordedConfiguration.HISTORY_DIRECTORY)),
            "same configuration: no history");

        start(dir, SelfTradePrevention.NONE, 1_000);
        assertEquals(SelfTradePrevention.NONE, RecordedConfiguration.load(dir).selfTradePrevention());
        assertEquals(1, RecordedConfiguration.lastChangeSequence(dir));
        final Path old = dir.resolve(RecordedConfiguration.HISTORY_DIRECTORY)
            .resolve("engine-config.before-1.properties");
        assertTrue(Files.readString(old).contains("selfTradePrevention=CANCEL_BOTH"));
    }

    @Test
    void shouldNameTheFileWhenNoConfigurationWasRecorded(@TempDir final Path dir)
    {
        final Exception ex = assertThrows(RuntimeException.class, () -> RecordedConfiguration.load(dir));
        assertTrue(ex.getMessage().contains(dir.resolve(RecordedConfiguration.CONFIG_FILE).toString()),
            ex.getMessage());
    }

    private static void start(final Path dir, final SelfTradePrevention mode, final int maxOrders)
    {
        try (Engine engine = Engine.launch(new Engine.Context()
            .instruments(TestInstruments.of(3))
            .selfTradePrevention(mode)
            .maxOrdersPerInstrument(maxOrders)
            .journalDirectory(dir)))
        {
            assertEquals(0, engine.lastSequence());
        }
    }
}
