package io.pushline.perf.harness;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapacitySearchTest
{
    @Test
    void shouldFindTheHighestRateUnderTheBoundByDoublingThenBisecting() throws Exception
    {
        // a fake system whose p99 is 10 ns per message/s of load: 1 ms at 100,000/s
        final List<CapacitySearch.Step> steps = new ArrayList<>();
        final CapacitySearch.Result result = CapacitySearch.search(
            rate -> rate * 10, 10_000, 10_000_000, 1_000_000, 8, steps::add);

        assertTrue(result.highestPassingRate() <= 100_000, "found " + result.highestPassingRate());
        assertTrue(result.highestPassingRate() >= 99_000, "found " + result.highestPassingRate());
        assertEquals(List.of(10_000L, 20_000L, 40_000L, 80_000L, 160_000L),
            steps.subList(0, 5).stream().map(CapacitySearch.Step::ratePerSecond).toList());
    }

    @Test
    void shouldReportZeroWhenEvenTheStartRateFails() throws Exception
    {
        assertEquals(0, CapacitySearch.search(rate -> Long.MAX_VALUE, 1_000, 8_000, 1, 3, step -> { })
            .highestPassingRate());
    }

    @Test
    void shouldStopAtTheMaximumWhenEveryRatePasses() throws Exception
    {
        assertEquals(50_000, CapacitySearch.search(rate -> 1, 10_000, 50_000, 1, 3, step -> { })
            .highestPassingRate());
    }
}
