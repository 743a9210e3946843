package io.pushline.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the instruments file: a UTF-8 CSV file with one {@link InstrumentDefinition} per line.
 * <p>
 * Format:
 * <ul>
 *     <li>the first line that is neither blank nor a comment is the header, exactly {@link #HEADER} (spaces around
 *     the commas are allowed);</li>
 *     <li>every following line that is neither blank nor a comment is one instrument with {@link #COLUMN_COUNT}
 *     comma separated columns in header order; values are trimmed; there is no quoting, so a symbol cannot contain
 *     a comma;</li>
 *     <li>a line whose first non-blank character is {@code #} is a comment; comments cannot follow a value on the
 *     same line.</li>
 * </ul>
 * Every field is validated and loading stops at the first bad entry with a {@link ConfigException} whose message
 * reads {@code <file>:<line>: field '<name>': <problem>, got '<value>'}. The list is returned in file order, which
 * the engine uses as the instrument index.
 */
public final class InstrumentsFile
{
    /**
     * The header line the file must start with, also the column order.
     */
    public static final String HEADER = "id,symbol,tickSize,lotSize,referencePrice,bandBps,maxQuantity,maxNotional";

    /**
     * Number of columns of the header and of every instrument line.
     */
    public static final int COLUMN_COUNT = 8;

    /**
     * Largest allowed {@code bandBps}: 10,000 basis points = 100%.
     */
    public static final int MAX_BAND_BPS = 10_000;

    private static final String[] COLUMNS = HEADER.split(",");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private InstrumentsFile()
    {
    }

    /**
     * Loads and validates the instruments file.
     *
     * @param file the CSV file; a relative path is resolved against the working directory.
     * @return the instruments in file order, never empty and unmodifiable.
     * @throws ConfigException if the file is missing or unreadable, or at the first invalid line.
     */
    public static List<InstrumentDefinition> load(final Path file)
    {
        final List<String> lines = readLines(file);
        final List<InstrumentDefinition> instruments = new ArrayList<>();
        final Map<Integer, Integer> lineById = new HashMap<>();
        final Map<String, Integer> lineBySymbol = new HashMap<>();
        boolean headerSeen = false;

        for (int i = 0; i < lines.size(); i++)
        {
            final int lineNumber = i + 1;
            final String text = lines.get(i).strip();
            if (text.isEmpty() || text.charAt(0) == '#')
            {
                continue;
            }

            if (!headerSeen)
            {
                checkHeader(file, lineNumber, text);
                headerSeen = true;
            }
            else
            {
                final InstrumentDefinition instrument = parseLine(file, lineNumber, text);
                checkUnique(file, lineNumber, "id", Integer.toString(instrument.id()), lineById, instrument.id());
                checkUnique(file, lineNumber, "symbol", instrument.symbol(), lineBySymbol, instrument.symbol());
                instruments.add(instrument);
            }
        }

        if (!headerSeen)
        {
            throw new ConfigException(file + ": missing header line '" + HEADER + "'");
        }
        if (instruments.isEmpty())
        {
            throw new ConfigException(file + ": no instruments defined");
        }

        return List.copyOf(instruments);
    }

    private static List<String> readLines(final Path file)
    {
        if (!Files.exists(file))
        {
            throw new ConfigException(
                "instruments file not found: " + file + " (resolved to " + file.toAbsolutePath().normalize() + ")");
        }
        if (!Files.isRegularFile(file))
        {
            throw new ConfigException("instruments file is not a regular file: " + file);
        }

        try
        {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (!lines.isEmpty() && !lines.get(0).isEmpty() && lines.get(0).charAt(0) == BYTE_ORDER_MARK)
            {
                lines.set(0, lines.get(0).substring(1));
            }
            return lines;
        }
        catch (final CharacterCodingException ex)
        {
            throw new ConfigException("instruments file is not valid UTF-8: " + file, ex);
        }
        catch (final IOException ex)
        {
            throw new ConfigException("cannot read instruments file " + file + ": " + ex, ex);
        }
    }

    private static void checkHeader(final Path file, final int lineNumber, final String text)
    {
        final String[] columns = text.split(",", -1);
        boolean matches = columns.length == COLUMN_COUNT;
        for (int i = 0; matches && i < COLUMN_COUNT; i++)
        {
            matches = COLUMNS[i].equals(columns[i].strip());
        }

        if (!matches)
        {
            throw new ConfigException(
                file + ":" + lineNumber + ": header: expected '" + HEADER + "', got '" + text + "'");
        }
    }

    private static InstrumentDefinition parseLine(final Path file, final int lineNumber, final String text)
    {
        final String[] columns = text.split(",", -1);
        if (columns.length != COLUMN_COUNT)
        {
            throw new ConfigException(file + ":" + lineNumber + ": expected " + COLUMN_COUNT + " columns (" + HEADER +
                "), got " + columns.length + " in '" + text + "'");
        }

        final Line line = new Line(file, lineNumber, columns);
        final int id = (int)line.longValue(0, 1, Integer.MAX_VALUE);
        final String symbol = line.symbol(1);
        final long tickSize = line.positiveLong(2);
        final long lotSize = line.positiveLong(3);
        final long referencePrice = line.positiveLong(4);
        if (referencePrice % tickSize != 0)
        {
            throw line.fail(4, "must be a multiple of tickSize " + tickSize);
        }
        final int bandBps = (int)line.longValue(5, 0, MAX_BAND_BPS);
        final long maxQuantity = line.positiveLong(6);
        final long maxNotional = line.positiveLong(7);

        return new InstrumentDefinition(
            id, symbol, tickSize, lotSize, referencePrice, bandBps, maxQuantity, maxNotional);
    }

    private static <K> void checkUnique(
        final Path file,
        final int lineNumber,
        final String field,
        final String value,
        final Map<K, Integer> firstLineByKey,
        final K key)
    {
        final Integer firstLine = firstLineByKey.putIfAbsent(key, lineNumber);
        if (firstLine != null)
        {
            throw new ConfigException(file + ":" + lineNumber + ": field '" + field +
                "': duplicate, already defined on line " + firstLine + ", got '" + value + "'");
        }
    }

    /**
     * The columns of one instrument line, with helpers that produce the error message for a column.
     */
    private static final class Line
    {
        private final Path file;
        private final int lineNumber;
        private final String[] columns;

        Line(final Path file, final int lineNumber, final String[] columns)
        {
            this.file = file;
            this.lineNumber = lineNumber;
            this.columns = columns;
        }

        String symbol(final int column)
        {
            final String symbol = columns[column].strip();
            if (symbol.isEmpty())
            {
                throw fail(column, "must not be empty");
            }
            return symbol;
        }

        long positiveLong(final int column)
        {
            return longValue(column, 1, Long.MAX_VALUE);
        }

        long longValue(final int column, final long min, final long max)
        {
            final String value = columns[column].strip();
            final long parsed;
            try
            {
                parsed = Long.parseLong(value);
            }
            catch (final NumberFormatException ex)
            {
                throw fail(column, isDigits(value) ? "out of range of a 64-bit integer" : "not an integer");
            }

            if (parsed < min || parsed > max)
            {
                throw fail(column, rangeProblem(min, max, parsed));
            }
            return parsed;
        }

        ConfigException fail(final int column, final String problem)
        {
            return new ConfigException(file + ":" + lineNumber + ": field '" + COLUMNS[column] + "': " + problem +
                ", got '" + columns[column].strip() + "'");
        }

        private static String rangeProblem(final long min, final long max, final long value)
        {
            if (min == 1 && value < min)
            {
                return "must be positive";
            }
            if (min == 1)
            {
                return "must be at most " + max;
            }
            return "must be between " + min + " and " + max;
        }

        private static boolean isDigits(final String value)
        {
            final int start = !value.isEmpty() && (value.charAt(0) == '-' || value.charAt(0) == '+') ? 1 : 0;
            if (start == value.length())
            {
                return false;
            }
            for (int i = start; i < value.length(); i++)
            {
                if (value.charAt(i) < '0' || value.charAt(i) > '9')
                {
                    return false;
                }
            }
            return true;
        }
    }
}
