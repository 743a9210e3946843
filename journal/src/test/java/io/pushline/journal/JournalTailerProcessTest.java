package io.pushline.journal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.pushline.journal.JournalTests.assertRecord;
import static io.pushline.journal.JournalTests.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal written by one process and tailed by another, both ways round, across many segment rolls. Each side waits
 * for the other half way, so the reader provably reads while the writer is still writing.
 */
class JournalTailerProcessTest
{
    private static final int COUNT = 20_000;

    @TempDir
    Path dir;

    @Test
    void shouldTailInChildProcessWhileThisProcessWrites() throws Exception
    {
        final Process child = startChild("read");
        try (BufferedReader output = output(child))
        {
            final List<String> lines = new ArrayList<>();
            assertEquals("READY", readLine(output, lines), lines.toString());
            try (Journal journal = Journal.open(context(dir)))
            {
                JournalChildMain.writePaced(journal.appender(), 1, COUNT / 2);
                assertEquals("HALF", readLine(output, lines), "child read half while this process writes: " + lines);
                JournalChildMain.writePaced(journal.appender(), COUNT / 2 + 1, COUNT);
            }
            assertEquals("OK " + COUNT, readLine(output, lines), lines.toString());
            assertExited(child, lines);
        }
        finally
        {
            child.destroyForcibly();
        }
    }

    @Test
    void shouldTailInThisProcessWhileChildProcessWrites() throws Exception
    {
        final Process child = startChild("write");
        try (BufferedReader output = output(child);
            JournalReader reader = JournalReader.open(new JournalReader.Context().directory(dir)))
        {
            final List<String> lines = new ArrayList<>();
            final JournalTests.Collector collector = new JournalTests.Collector();
            pollUntil(reader, collector, COUNT / 2);
            assertEquals("HALF", readLine(output, lines), lines.toString());
            assertTrue(child.isAlive(), "child still writing");
            final OutputStream input = child.getOutputStream();
            input.write("GO\n".getBytes(StandardCharsets.UTF_8));
            input.flush();
            pollUntil(reader, collector, COUNT);
            assertEquals("OK " + COUNT, readLine(output, lines), lines.toString());
            assertExited(child, lines);
            for (int i = 0; i < COUNT; i++)
            {
                assertRecord(collector.records.get(i), i + 1, -1);
            }
        }
        finally
        {
            child.destroyForcibly();
        }
    }

    private Process startChild(final String mode) throws IOException
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(
            java,
            "-Xmx64m",
            "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"),
            JournalChildMain.class.getName(),
            mode,
            dir.toString(),
            Integer.toString(COUNT)))
            .redirectErrorStream(true)
            .start();
    }

    private static BufferedReader output(final Process child)
    {
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * Next line from the child; the child has its own deadline, so this does not block for ever.
     */
    private static String readLine(final BufferedReader output, final List<String> lines) throws IOException
    {
        final String line = output.readLine();
        lines.add(line);
        if (line != null && line.startsWith("FAIL"))
        {
            String more;
            while ((more = output.readLine()) != null)
            {
                lines.add(more);
            }
        }
        return line;
    }

    private static void pollUntil(final JournalReader reader, final JournalTests.Collector collector, final int count)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + JournalChildMain.DEADLINE_NS;
        while (collector.size() < count)
        {
            assertTrue(System.nanoTime() < deadline, "read only " + collector.size() + " of " + count);
            if (reader.poll(collector, count - collector.size()) == 0)
            {
                Thread.sleep(0, 100_000);
            }
        }
    }

    private static void assertExited(final Process child, final List<String> lines) throws InterruptedException
    {
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not exit: " + lines);
        assertEquals(0, child.exitValue(), lines.toString());
    }
}
