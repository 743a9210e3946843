package io.pushline.replay;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.pushline.journal.Journal;
import io.pushline.journal.JournalHandler;
import io.pushline.protocol.Envelope;
import io.pushline.protocol.MessageGuard;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongCounterMap;

/**
 * {@code stats}: counts per message type, per session and per instrument, the rate over engine time in fixed
 * intervals, first and last timestamps, and gaps in the record sequence. Gaps are found over every record read; the
 * counts over the records the filter keeps. Nothing is allocated per record once the maps have grown.
 */
public final class JournalStats implements JournalHandler
{
    private static final int MAX_GAPS_LISTED = 20;
    private static final int TEMPLATE_SLOTS = 1024;

    private final RecordFilter filter;
    private final long intervalNs;
    private final long[] byTemplate = new long[TEMPLATE_SLOTS];
    private final Long2LongCounterMap bySession = new Long2LongCounterMap(0);
    private final Long2LongCounterMap byInstrument = new Long2LongCounterMap(0);
    private final Long2LongCounterMap byInterval = new Long2LongCounterMap(0);
    private final List<long[]> gaps = new ArrayList<>();
    private long gapCount;
    private long missing;
    private long records;
    private long kept;
    private long malformed;
    private long bytes;
    private long firstSequence = Journal.NULL_SEQUENCE;
    private long lastSequence = Journal.NULL_SEQUENCE;
    private long firstTimeNs = Long.MAX_VALUE;
    private long lastTimeNs = Long.MIN_VALUE;

    /**
     * @param filter     which records to count.
     * @param intervalNs length of a rate interval of engine time.
     */
    public JournalStats(final RecordFilter filter, final long intervalNs)
    {
        this.filter = filter;
        this.intervalNs = intervalNs;
    }

    public void onRecord(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int type,
        final long sequence,
        final long timestampNs)
    {
        records++;
        if (lastSequence != Journal.NULL_SEQUENCE && sequence != lastSequence + 1)
        {
            gapCount++;
            missing += sequence - lastSequence - 1;
            if (gaps.size() < MAX_GAPS_LISTED)
            {
                gaps.add(new long[] { lastSequence + 1, sequence - 1 });
            }
        }
        lastSequence = sequence;
        firstSequence = firstSequence == Journal.NULL_SEQUENCE ? sequence : firstSequence;
        if (!filter.matches(buffer, offset, length, sequence))
        {
            return;
        }
        kept++;
        bytes += length;
        final int templateId = MessageGuard.check(buffer, offset, length);
        if (templateId < 0 || length < Envelope.HEADER_LENGTH + Envelope.ENVELOPE_LENGTH)
        {
            malformed++;
            return;
        }
        byTemplate[templateId & (TEMPLATE_SLOTS - 1)]++;
        bySession.incrementAndGet(Envelope.sessionId(buffer, offset));
        final int instrumentId = filter.instrumentOf(buffer, offset, templateId);
        if (instrumentId >= 0)
        {
            byInstrument.incrementAndGet(instrumentId);
        }
        final long time = Envelope.timestampNs(buffer, offset);
        firstTimeNs = Math.min(firstTimeNs, time);
        lastTimeNs = Math.max(lastTimeNs, time);
        byInterval.incrementAndGet(Math.floorDiv(time, intervalNs));
    }

    /**
     * @return records read.
     */
    public long records()
    {
        return records;
    }

    /**
     * @return records the filter kept.
     */
    public long kept()
    {
        return kept;
    }

    /**
     * @return gaps in the record sequence.
     */
    public long gapCount()
    {
        return gapCount;
    }

    /**
     * @param templateId template id.
     * @return records of that template kept.
     */
    public long count(final int templateId)
    {
        return byTemplate[templateId & (TEMPLATE_SLOTS - 1)];
    }

    /**
     * Print the statistics.
     *
     * @param out     where.
     * @param catalog for template names.
     * @param name    what was read (journal directory and prefix).
     * @param table   print every interval, not just the summary.
     */
    public void print(final PrintWriter out, final SchemaCatalog catalog, final String name, final boolean table)
    {
        out.printf("%s: %d records read (sequences %s..%s), %d kept (%d payload bytes)%n", name, records,
            firstSequence == Journal.NULL_SEQUENCE ? "-" : firstSequence, lastSequence == Journal.NULL_SEQUENCE ?
            "-" : lastSequence, kept, bytes);
        if (kept > malformed)
        {
            final StringBuilder first = new StringBuilder();
            final StringBuilder last = new StringBuilder();
            MessageFormatter.appendTime(first, firstTimeNs);
            MessageFormatter.appendTime(last, lastTimeNs);
            final double span = (lastTimeNs - firstTimeNs) / 1e9;
            out.printf("engine time: first %s, last %s, span %.3f s, %.1f records/s on average%n", first, last, span,
                span > 0 ? (kept - malformed) / span : 0.0);
        }
        out.printf("gaps in sequence: %d (%d records missing)%s%n", gapCount, missing, gaps.isEmpty() ? "" : ":");
        for (final long[] gap : gaps)
        {
            out.printf("  %d..%d%n", gap[0], gap[1]);
        }
        if (malformed > 0)
        {
            out.printf("malformed records: %d%n", malformed);
        }
        out.println("by type:");
        for (final String template : catalog.names())
        {
            final long count = count(catalog.layout(template).templateId());
            if (count > 0)
            {
                out.printf("  %-20s %12d %6.2f%%%n", template, count, 100.0 * count / kept);
            }
        }
        printCounts(out, "by session:", "session", bySession);
        printCounts(out, "by instrument:", "instrument", byInstrument);
        printRate(out, table);
    }

    private void printCounts(
        final PrintWriter out, final String title, final String label, final Long2LongCounterMap map)
    {
        if (map.isEmpty())
        {
            return;
        }
        out.println(title);
        final long[] keys = sortedKeys(map);
        for (final long key : keys)
        {
            out.printf("  %-10s %-8d %12d %6.2f%%%n", label, key, map.get(key), 100.0 * map.get(key) / kept);
        }
    }

    private void printRate(final PrintWriter out, final boolean table)
    {
        if (byInterval.isEmpty())
        {
            return;
        }
        final long[] keys = sortedKeys(byInterval);
        // intervals with no record in the span count as 0
        final long intervals = keys[keys.length - 1] - keys[0] + 1;
        long max = 0;
        long busiest = keys[0];
        long min = intervals > keys.length ? 0 : Long.MAX_VALUE;
        for (final long key : keys)
        {
            final long count = byInterval.get(key);
            min = Math.min(min, count);
            if (count > max)
            {
                max = count;
                busiest = key;
            }
        }
        final double seconds = intervalNs / 1e9;
        final StringBuilder at = new StringBuilder();
        MessageFormatter.appendTime(at, busiest * intervalNs);
        out.printf("rate per %s interval (%d intervals): min %.1f/s, mean %.1f/s, max %.1f/s (interval starting %s)%n",
            seconds + " s", intervals, min / seconds, (kept - malformed) / (intervals * seconds), max / seconds, at);
        if (table)
        {
            for (long key = keys[0]; key <= keys[keys.length - 1]; key++)
            {
                final StringBuilder start = new StringBuilder();
                MessageFormatter.appendTime(start, key * intervalNs);
                out.printf("  %s %10d%n", start, byInterval.get(key));
            }
        }
    }

    private static long[] sortedKeys(final Long2LongCounterMap map)
    {
        final long[] keys = new long[map.size()];
        final int[] i = { 0 };
        map.forEach((key, value) -> keys[i[0]++] = key);
        Arrays.sort(keys);
        return keys;
    }
}
