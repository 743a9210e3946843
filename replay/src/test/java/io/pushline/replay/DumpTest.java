package io.pushline.replay;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.pushline.journal.Journal;
import io.pushline.journal.JournalAppender;
import io.pushline.journal.SyncPolicy;
import io.pushline.protocol.Envelope;
import io.pushline.protocol.MessageGuard;
import io.pushline.sbe.ExecutionReportDecoder;
import io.pushline.sbe.MessageHeaderDecoder;
import io.pushline.sbe.MessageHeaderEncoder;
import io.pushline.sbe.NewOrderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DumpTest
{
    @TempDir
    static Path temp;

    private static RecordedRun run;
    private static final SchemaCatalog CATALOG = SchemaCatalog.instance();

    @BeforeAll
    static void record()
    {
        run = RecordedRun.record(temp.resolve("journal"), RecordedRun.settings(20_000, 7, 10_000, 0), s -> false);
    }

    @Test
    void shouldRoundTripEveryFieldWhenDumpedAsJsonLines()
    {
        for (final String prefix : List.of(Journals.INPUT, Journals.OUTPUT))
        {
            final RecordedRun.Run dump = prefix.equals(Journals.INPUT) ?
                RecordedRun.replay("dump", run.directory.toString(), "--json") :
                RecordedRun.replay("dump", run.directory.toString(), "--json", "--outputs");
            assertEquals(0, dump.status(), dump.err());
            final String[] lines = dump.out().split("\n");
            final List<RecordedRun.Entry> entries = RecordedRun.read(run.directory, prefix);
            assertTrue(entries.size() >= 20_000, prefix + " has " + entries.size() + " records");
            assertEquals(entries.size(), lines.length, prefix);
            for (int i = 0; i < lines.length; i++)
            {
                final Map<String, Object> json = JsonLine.parse(lines[i]);
                final RecordedRun.Entry entry = entries.get(i);
                assertEquals(entry.sequence(), json.get("recordSequence"), lines[i]);
                assertEquals(entry.timestampNs(), json.get("recordTimestampNs"), lines[i]);
                assertArrayEquals(entry.payload(), encode(json), lines[i]);
                checkWithGeneratedDecoders(entry.buffer(), json);
            }
        }
    }

    @Test
    void shouldKeepOnlyMatchingRecordsWhenFiltered()
    {
        final List<RecordedRun.Entry> entries = RecordedRun.read(run.directory, Journals.INPUT);
        final long from = entries.get(2_000).timestampNs();
        final long to = entries.get(12_000).timestampNs();
        final RecordedRun.Run dump = RecordedRun.replay("dump", run.directory.toString(), "--json",
            "--type", "NewOrder,CancelOrder", "--session", "3", "--from-seq", "1000", "--to-seq", "15000",
            "--from-time", MessageFormatterTest.iso(from), "--to-time", Long.toString(to));
        assertEquals(0, dump.status(), dump.err());
        final List<Long> expected = new ArrayList<>();
        for (final RecordedRun.Entry e : entries)
        {
            final DirectBuffer b = e.buffer();
            final int template = MessageGuard.check(b, 0, b.capacity());
            if ((template == 1 || template == 2) && Envelope.sessionId(b, 0) == 3 && e.sequence() >= 1000 &&
                e.sequence() <= 15000 && e.timestampNs() >= from && e.timestampNs() <= to)
            {
                expected.add(e.sequence());
            }
        }
        assertTrue(expected.size() > 100, "a filter that keeps something: " + expected.size());
        assertEquals(expected, sequences(dump.out()));

        final RecordedRun.Run byInstrument = RecordedRun.replay("dump", run.directory.toString(), "--json",
            "--outputs", "--instrument", "3", "--type", "ExecutionReport");
        assertEquals(0, byInstrument.status(), byInstrument.err());
        long count = 0;
        for (final String line : byInstrument.out().split("\n"))
        {
            assertEquals(3L, JsonLine.parse(line).get("instrumentId"), line);
            count++;
        }
        assertTrue(count > 100, "reports of instrument 3: " + count);
    }

    @Test
    void shouldCountTypesAndFindNoGapWhenStatsRun()
    {
        final List<RecordedRun.Entry> entries = RecordedRun.read(run.directory, Journals.INPUT);
        final long newOrders = entries.stream()
            .filter(e -> MessageGuard.check(e.buffer(), 0, e.payload().length) == NewOrderDecoder.TEMPLATE_ID).count();
        final RecordedRun.Run stats = RecordedRun.replay("stats", run.directory.toString());
        assertEquals(0, stats.status(), stats.err());
        assertTrue(stats.out().contains("input: 20000 records read (sequences 1..20000), 20000 kept"), stats.out());
        assertTrue(stats.out().contains("gaps in sequence: 0 (0 records missing)"), stats.out());
        assertTrue(stats.out().lines().anyMatch(l -> l.matches("\\s+NewOrder\\s+" + newOrders + "\\s.*")), stats.out());
    }

    @Test
    void shouldFollowWhenJournalGrowsIntoNewSegments(@TempDir final Path dir) throws Exception
    {
        final List<RecordedRun.Entry> entries = RecordedRun.read(run.directory, Journals.INPUT).subList(0, 3_000);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Journal journal = Journal.open(new Journal.Context().directory(dir).filePrefix(Journals.INPUT)
            .segmentLength(64 * 1024).syncPolicy(SyncPolicy.NONE)))
        {
            final JournalAppender appender = journal.appender();
            append(appender, entries.subList(0, 1_000));
            final Thread follower = new Thread(() -> ReplayMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err, "dump", dir.toString(), "--follow", "--poll-interval-ms", "5"));
            follower.start();
            append(appender, entries.subList(1_000, 3_000));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lines(out) < 3_000 && System.nanoTime() < deadline)
            {
                Thread.sleep(10);
            }
            follower.interrupt();
            follower.join(10_000);
        }
        final String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3_000, lines.length);
        for (int i = 0; i < lines.length; i++)
        {
            assertTrue(lines[i].startsWith("#" + entries.get(i).sequence() + " "), lines[i]);
        }
    }

    private static void append(final JournalAppender appender, final List<RecordedRun.Entry> entries)
    {
        for (final RecordedRun.Entry e : entries)
        {
            appender.append(e.buffer(), 0, e.payload().length, e.type(), e.sequence(), e.timestampNs());
            appender.commitBatch();
        }
    }

    private static long lines(final ByteArrayOutputStream out)
    {
        return out.toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
    }

    private static List<Long> sequences(final String jsonLines)
    {
        final List<Long> sequences = new ArrayList<>();
        for (final String line : jsonLines.split("\n"))
        {
            if (!line.isEmpty())
            {
                sequences.add((Long)JsonLine.parse(line).get("recordSequence"));
            }
        }
        return sequences;
    }

    /** Encode a message back from its JSON fields, by the schema's layout. */
    private static byte[] encode(final Map<String, Object> json)
    {
        final SchemaCatalog.MessageLayout layout = CATALOG.layout((String)json.get("template"));
        assertEquals((long)layout.templateId(), json.get("templateId"));
        final UnsafeBuffer buffer =
            new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH + layout.blockLength()]);
        new MessageHeaderEncoder().wrap(buffer, 0).blockLength(layout.blockLength()).templateId(layout.templateId())
            .schemaId(MessageHeaderEncoder.SCHEMA_ID).version(MessageHeaderEncoder.SCHEMA_VERSION);
        assertEquals(layout.fields().size() + 4, json.size(), "every field and nothing else: " + json.keySet());
        for (final SchemaCatalog.FieldLayout field : layout.fields())
        {
            final Object value = json.get(field.name());
            final int at = MessageHeaderEncoder.ENCODED_LENGTH + field.offset();
            final long raw;
            switch (field.kind())
            {
                case ENUM:
                    raw = "NULL_VAL".equals(value) ? -1 : field.names().entrySet().stream()
                        .filter(e -> e.getValue().equals(value)).findFirst().orElseThrow().getKey();
                    break;
                case SET:
                    long bits = 0;
                    for (final Object choice : (List<?>)value)
                    {
                        bits |= 1L << field.names().entrySet().stream().filter(e -> e.getValue().equals(choice))
                            .findFirst().orElseThrow().getKey();
                    }
                    raw = bits;
                    break;
                case BYTES:
                    final String hex = (String)value;
                    for (int i = 0; i < field.arrayLength(); i++)
                    {
                        buffer.putByte(at + i, (byte)Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16));
                    }
                    continue;
                default:
                    raw = (Long)value;
                    break;
            }
            put(buffer, at, field.type().size(), raw);
        }
        return buffer.byteArray();
    }

    private static void put(final UnsafeBuffer buffer, final int at, final int size, final long value)
    {
        for (int i = 0; i < size; i++)
        {
            buffer.putByte(at + i, (byte)(value >>> (8 * i)));
        }
    }

    /** A check that does not depend on the schema catalog: the generated decoders read the same values. */
    private static void checkWithGeneratedDecoders(final DirectBuffer buffer, final Map<String, Object> json)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        if (NewOrderDecoder.TEMPLATE_ID == MessageGuard.check(buffer, 0, buffer.capacity()))
        {
            final NewOrderDecoder order = new NewOrderDecoder().wrapAndApplyHeader(buffer, 0, header);
            assertEquals(order.price(), json.get("price"));
            assertEquals(order.quantity(), json.get("quantity"));
            assertEquals(order.clOrdId(), json.get("clOrdId"));
            assertEquals((long)order.instrumentId(), json.get("instrumentId"));
            assertEquals(order.side().name(), json.get("side"));
            assertEquals(order.timeInForce().name(), json.get("timeInForce"));
            assertEquals(order.flags().postOnly(), ((List<?>)json.get("flags")).contains("postOnly"));
        }
        else if (ExecutionReportDecoder.TEMPLATE_ID == MessageGuard.check(buffer, 0, buffer.capacity()))
        {
            final ExecutionReportDecoder report = new ExecutionReportDecoder().wrapAndApplyHeader(buffer, 0, header);
            assertEquals(report.reportSequence(), json.get("reportSequence"));
            assertEquals(report.leavesQty(), json.get("leavesQty"));
            assertEquals(report.cumQty(), json.get("cumQty"));
            assertEquals(report.execType().name(), json.get("execType"));
            assertEquals(report.ordStatus().name(), json.get("ordStatus"));
            assertEquals(report.rejectReason().name(), json.get("rejectReason"));
            assertEquals(report.cancelReason().name(), json.get("cancelReason"));
            assertEquals(report.timestampNs(), json.get("timestampNs"));
        }
    }
}
