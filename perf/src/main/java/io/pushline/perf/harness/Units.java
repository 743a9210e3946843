package io.pushline.perf.harness;

import java.util.Locale;

/**
 * Parses the quantities of the command line: durations ({@code 500ms}, {@code 10s}, {@code 2m}, {@code 100us},
 * {@code 250ns}) and rates ({@code 100k}, {@code 1.5m}, {@code 20000}).
 */
public final class Units
{
    private Units()
    {
    }

    /**
     * @param text a duration with a unit: ns, us, ms, s or m.
     * @return nanoseconds.
     * @throws IllegalArgumentException if it is not one.
     */
    public static long durationNs(final String text)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        final String[][] units = {{"ns", "1"}, {"us", "1000"}, {"µs", "1000"}, {"ms", "1000000"},
            {"s", "1000000000"}, {"m", "60000000000"}};
        for (final String[] unit : units)
        {
            if (t.endsWith(unit[0]) && !(unit[0].equals("s") && (t.endsWith("ns") || t.endsWith("us") ||
                t.endsWith("ms") || t.endsWith("µs"))))
            {
                final double value = number(t.substring(0, t.length() - unit[0].length()), text);
                return Math.round(value * Long.parseLong(unit[1]));
            }
        }
        throw new IllegalArgumentException("duration '" + text + "': expected a number and a unit (ns, us, ms, s, m)");
    }

    /**
     * @param text a rate per second, optionally with k (thousands) or m (millions).
     * @return messages per second.
     * @throws IllegalArgumentException if it is not one.
     */
    public static long rate(final String text)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        final long scale = t.endsWith("k") ? 1_000 : t.endsWith("m") ? 1_000_000 : 1;
        final String digits = scale == 1 ? t : t.substring(0, t.length() - 1);
        final long rate = Math.round(number(digits, text) * scale);
        if (rate < 1)
        {
            throw new IllegalArgumentException("rate '" + text + "' must be at least 1 per second");
        }
        return rate;
    }

    private static double number(final String digits, final String original)
    {
        try
        {
            return Double.parseDouble(digits.replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("'" + original + "' is not a number with a unit", ex);
        }
    }

    /**
     * @param ns nanoseconds.
     * @return microseconds as a short text for tables.
     */
    public static String us(final double ns)
    {
        final double us = ns / 1_000.0;
        return us >= 100 ? String.format(Locale.ROOT, "%,.0f", us) : String.format(Locale.ROOT, "%.2f", us);
    }
}
