package io.pushline.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One million resting orders over a hundred instruments fit in a 512 MB heap, and a full book answers BOOK_FULL
 * instead of running out of memory. Runs in a child JVM so the heap limit is real.
 */
class MemoryFootprintTest
{
    @Test
    void shouldHoldMillionOrdersInSmallHeapAndRejectBookFullWhenPoolIsExhausted()
        throws IOException, InterruptedException
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process process = new ProcessBuilder(List.of(
            java,
            "-Xmx512m",
            "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"),
            MemoryFootprintMain.class.getName()))
            .redirectErrorStream(true)
            .start();
        final boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited)
        {
            process.destroyForcibly();
        }
        System.out.println("MemoryFootprintMain: " + output.trim());
        assertTrue(exited, "child JVM did not finish in 120 s: " + output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("OK resting=" + MemoryFootprintMain.MAX_ORDERS), output);
    }
}
