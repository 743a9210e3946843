package io.pushline.engine;

import java.util.ArrayList;
import java.util.List;

import io.pushline.config.InstrumentDefinition;

/**
 * Instruments for tests: ids 1..n, tick 100, lot 1, reference 100_0000, band 10%, roomy limits.
 */
public final class TestInstruments
{
    private TestInstruments()
    {
    }

    /**
     * @param count how many.
     * @return the definitions.
     */
    public static List<InstrumentDefinition> of(final int count)
    {
        final List<InstrumentDefinition> list = new ArrayList<>();
        for (int i = 1; i <= count; i++)
        {
            list.add(new InstrumentDefinition(i, "SYM" + i, 100, 1, 1_000_000, 1000, 1_000_000, 1_000_000_000_000L));
        }
        return list;
    }
}
