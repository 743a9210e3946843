package io.pushline.perf.harness;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleTest
{
    @Test
    void shouldCountMessagesFromRateWarmupAndDuration()
    {
        final Schedule s = Schedule.of(0, 100_000, TimeUnit.SECONDS.toNanos(2), TimeUnit.SECONDS.toNanos(8));

        assertEquals(200_000, s.warmupCount());
        assertEquals(1_000_000, s.totalCount());
        assertEquals(800_000, s.measuredCount());
        assertFalse(s.isMeasured(199_999));
        assertTrue(s.isMeasured(200_000));
        assertFalse(s.isMeasured(1_000_000));
    }

    @Test
    void shouldSpaceIntendedTimesFromTheStartWithoutDriftWhenTheIntervalIsNotWhole()
    {
        final Schedule s = new Schedule(1_000, 3, 0, 10);

        assertEquals(1_000, s.intendedNs(0));
        assertEquals(1_000 + 333_333_333, s.intendedNs(1));
        assertEquals(1_000 + 1_000_000_000, s.intendedNs(3), "no rounding error accumulates");
        assertEquals(1_000 + 3_000_000_000L, s.lastIntendedNs(), "message 9 of 10 at 3/s");
    }

    @Test
    void shouldRefuseARateOrCountsThatMakeNoSense()
    {
        assertThrows(IllegalArgumentException.class, () -> new Schedule(0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Schedule(0, 10, 5, 5));
    }

    @Test
    void shouldParseDurationsAndRates()
    {
        assertEquals(1_500_000_000L, Units.durationNs("1.5s"));
        assertEquals(250_000_000L, Units.durationNs("250ms"));
        assertEquals(100_000L, Units.durationNs("100us"));
        assertEquals(120_000_000_000L, Units.durationNs("2m"));
        assertEquals(100_000, Units.rate("100k"));
        assertEquals(1_500_000, Units.rate("1.5m"));
        assertThrows(IllegalArgumentException.class, () -> Units.durationNs("10"));
    }
}
