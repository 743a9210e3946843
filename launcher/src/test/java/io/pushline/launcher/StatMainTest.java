package io.pushline.launcher;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatMainTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldPrintPushlineCountersWhenDriverRuns() throws InterruptedException
    {
        try (MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(tempDir.resolve("aeron").toString())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy())
                .dirDeleteOnShutdown(true));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
            Counter counter = aeron.addCounter(7301, "engine: commands in from ingress"))
        {
            counter.set(12_345);
            final ByteArrayOutputStream out = new ByteArrayOutputStream();

            final int status = StatMain.run(new String[]{ "--dir", driver.aeronDirectoryName() },
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

            assertEquals(0, status);
            final String text = out.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("12,345  engine: commands in from ingress"), text);
            assertFalse(text.contains("Bytes sent"), "Aeron's own counters only with --all: " + text);
        }
    }

    @Test
    void shouldSayNoDriverWhenDirectoryIsEmpty() throws InterruptedException
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        final int status = StatMain.run(new String[]{ "--dir", tempDir.resolve("none").toString() }, System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(1, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is the engine running?"));
    }
}
