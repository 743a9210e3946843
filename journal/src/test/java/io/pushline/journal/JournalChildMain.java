package io.pushline.journal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The other process of {@link JournalTailerProcessTest}: {@code read <dir> <count>} tails the journal and checks every
 * record, printing {@code HALF} once it has read half of them and {@code OK <count>} at the end;
 * {@code write <dir> <count>} writes half the records, prints {@code HALF}, waits for a line on stdin, then writes the
 * rest and prints {@code OK <count>}. Any failure prints {@code FAIL} and exits with 1.
 */
public final class JournalChildMain
{
    static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(30);

    private JournalChildMain()
    {
    }

    /**
     * @param args mode, directory, record count.
     */
    public static void main(final String[] args)
    {
        try
        {
            final Path dir = Path.of(args[1]);
            final int count = Integer.parseInt(args[2]);
            if ("read".equals(args[0]))
            {
                read(dir, count);
            }
            else
            {
                write(dir, count);
            }
            System.out.println("OK " + count);
            System.out.flush();
            System.exit(0);
        }
        catch (final Throwable ex)
        {
            System.out.println("FAIL " + ex);
            ex.printStackTrace(System.out);
            System.out.flush();
            System.exit(1);
        }
    }

    static void read(final Path dir, final int count) throws InterruptedException
    {
        final long deadline = System.nanoTime() + DEADLINE_NS;
        final JournalTests.Collector collector = new JournalTests.Collector();
        boolean half = false;
        try (JournalReader reader = JournalReader.open(new JournalReader.Context().directory(dir)))
        {
            System.out.println("READY");
            System.out.flush();
            while (collector.size() < count)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("read only " + collector.size() + " of " + count);
                }
                if (reader.poll(collector, 256) == 0)
                {
                    Thread.sleep(0, 100_000);
                }
                if (!half && collector.size() >= count / 2)
                {
                    half = true;
                    System.out.println("HALF");
                    System.out.flush();
                }
            }
        }
        for (int i = 0; i < count; i++)
        {
            JournalTests.assertRecord(collector.records.get(i), i + 1, -1);
        }
    }

    static void write(final Path dir, final int count) throws Exception
    {
        try (Journal journal = Journal.open(JournalTests.context(dir)))
        {
            writePaced(journal.appender(), 1, count / 2);
            System.out.println("HALF");
            System.out.flush();
            final BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (stdin.readLine() == null)
            {
                throw new IllegalStateException("parent went away");
            }
            writePaced(journal.appender(), count / 2 + 1, count);
        }
    }

    static void writePaced(final JournalAppender appender, final long from, final long to) throws InterruptedException
    {
        for (long sequence = from; sequence <= to; sequence += 50)
        {
            JournalTests.appendRange(appender, sequence, Math.min(to, sequence + 49), -1);
            appender.commitBatch();
            Thread.sleep(0, 200_000);
        }
    }
}
