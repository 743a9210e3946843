package io.pushline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InstrumentsFileTest
{
    private static final String HEADER = InstrumentsFile.HEADER;
    private static final String GOOD_LINE = "1,AAPL,100,1,1850000,1000,1000000,10000000000000";

    @TempDir
    Path tempDir;

    @Test
    void shouldLoadDefaultInstrumentsFileWhenReadFromModuleDirectory()
    {
        final List<InstrumentDefinition> instruments = InstrumentsFile.load(Path.of("instruments.csv"));

        assertEquals(10, instruments.size());
        for (int i = 0; i < instruments.size(); i++)
        {
            assertEquals(i + 1, instruments.get(i).id());
            assertEquals(0, instruments.get(i).referencePrice() % instruments.get(i).tickSize());
        }
        assertEquals(
            new InstrumentDefinition(1, "AAPL", 100, 1, 1_850_000, 1000, 1_000_000, 10_000_000_000_000L),
            instruments.get(0));
    }

    @Test
    void shouldParseEveryFieldWhenLineIsValid() throws IOException
    {
        final Path file = write(HEADER, "42, BRK.B ,1,100,4500000,0,250000,123456789");

        final List<InstrumentDefinition> instruments = InstrumentsFile.load(file);

        assertEquals(
            List.of(new InstrumentDefinition(42, "BRK.B", 1, 100, 4_500_000, 0, 250_000, 123_456_789)), instruments);
    }

    @Test
    void shouldKeepFileOrderWhenIdsAreNotSorted() throws IOException
    {
        final Path file = write(
            HEADER,
            "7,SEVEN,100,1,10000,1000,100,1000000000",
            "3,THREE,100,1,10000,1000,100,1000000000",
            "5,FIVE,100,1,10000,1000,100,1000000000");

        final List<InstrumentDefinition> instruments = InstrumentsFile.load(file);

        assertEquals(List.of(7, 3, 5), instruments.stream().map(InstrumentDefinition::id).toList());
    }

    @Test
    void shouldSkipCommentsAndBlankLinesButCountThemWhenReportingLineNumbers() throws IOException
    {
        final Path file = write(
            "# comment before the header",
            "",
            " " + HEADER + " ",
            "   # indented comment",
            GOOD_LINE,
            "",
            "2,MSFT,0,1,4150000,1000,1000000,10000000000000");

        final ConfigException ex = assertThrows(ConfigException.class, () -> InstrumentsFile.load(file));

        assertEquals(file + ":7: field 'tickSize': must be positive, got '0'", ex.getMessage());
    }

    @Test
    void shouldIgnoreByteOrderMarkWhenFileStartsWithOne() throws IOException
    {
        final Path file = write("\uFEFF" + HEADER, GOOD_LINE);

        assertEquals(1, InstrumentsFile.load(file).size());
    }

    @Test
    void shouldAcceptSpacesAroundHeaderColumnsWhenNamesMatch() throws IOException
    {
        final Path file = write(HEADER.replace(",", " , "), GOOD_LINE);

        assertEquals(1, InstrumentsFile.load(file).size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidLines")
    void shouldNameFileLineFieldAndValueWhenEntryIsInvalid(final String badLine, final String expectedProblem)
        throws IOException
    {
        final Path file = write(HEADER, GOOD_LINE, badLine, "99,LAST,100,1,10000,1000,100,1000000000");

        final ConfigException ex = assertThrows(ConfigException.class, () -> InstrumentsFile.load(file));

        assertEquals(file + ":3: " + expectedProblem, ex.getMessage());
    }

    static Stream<Arguments> invalidLines()
    {
        return Stream.of(
            Arguments.of("0,MSFT,100,1,4150000,1000,1000000,1000", "field 'id': must be positive, got '0'"),
            Arguments.of("-4,MSFT,100,1,4150000,1000,1000000,1000", "field 'id': must be positive, got '-4'"),
            Arguments.of("x2,MSFT,100,1,4150000,1000,1000000,1000", "field 'id': not an integer, got 'x2'"),
            Arguments.of("3000000000,MSFT,100,1,4150000,1000,1000000,1000",
                "field 'id': must be at most 2147483647, got '3000000000'"),
            Arguments.of("1,MSFT,100,1,4150000,1000,1000000,1000",
                "field 'id': duplicate, already defined on line 2, got '1'"),
            Arguments.of("2, ,100,1,4150000,1000,1000000,1000", "field 'symbol': must not be empty, got ''"),
            Arguments.of("2,AAPL,100,1,4150000,1000,1000000,1000",
                "field 'symbol': duplicate, already defined on line 2, got 'AAPL'"),
            Arguments.of("2,MSFT,0,1,4150000,1000,1000000,1000", "field 'tickSize': must be positive, got '0'"),
            Arguments.of("2,MSFT,0.01,1,4150000,1000,1000000,1000", "field 'tickSize': not an integer, got '0.01'"),
            Arguments.of("2,MSFT,100,-5,4150000,1000,1000000,1000", "field 'lotSize': must be positive, got '-5'"),
            Arguments.of("2,MSFT,100,,4150000,1000,1000000,1000", "field 'lotSize': not an integer, got ''"),
            Arguments.of("2,MSFT,100,1,0,1000,1000000,1000", "field 'referencePrice': must be positive, got '0'"),
            Arguments.of("2,MSFT,100,1,4150050,1000,1000000,1000",
                "field 'referencePrice': must be a multiple of tickSize 100, got '4150050'"),
            Arguments.of("2,MSFT,100,1,4150000,10001,1000000,1000",
                "field 'bandBps': must be between 0 and 10000, got '10001'"),
            Arguments.of("2,MSFT,100,1,4150000,-1,1000000,1000",
                "field 'bandBps': must be between 0 and 10000, got '-1'"),
            Arguments.of("2,MSFT,100,1,4150000,1000,0,1000", "field 'maxQuantity': must be positive, got '0'"),
            Arguments.of("2,MSFT,100,1,4150000,1000,1000000,0", "field 'maxNotional': must be positive, got '0'"),
            Arguments.of("2,MSFT,100,1,4150000,1000,1000000,99999999999999999999",
                "field 'maxNotional': out of range of a 64-bit integer, got '99999999999999999999'"),
            Arguments.of("2,MSFT,100,1,4150000,1000,1000000",
                "expected 8 columns (" + HEADER + "), got 7 in '2,MSFT,100,1,4150000,1000,1000000'"),
            Arguments.of("2,MSFT,100,1,4150000,1000,1000000,1000,",
                "expected 8 columns (" + HEADER + "), got 9 in '2,MSFT,100,1,4150000,1000,1000000,1000,'"));
    }

    @Test
    void shouldReportFirstBadEntryWhenSeveralAreBad() throws IOException
    {
        final Path file = write(
            HEADER,
            GOOD_LINE,
            "2,MSFT,100,1,4150000,1000,0,1000",
            "0,AMZN,0,0,0,-1,0,0");

        final ConfigException ex = assertThrows(ConfigException.class, () -> InstrumentsFile.load(file));

        assertEquals(file + ":3: field 'maxQuantity': must be positive, got '0'", ex.getMessage());
    }

    @Test
    void shouldNameHeaderWhenHeaderIsWrong() throws IOException
    {
        final Path file = write("id,symbol,tick,lotSize,referencePrice,bandBps,maxQuantity,maxNotional", GOOD_LINE);

        final ConfigException ex = assertThrows(ConfigException.class, () -> InstrumentsFile.load(file));

        assertEquals(file + ":1: header: expected '" + HEADER +
            "', got 'id,symbol,tick,lotSize,referencePrice,bandBps,maxQuantity,maxNotional'", ex.getMessage());
    }

    @Test
    void shouldTreatFirstDataLineAsBadHeaderWhenHeaderIsMissing() throws IOException
    {
        final Path file = write("# instruments", GOOD_LINE);

        final ConfigException ex = assertThrows(ConfigException.class, () -> InstrumentsFile.load(file));

        assertTrue(ex.getMessage().startsWith(file + ":2: header: expected '" + HEADER + "'"), ex.getMessage());
    }

    @Test
    void shouldFailWhenFileHasOnlyComments() throws IOException
    {
        final Path file = write("# nothing here", "");

        final ConfigException ex = assertThrows(ConfigException.class, () -> InstrumentsFile.load(file));

        assertEquals(file + ": missing header line '" + HEADER + "'", ex.getMessage());
    }

    @Test
    void shouldFailWhenFileHasNoInstruments() throws IOException
    {
        final Path file = write(HEADER);

        final ConfigException ex = assertThrows(ConfigException.class, () -> InstrumentsFile.load(file));

        assertEquals(file + ": no instruments defined", ex.getMessage());
    }

    @Test
    void shouldNameThePathWhenFileIsMissing()
    {
        final Path file = tempDir.resolve("missing.csv");

        final ConfigException ex = assertThrows(ConfigException.class, () -> InstrumentsFile.load(file));

        assertTrue(ex.getMessage().startsWith("instruments file not found: " + file), ex.getMessage());
    }

    @Test
    void shouldFailWhenPathIsDirectory()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> InstrumentsFile.load(tempDir));

        assertEquals("instruments file is not a regular file: " + tempDir, ex.getMessage());
    }

    @Test
    void shouldFailWhenFileIsNotUtf8() throws IOException
    {
        final Path file = tempDir.resolve("latin1.csv");
        Files.write(file, (HEADER + "\n2,CAF\u00C9,100,1,10000,1000,100,1000\n").getBytes(StandardCharsets.ISO_8859_1));

        final ConfigException ex = assertThrows(ConfigException.class, () -> InstrumentsFile.load(file));

        assertEquals("instruments file is not valid UTF-8: " + file, ex.getMessage());
    }

    private Path write(final String... lines) throws IOException
    {
        final Path file = tempDir.resolve("instruments.csv");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }
}
