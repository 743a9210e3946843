package io.pushline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

class PropertiesConfigTest
{
    private static final String KEY = "pushline.test.value";
    private static final String SYSTEM = " (from system property): ";

    enum Layout
    {
        ONE_THREAD, STAGED, SHARDED
    }

    @TempDir
    Path tempDir;

    @Test
    void shouldReadTypedValuesWhenFileSetsThem() throws IOException
    {
        final Path file = write(
            "a.string=  hello world  ",
            "a.int=4096",
            "a.long=-10000000000",
            "a.bool=TRUE",
            "a.enum=sharded",
            "a.duration=500us",
            "a.size=64k",
            "a.path=config/instruments.csv");
        final PropertiesConfig config = PropertiesConfig.load(file, false, new Properties(), tempDir);

        assertEquals("hello world", config.string("a.string", "x"));
        assertEquals(4096, config.intValue("a.int", 1, 1, 1 << 20));
        assertEquals(-10_000_000_000L, config.longValue("a.long", 0, Long.MIN_VALUE, 0));
        assertTrue(config.bool("a.bool", false));
        assertEquals(Layout.SHARDED, config.enumValue("a.enum", Layout.class, Layout.ONE_THREAD));
        assertEquals(500_000L, config.durationNs("a.duration", 0));
        assertEquals(65_536, config.sizeBytes("a.size", 0));
        assertEquals(tempDir.resolve("config/instruments.csv"), config.path("a.path", null));
    }

    @Test
    void shouldReturnDefaultsWhenKeysAreAbsent() throws IOException
    {
        final PropertiesConfig config = PropertiesConfig.load(write("other=1"), false, new Properties(), tempDir);

        assertEquals("d", config.string(KEY, "d"));
        assertNull(config.string(KEY, null));
        assertEquals(7, config.intValue(KEY, 7, 0, 10));
        assertEquals(8L, config.longValue(KEY, 8L, 0, 10));
        assertFalse(config.bool(KEY, false));
        assertEquals(Layout.STAGED, config.enumValue(KEY, Layout.class, Layout.STAGED));
        assertEquals(3L, config.durationNs(KEY, 3L));
        assertEquals(4, config.sizeBytes(KEY, 4));
        assertEquals(5L, config.sizeBytes(KEY, 5L));
        assertEquals(tempDir.resolve("x.csv"), config.path(KEY, Path.of("x.csv")));
        assertNull(config.path(KEY, null));
    }

    @Test
    void shouldPreferSystemPropertyWhenFileAlsoSetsKey() throws IOException
    {
        final Path file = write(KEY + "=1024", "pushline.test.fileOnly=7");
        System.setProperty(KEY, "2048");
        try
        {
            final PropertiesConfig config = PropertiesConfig.load(file);

            assertEquals(2048, config.intValue(KEY, 1, 1, 1 << 20));
            assertEquals(7, config.intValue("pushline.test.fileOnly", 1, 1, 10));
        }
        finally
        {
            System.clearProperty(KEY);
        }
    }

    @Test
    void shouldNameSystemPropertyAsSourceWhenOverrideIsInvalid() throws IOException
    {
        final Path file = write(KEY + "=1024");
        System.setProperty(KEY, "lots");
        try
        {
            final PropertiesConfig config = PropertiesConfig.load(file);

            assertError(KEY + "=lots" + SYSTEM + "not an integer", () -> config.intValue(KEY, 1, 1, 1 << 20));
        }
        finally
        {
            System.clearProperty(KEY);
        }
    }

    @Test
    void shouldTreatMissingFileAsEmptyWhenAllowed()
    {
        final PropertiesConfig config = PropertiesConfig.load(tempDir.resolve("absent.properties"), true);

        assertEquals(5, config.intValue(KEY, 5, 0, 10));
        assertEquals(List.of(), config.unknownKeys("pushline.test."));
    }

    @Test
    void shouldNameThePathWhenRequiredFileIsMissing()
    {
        final Path file = tempDir.resolve("absent.properties");

        final ConfigException ex = assertThrows(ConfigException.class, () -> PropertiesConfig.load(file));

        assertTrue(ex.getMessage().startsWith("config file not found: " + file), ex.getMessage());
    }

    @Test
    void shouldNameTheFileWhenItIsMalformed() throws IOException
    {
        final Path file = write("a=\\u12");

        final ConfigException ex = assertThrows(ConfigException.class, () -> PropertiesConfig.load(file));

        assertTrue(ex.getMessage().startsWith("cannot read config file " + file + ": "), ex.getMessage());
    }

    @Test
    void shouldNameKeyValueAndFileWhenIntIsInvalid() throws IOException
    {
        final Path file = write("pushline.engine.ringSize=abc", "a.small=5", "a.huge=99999999999");
        final PropertiesConfig config = PropertiesConfig.load(file, false, new Properties(), tempDir);
        final String from = " (from " + file + "): ";

        assertError("pushline.engine.ringSize=abc" + from + "not an integer",
            () -> config.intValue("pushline.engine.ringSize", 4096, 1, 1 << 20));
        assertError("a.small=5" + from + "must be between 64 and 1024", () -> config.intValue("a.small", 64, 64, 1024));
        assertError("a.huge=99999999999" + from + "must be between 0 and 2147483647",
            () -> config.intValue("a.huge", 0, 0, Integer.MAX_VALUE));
    }

    @Test
    void shouldNameKeyAndSourceWhenLongIsInvalid()
    {
        final PropertiesConfig config = fromSystem(KEY, "12x");
        assertError(KEY + "=12x" + SYSTEM + "not an integer", () -> config.longValue(KEY, 0, 0, 100));

        final PropertiesConfig tooLarge = fromSystem(KEY, "101");
        assertError(KEY + "=101" + SYSTEM + "must be between 0 and 100", () -> tooLarge.longValue(KEY, 0, 0, 100));

        final PropertiesConfig overflow = fromSystem(KEY, "-99999999999999999999");
        assertError(KEY + "=-99999999999999999999" + SYSTEM + "must be between 0 and 100",
            () -> overflow.longValue(KEY, 0, 0, 100));
    }

    @Test
    void shouldAcceptOnlyTrueOrFalseWhenReadingBoolean()
    {
        assertFalse(fromSystem(KEY, "False").bool(KEY, true));
        final PropertiesConfig config = fromSystem(KEY, "yes");

        assertError(KEY + "=yes" + SYSTEM + "must be true or false", () -> config.bool(KEY, false));
    }

    @Test
    void shouldListAllowedValuesWhenEnumIsInvalid()
    {
        assertEquals(Layout.ONE_THREAD, fromSystem(KEY, "One_Thread").enumValue(KEY, Layout.class, Layout.STAGED));
        final PropertiesConfig config = fromSystem(KEY, "TWO_THREADS");

        assertError(KEY + "=TWO_THREADS" + SYSTEM + "must be one of ONE_THREAD, STAGED, SHARDED",
            () -> config.enumValue(KEY, Layout.class, Layout.ONE_THREAD));
    }

    @Test
    void shouldParseEveryDurationUnitWhenWellFormed()
    {
        assertEquals(100L, fromSystem(KEY, "100ns").durationNs(KEY, 0));
        assertEquals(500_000L, fromSystem(KEY, "500us").durationNs(KEY, 0));
        assertEquals(10_000_000L, fromSystem(KEY, "10ms").durationNs(KEY, 0));
        assertEquals(2_000_000_000L, fromSystem(KEY, "2s").durationNs(KEY, 0));
        assertEquals(2_000_000_000L, fromSystem(KEY, "2 S").durationNs(KEY, 0));
        assertEquals(12_345L, fromSystem(KEY, "12345").durationNs(KEY, 0));
        assertEquals(0L, fromSystem(KEY, "0ms").durationNs(KEY, 1));
    }

    @Test
    void shouldNameKeyAndSourceWhenDurationIsInvalid()
    {
        final String format = "not a duration; use nanoseconds or a number with a unit ns, us, ms or s, e.g. 500us";
        for (final String bad : List.of("10min", "1.5s", "-5ms", "ms", "", "10 m s"))
        {
            final PropertiesConfig config = fromSystem(KEY, bad);
            assertError(KEY + "=" + bad + SYSTEM + format, () -> config.durationNs(KEY, 0));
        }

        final PropertiesConfig overflow = fromSystem(KEY, "9999999999999s");
        assertError(KEY + "=9999999999999s" + SYSTEM + "must be at most " + Long.MAX_VALUE,
            () -> overflow.durationNs(KEY, 0));
    }

    @Test
    void shouldParseEverySizeUnitWhenWellFormed()
    {
        assertEquals(65_536, fromSystem(KEY, "64k").sizeBytes(KEY, 0));
        assertEquals(16 << 20, fromSystem(KEY, "16M").sizeBytes(KEY, 0));
        assertEquals(1 << 30, fromSystem(KEY, "1g").sizeBytes(KEY, 0));
        assertEquals(123, fromSystem(KEY, "123").sizeBytes(KEY, 0));
        assertEquals(8L << 30, fromSystem(KEY, "8g").sizeBytes(KEY, 0L));
    }

    @Test
    void shouldNameKeyAndSourceWhenSizeIsInvalid()
    {
        final String format = "not a size; use bytes or a number with a unit k, m or g, e.g. 64k";
        for (final String bad : List.of("64kb", "1.5m", "-1k", "k", "lots"))
        {
            final PropertiesConfig config = fromSystem(KEY, bad);
            assertError(KEY + "=" + bad + SYSTEM + format, () -> config.sizeBytes(KEY, 0));
            assertError(KEY + "=" + bad + SYSTEM + format, () -> config.sizeBytes(KEY, 0L));
        }

        final PropertiesConfig tooLargeForInt = fromSystem(KEY, "2g");
        assertError(KEY + "=2g" + SYSTEM + "must be at most 2147483647", () -> tooLargeForInt.sizeBytes(KEY, 0));
        assertEquals(2L << 30, tooLargeForInt.sizeBytes(KEY, 0L));

        final PropertiesConfig overflow = fromSystem(KEY, "99999999999g");
        assertError(KEY + "=99999999999g" + SYSTEM + "must be at most " + Long.MAX_VALUE,
            () -> overflow.sizeBytes(KEY, 0L));
    }

    @Test
    void shouldResolveRelativePathAgainstBaseDirectoryWhenReadingPath()
    {
        final Path absolute = tempDir.resolve("elsewhere/file.csv").toAbsolutePath();

        assertEquals(tempDir.resolve("config/instruments.csv"),
            fromSystem(KEY, "config/./instruments.csv").path(KEY, null));
        assertEquals(absolute, fromSystem(KEY, absolute.toString()).path(KEY, null));
        assertEquals(tempDir.resolve("d.csv"), fromSystem("other", "x").path(KEY, Path.of("d.csv")));
    }

    @Test
    void shouldUseWorkingDirectoryAsBaseWhenLoadedWithoutOne()
    {
        final PropertiesConfig config = PropertiesConfig.load(tempDir.resolve("absent.properties"), true);

        assertEquals(Path.of("").toAbsolutePath(), config.baseDirectory());
        assertEquals(Path.of("instruments.csv").toAbsolutePath(), config.path(KEY, Path.of("instruments.csv")));
    }

    @Test
    void shouldNameKeyAndSourceWhenPathIsInvalid()
    {
        final PropertiesConfig empty = fromSystem(KEY, "  ");
        assertError(KEY + "=" + SYSTEM + "must not be empty", () -> empty.path(KEY, Path.of("x")));

        final PropertiesConfig invalid = fromSystem(KEY, "a\u0000b");
        final ConfigException ex = assertThrows(ConfigException.class, () -> invalid.path(KEY, null));
        assertTrue(ex.getMessage().startsWith(KEY + "=a\u0000b" + SYSTEM + "not a valid path: "), ex.getMessage());
    }

    @Test
    void shouldReportKeysWithPrefixWhenNeverRead() throws IOException
    {
        final Path file = write(
            "pushline.engine.ringSize=4096",
            "pushline.engine.rignSize=8192",
            "pushline.engine.layout=STAGED",
            "pushline.gateway.port=9000");
        final Properties overrides = new Properties();
        overrides.setProperty("pushline.engine.waitStrategy", "BUSY_SPIN");
        overrides.setProperty("pushline.engine.waitStrategyy", "BUSY_SPIN");
        overrides.setProperty("java.version", "17");
        final PropertiesConfig config = PropertiesConfig.load(file, false, overrides, tempDir);

        assertEquals(
            List.of(
                "pushline.engine.layout",
                "pushline.engine.rignSize",
                "pushline.engine.ringSize",
                "pushline.engine.waitStrategy",
                "pushline.engine.waitStrategyy"),
            config.unknownKeys("pushline.engine."));

        config.intValue("pushline.engine.ringSize", 1024, 1, 1 << 20);
        config.string("pushline.engine.layout", "ONE_THREAD");
        config.string("pushline.engine.waitStrategy", "YIELDING");
        config.bool("pushline.engine.absent", false);

        assertEquals(
            List.of("pushline.engine.rignSize", "pushline.engine.waitStrategyy"),
            config.unknownKeys("pushline.engine."));
        assertEquals(List.of("pushline.gateway.port"), config.unknownKeys("pushline.gateway."));
    }

    @Test
    void shouldCountKeyAsReadWhenItsValueWasInvalid() throws IOException
    {
        final PropertiesConfig config = PropertiesConfig.load(write("p.a=abc"), false, new Properties(), tempDir);

        assertThrows(ConfigException.class, () -> config.intValue("p.a", 1, 0, 10));
        assertEquals(List.of(), config.unknownKeys("p."));
    }

    @Test
    void shouldRejectDefaultWhenOutsideRange()
    {
        final PropertiesConfig config = fromSystem("other", "x");

        assertThrows(IllegalArgumentException.class, () -> config.intValue(KEY, 0, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> config.durationNs(KEY, -1));
        assertThrows(IllegalArgumentException.class, () -> config.sizeBytes(KEY, -1));
    }

    @Test
    void shouldLoadDefaultEnginePropertiesWhenReadFromModuleDirectory()
    {
        final PropertiesConfig config =
            PropertiesConfig.load(Path.of("engine.properties"), false, new Properties(), Path.of(".."));

        final Path instruments = config.path("pushline.engine.instrumentsFile", null);
        assertEquals(10, InstrumentsFile.load(instruments).size());
        assertEquals("INVOKER", config.string("pushline.engine.layout", null));
        assertEquals(2, config.intValue("pushline.engine.shards", 1, 1, 64));
        assertEquals(4096, config.intValue("pushline.engine.ringSize", 1, 1, 1 << 30));
        assertEquals("YIELDING", config.string("pushline.engine.waitStrategy", null));
        assertEquals(65_536, config.intValue("pushline.engine.maxOrdersPerInstrument", 1, 1, Integer.MAX_VALUE));
        assertEquals(4096, config.intValue("pushline.engine.reportStreamCapacity", 1, 1, Integer.MAX_VALUE));
        assertEquals("CANCEL_AGGRESSING", config.string("pushline.engine.selfTradePrevention", null));
        assertEquals(16384, config.intValue("pushline.engine.clientOrderIdCapacity", 1, 1, Integer.MAX_VALUE));
        // that every key of the file is one the engine knows is EngineConfigurationTest's to check
    }

    private PropertiesConfig fromSystem(final String key, final String value)
    {
        final Properties overrides = new Properties();
        overrides.setProperty(key, value);
        return PropertiesConfig.load(tempDir.resolve("absent.properties"), true, overrides, tempDir);
    }

    private Path write(final String... lines) throws IOException
    {
        final Path file = tempDir.resolve("test.properties");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    private static void assertError(final String expectedMessage, final Executable executable)
    {
        final ConfigException ex = assertThrows(ConfigException.class, executable);
        assertEquals(expectedMessage, ex.getMessage());
    }
}
