package io.pushline.perf.harness;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import io.pushline.perf.OrderMix;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness itself, with no assertion on how fast anything is: it sends what the schedule says, corrects for
 * coordinated omission, and writes logs HdrHistogram can read back and a PNG ImageIO can read.
 */
class OpenLoopRunnerTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static Workload workload;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate()
    {
        workload = Workload.generate(2, 8, 100, 5_000, OrderMix.EXCHANGE_CORE, 7);
    }

    private static RunSpec spec(final long rate, final long warmupNs, final long durationNs)
    {
        return new RunSpec(rate, warmupNs, durationNs, "YIELDING", 2_000 * MS, 100 * MS);
    }

    @Test
    void shouldSendExactlyRateTimesDurationWhenRunToTheEnd() throws Exception
    {
        final FakeSystem system = new FakeSystem(-1, 0);
        final RunResult result = new OpenLoopRunner(workload, spec(20_000, 100 * MS, 400 * MS), null).run(system);

        assertEquals(2_000 + 8_000, system.offered(), "100 ms warm-up + 400 ms at 20,000/s");
        assertEquals(8_000, result.measuredMessages());
        assertEquals(8_000, result.measuredAcks());
        assertEquals(8_000, result.acks().getTotalCount(), "warm-up replies are not recorded");
        assertEquals(0, result.rejects());
    }

    @Test
    void shouldRecordEveryDelayedMessageWhenTheSystemStallsOnce() throws Exception
    {
        final long stallNs = 50 * MS;
        final FakeSystem system = new FakeSystem(3_000, stallNs);
        final RunResult result = new OpenLoopRunner(workload, spec(10_000, 100 * MS, 500 * MS), null).run(system);

        final Histogram acks = result.acks();
        final long delayedOver10ms = acks.getTotalCount() - acks.getCountBetweenValues(0, 10 * MS);
        // the stall holds back every message due during it: ~500 at 10,000/s, ~400 of them by more than 10 ms;
        // a closed-loop measurement would have recorded one slow sample
        assertTrue(delayedOver10ms >= 300, "samples >= 10 ms: " + delayedOver10ms);
        assertTrue(acks.getMaxValue() >= stallNs, "max " + acks.getMaxValue());
        // 500 of the 5,000 measured messages were held back: the top 10% of the distribution
        assertTrue(acks.getValueAtPercentile(95.0) >= 10 * MS, "p95 " + acks.getValueAtPercentile(95.0));
    }

    @Test
    void shouldWriteLogsThatHdrHistogramReadsBackAndAReadablePng() throws Exception
    {
        final RunResult result = new OpenLoopRunner(workload, spec(10_000, 100 * MS, 300 * MS), dir)
            .run(new FakeSystem(-1, 0));

        final HistogramLogReader reader = new HistogramLogReader(dir.resolve("fake.hlog").toFile());
        long acks = 0;
        long intervals = 0;
        EncodableHistogram interval;
        while ((interval = reader.nextIntervalHistogram()) != null)
        {
            intervals++;
            if ("ack".equals(interval.getTag()))
            {
                acks += ((Histogram)interval).getTotalCount();
            }
        }
        assertTrue(intervals >= 2, "intervals " + intervals);
        assertEquals(result.acks().getTotalCount(), acks);

        final PercentileSeries fromFile = PercentileSeries.read("ack", dir.resolve("fake-ack.hgrm"));
        assertTrue(fromFile.latencyUs().length > 10);

        final Path png = ResultReport.write(dir, "test", List.of(result), List.of(fromFile));
        final BufferedImage image = ImageIO.read(new File(png.toString()));
        assertTrue(image.getWidth() > 500 && image.getHeight() > 300);
        assertTrue(Files.readString(dir.resolve("summary.txt")).contains("fake"));
    }
}
