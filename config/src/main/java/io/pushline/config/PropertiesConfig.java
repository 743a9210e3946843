package io.pushline.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, validated access to a {@code .properties} file whose values can be overridden by Java system properties
 * with the same key ({@code -Dpushline.engine.ringSize=8192} wins over the file).
 * <p>
 * The file is read as UTF-8. System properties are captured once, when the config is loaded. Values are trimmed.
 * Every getter takes the default used when the key is absent from both sources, and throws a
 * {@link ConfigException} naming the key, the value and its source when the value is invalid, e.g.
 * {@code pushline.engine.ringSize=abc (from config/engine.properties): not an integer}.
 * <p>
 * Relative paths returned by {@link #path(String, Path)} are resolved against the base directory, by default the
 * working directory of the process (the directory the engine is started from, usually the repository root, so
 * {@code config/instruments.csv} works from there), not against the directory of the properties file.
 * <p>
 * Every getter records its key as read; {@link #unknownKeys(String)} then lists the keys that were given but never
 * read, which catches typos. Not thread-safe: load and read configuration on one thread at start-up.
 */
public final class PropertiesConfig
{
    /** System property naming the Pushline home: the directory relative paths in config files are resolved against. */
    public static final String HOME_PROP_NAME = "pushline.home";

    private static final String SYSTEM_PROPERTY_SOURCE = "system property";
    private static final String DURATION_FORMAT =
        "not a duration; use nanoseconds or a number with a unit ns, us, ms or s, e.g. 500us";
    private static final String SIZE_FORMAT = "not a size; use bytes or a number with a unit k, m or g, e.g. 64k";

    private final Properties fileProperties;
    private final Properties overrides;
    private final String fileSource;
    private final Path baseDirectory;
    private final Set<String> readKeys = new HashSet<>();

    private PropertiesConfig(
        final Properties fileProperties, final Properties overrides, final String fileSource, final Path baseDirectory)
    {
        this.fileProperties = fileProperties;
        this.overrides = overrides;
        this.fileSource = fileSource;
        this.baseDirectory = baseDirectory;
    }

    /**
     * Loads a properties file that must exist, overridden by the current system properties.
     *
     * @param file the properties file.
     * @return the loaded config.
     * @throws ConfigException if the file is missing, unreadable or malformed.
     */
    public static PropertiesConfig load(final Path file)
    {
        return load(file, false);
    }

    /**
     * Loads a properties file, overridden by the current system properties, resolving relative paths against the
     * Pushline home ({@link #HOME_PROP_NAME}, set by {@code scripts/pushline} to the repository root) or, without
     * it, the working directory.
     *
     * @param file         the properties file.
     * @param allowMissing true if a missing file counts as an empty file (e.g. an optional default file).
     * @return the loaded config.
     * @throws ConfigException if the file is missing and not allowed to be, unreadable or malformed.
     */
    public static PropertiesConfig load(final Path file, final boolean allowMissing)
    {
        return load(file, allowMissing, System.getProperties(), home());
    }

    /**
     * The Pushline home: {@code -Dpushline.home} if given, else the working directory.
     *
     * @return the absolute home directory.
     */
    public static Path home()
    {
        return Path.of(System.getProperty(HOME_PROP_NAME, "")).toAbsolutePath().normalize();
    }

    /**
     * A default file of the distribution, e.g. {@code config/engine.properties}, under the Pushline home.
     *
     * @param relative path under the home.
     * @return the path.
     */
    public static Path homeFile(final String relative)
    {
        return home().resolve(relative);
    }

    /**
     * Loads a properties file with explicit overrides and base directory; for embedding and tests.
     *
     * @param file          the properties file.
     * @param allowMissing  true if a missing file counts as an empty file.
     * @param overrides     values that override the file, normally {@link System#getProperties()}; copied.
     * @param baseDirectory directory relative paths are resolved against.
     * @return the loaded config.
     * @throws ConfigException if the file is missing and not allowed to be, unreadable or malformed.
     */
    public static PropertiesConfig load(
        final Path file, final boolean allowMissing, final Properties overrides, final Path baseDirectory)
    {
        final Properties fileProperties = new Properties();
        if (Files.exists(file))
        {
            readFile(file, fileProperties);
        }
        else if (!allowMissing)
        {
            throw new ConfigException(
                "config file not found: " + file + " (resolved to " + file.toAbsolutePath().normalize() + ")");
        }

        final Properties overridesCopy = new Properties();
        for (final String key : overrides.stringPropertyNames())
        {
            overridesCopy.setProperty(key, overrides.getProperty(key));
        }

        return new PropertiesConfig(
            fileProperties, overridesCopy, file.toString(), baseDirectory.toAbsolutePath().normalize());
    }

    /**
     * The directory relative paths are resolved against.
     *
     * @return the absolute base directory.
     */
    public Path baseDirectory()
    {
        return baseDirectory;
    }

    /**
     * A string value.
     *
     * @param key          property key.
     * @param defaultValue returned when the key is absent; may be null.
     * @return the trimmed value or the default.
     */
    public String string(final String key, final String defaultValue)
    {
        final Value value = lookup(key);
        return null == value ? defaultValue : value.text;
    }

    /**
     * An int value within a range.
     *
     * @param key          property key.
     * @param defaultValue returned when the key is absent; must be within the range.
     * @param min          smallest allowed value.
     * @param max          largest allowed value.
     * @return the value or the default.
     * @throws ConfigException if the value is not an integer or out of range.
     */
    public int intValue(final String key, final int defaultValue, final int min, final int max)
    {
        return (int)longValue(key, defaultValue, min, max);
    }

    /**
     * A long value within a range.
     *
     * @param key          property key.
     * @param defaultValue returned when the key is absent; must be within the range.
     * @param min          smallest allowed value.
     * @param max          largest allowed value.
     * @return the value or the default.
     * @throws ConfigException if the value is not an integer or out of range.
     */
    public long longValue(final String key, final long defaultValue, final long min, final long max)
    {
        checkDefault(key, defaultValue, min, max);
        final Value value = lookup(key);
        if (null == value)
        {
            return defaultValue;
        }

        final long parsed;
        try
        {
            parsed = Long.parseLong(value.text);
        }
        catch (final NumberFormatException ex)
        {
            throw value.fail(isInteger(value.text) ? "must be between " + min + " and " + max : "not an integer");
        }

        if (parsed < min || parsed > max)
        {
            throw value.fail("must be between " + min + " and " + max);
        }
        return parsed;
    }

    /**
     * A boolean value; only {@code true} and {@code false} (in any case) are accepted.
     *
     * @param key          property key.
     * @param defaultValue returned when the key is absent.
     * @return the value or the default.
     * @throws ConfigException if the value is neither true nor false.
     */
    public boolean bool(final String key, final boolean defaultValue)
    {
        final Value value = lookup(key);
        if (null == value)
        {
            return defaultValue;
        }
        if ("true".equalsIgnoreCase(value.text))
        {
            return true;
        }
        if ("false".equalsIgnoreCase(value.text))
        {
            return false;
        }
        throw value.fail("must be true or false");
    }

    /**
     * An enum value, matched case-insensitively against the constant names.
     *
     * @param key          property key.
     * @param type         the enum class.
     * @param defaultValue returned when the key is absent; may be null.
     * @param <E>          the enum type.
     * @return the constant or the default.
     * @throws ConfigException listing the allowed values if the value names no constant.
     */
    public <E extends Enum<E>> E enumValue(final String key, final Class<E> type, final E defaultValue)
    {
        final Value value = lookup(key);
        if (null == value)
        {
            return defaultValue;
        }

        final StringBuilder allowed = new StringBuilder();
        for (final E constant : type.getEnumConstants())
        {
            if (constant.name().equalsIgnoreCase(value.text))
            {
                return constant;
            }
            allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name());
        }
        throw value.fail("must be one of " + allowed);
    }

    /**
     * A non-negative duration in nanoseconds: a plain number of nanoseconds or a number with a unit {@code ns},
     * {@code us}, {@code ms} or {@code s} (case-insensitive), e.g. {@code 500us}, {@code 10ms}, {@code 2s}.
     *
     * @param key       property key.
     * @param defaultNs returned when the key is absent; must not be negative.
     * @return the duration in nanoseconds.
     * @throws ConfigException if the value is not a duration or does not fit a long.
     */
    public long durationNs(final String key, final long defaultNs)
    {
        checkDefault(key, defaultNs, 0, Long.MAX_VALUE);
        final Value value = lookup(key);
        if (null == value)
        {
            return defaultNs;
        }

        final String text = value.text.toLowerCase(Locale.ROOT);
        final long multiplier;
        final int unitLength;
        if (text.endsWith("ns"))
        {
            multiplier = 1L;
            unitLength = 2;
        }
        else if (text.endsWith("us"))
        {
            multiplier = 1_000L;
            unitLength = 2;
        }
        else if (text.endsWith("ms"))
        {
            multiplier = 1_000_000L;
            unitLength = 2;
        }
        else if (text.endsWith("s"))
        {
            multiplier = 1_000_000_000L;
            unitLength = 1;
        }
        else
        {
            multiplier = 1L;
            unitLength = 0;
        }

        final String number = text.substring(0, text.length() - unitLength);
        return scaled(value, number, multiplier, Long.MAX_VALUE, DURATION_FORMAT);
    }

    /**
     * A non-negative size in bytes that fits an int: a plain number of bytes or a number with a unit {@code k},
     * {@code m} or {@code g} (case-insensitive, powers of 1024), e.g. {@code 64k}, {@code 16m}, {@code 1g}.
     *
     * @param key          property key.
     * @param defaultValue returned when the key is absent; must not be negative.
     * @return the size in bytes.
     * @throws ConfigException if the value is not a size or is larger than {@link Integer#MAX_VALUE}.
     */
    public int sizeBytes(final String key, final int defaultValue)
    {
        return (int)size(key, defaultValue, Integer.MAX_VALUE);
    }

    /**
     * A non-negative size in bytes: a plain number of bytes or a number with a unit {@code k}, {@code m} or
     * {@code g} (case-insensitive, powers of 1024), e.g. {@code 64k}, {@code 16m}, {@code 1g}.
     *
     * @param key          property key.
     * @param defaultValue returned when the key is absent; must not be negative.
     * @return the size in bytes.
     * @throws ConfigException if the value is not a size or does not fit a long.
     */
    public long sizeBytes(final String key, final long defaultValue)
    {
        return size(key, defaultValue, Long.MAX_VALUE);
    }

    /**
     * A file system path; a relative path (from the properties or the default) is resolved against
     * {@link #baseDirectory()}, by default the working directory of the process.
     *
     * @param key          property key.
     * @param defaultValue returned (resolved) when the key is absent; may be null.
     * @return the absolute, normalised path, or null if absent and the default is null.
     * @throws ConfigException if the value is empty or not a valid path.
     */
    public Path path(final String key, final Path defaultValue)
    {
        final Value value = lookup(key);
        if (null == value)
        {
            return null == defaultValue ? null : baseDirectory.resolve(defaultValue).normalize();
        }
        if (value.text.isEmpty())
        {
            throw value.fail("must not be empty");
        }

        try
        {
            return baseDirectory.resolve(Path.of(value.text)).normalize();
        }
        catch (final InvalidPathException ex)
        {
            throw value.fail("not a valid path: " + ex.getReason());
        }
    }

    /**
     * Keys starting with {@code prefix}, given in the file or as system properties, that no getter has asked for:
     * most likely typos. Call it after reading every key the component knows, including keys that only matter in
     * some modes, and fail if the list is not empty.
     *
     * @param prefix key prefix of the component, e.g. {@code "pushline.engine."}.
     * @return the unread keys, sorted; empty if none.
     */
    public List<String> unknownKeys(final String prefix)
    {
        final TreeSet<String> unknown = new TreeSet<>();
        addUnread(fileProperties, prefix, unknown);
        addUnread(overrides, prefix, unknown);
        return List.copyOf(unknown);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "PropertiesConfig{file=" + fileSource + ", baseDirectory=" + baseDirectory + "}";
    }

    private static void readFile(final Path file, final Properties into)
    {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            into.load(reader);
        }
        catch (final CharacterCodingException ex)
        {
            throw new ConfigException("config file is not valid UTF-8: " + file, ex);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new ConfigException("cannot read config file " + file + ": " + ex.getMessage(), ex);
        }
    }

    private void addUnread(final Properties properties, final String prefix, final Set<String> unknown)
    {
        for (final String key : properties.stringPropertyNames())
        {
            if (key.startsWith(prefix) && !readKeys.contains(key))
            {
                unknown.add(key);
            }
        }
    }

    private Value lookup(final String key)
    {
        readKeys.add(key);
        final String override = overrides.getProperty(key);
        if (null != override)
        {
            return new Value(key, override.strip(), SYSTEM_PROPERTY_SOURCE);
        }

        final String fromFile = fileProperties.getProperty(key);
        return null == fromFile ? null : new Value(key, fromFile.strip(), fileSource);
    }

    private long size(final String key, final long defaultValue, final long max)
    {
        checkDefault(key, defaultValue, 0, max);
        final Value value = lookup(key);
        if (null == value)
        {
            return defaultValue;
        }

        final String text = value.text.toLowerCase(Locale.ROOT);
        final char unit = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
        final int shift = switch (unit)
        {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };

        final String number = 0 == shift ? text : text.substring(0, text.length() - 1);
        return scaled(value, number, 1L << shift, max, SIZE_FORMAT);
    }

    private static long scaled(
        final Value value, final String number, final long multiplier, final long max, final String formatProblem)
    {
        final String digits = number.strip();
        if (digits.isEmpty() || !isUnsignedDigits(digits))
        {
            throw value.fail(formatProblem);
        }

        try
        {
            final long result = Math.multiplyExact(Long.parseLong(digits), multiplier);
            if (result > max)
            {
                throw value.fail("must be at most " + max);
            }
            return result;
        }
        catch (final ArithmeticException | NumberFormatException ex)
        {
            throw value.fail("must be at most " + max);
        }
    }

    private static void checkDefault(final String key, final long defaultValue, final long min, final long max)
    {
        if (defaultValue < min || defaultValue > max)
        {
            throw new IllegalArgumentException(
                "default of " + key + " is " + defaultValue + ", outside " + min + ".." + max);
        }
    }

    private static boolean isInteger(final String text)
    {
        final boolean signed = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+');
        return isUnsignedDigits(signed ? text.substring(1) : text);
    }

    private static boolean isUnsignedDigits(final String text)
    {
        if (text.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (text.charAt(i) < '0' || text.charAt(i) > '9')
            {
                return false;
            }
        }
        return true;
    }

    /**
     * One value found for a key, with where it came from.
     */
    private static final class Value
    {
        private final String key;
        private final String text;
        private final String source;

        Value(final String key, final String text, final String source)
        {
            this.key = key;
            this.text = text;
            this.source = source;
        }

        ConfigException fail(final String problem)
        {
            return new ConfigException(key + "=" + text + " (from " + source + "): " + problem);
        }
    }
}
