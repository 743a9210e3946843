package io.pushline.perf;

import java.util.Locale;

/**
 * The command mix of a generated order flow, in commands out of {@value #OUT_OF}: price moves and quantity reductions
 * of resting orders (replaces), cancels and GTC orders together (their split steers the book size around its
 * target), and the rest aggressive IOC orders. A share of the GTC orders can be priced through the touch.
 *
 * @param priceMoves            replaces that move a resting order's price (2% of them through the opposite touch).
 * @param reductions            replaces that lower a resting order's quantity at the same price.
 * @param cancelsOrGtc          cancels and new GTC orders together.
 * @param cancelShareAtTarget   of those, the share of cancels while the book is at its target size (fewer below it,
 *                              more above it).
 * @param marketableGtcPerMille of the GTC orders, how many out of 1,000 are priced through the opposite touch.
 */
public record OrderMix(
    int priceMoves, int reductions, int cancelsOrGtc, double cancelShareAtTarget, int marketableGtcPerMille)
{
    /** Shares are given out of this many commands. */
    public static final int OUT_OF = 10_000;

    /** The mix of the JMH benchmarks, shaped like exchange-core's published benchmark. */
    public static final OrderMix EXCHANGE_CORE = new OrderMix(7_100, 700, 2_000, 700.0 / 2_000, 200);

    /**
     * Validate the shares.
     */
    public OrderMix
    {
        if (priceMoves < 0 || reductions < 0 || cancelsOrGtc < 0 || priceMoves + reductions + cancelsOrGtc > OUT_OF)
        {
            throw new IllegalArgumentException("shares must be >= 0 and add up to at most " + OUT_OF);
        }
        if (cancelShareAtTarget < 0 || cancelShareAtTarget > 1 || marketableGtcPerMille < 0 ||
            marketableGtcPerMille > 1_000)
        {
            throw new IllegalArgumentException("cancel share must be in [0, 1] and marketable GTC in [0, 1000]");
        }
    }

    /**
     * A mix from four percentages: passive new orders (GTC behind the touch), aggressive new orders (IOC through
     * the touch), cancels and replaces (price moves and quantity reductions, 71 to 7 as in {@link #EXCHANGE_CORE}).
     *
     * @param passive    percent of passive new orders.
     * @param aggressive percent of aggressive new orders.
     * @param cancel     percent of cancels.
     * @param replace    percent of replaces.
     * @return the mix.
     */
    public static OrderMix of(final double passive, final double aggressive, final double cancel, final double replace)
    {
        final double sum = passive + aggressive + cancel + replace;
        if (passive < 0 || aggressive < 0 || cancel < 0 || replace < 0 || Math.abs(sum - 100.0) > 1e-6)
        {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                "mix percentages must be >= 0 and add up to 100, got %s+%s+%s+%s", passive, aggressive, cancel,
                replace));
        }
        final int replaces = (int)Math.round(replace * OUT_OF / 100.0);
        final int moves = (int)Math.round(replaces * 71.0 / 78.0);
        final int cancelsOrGtc = (int)Math.round((passive + cancel) * OUT_OF / 100.0);
        final double cancelShare = passive + cancel == 0 ? 0 : cancel / (passive + cancel);
        return new OrderMix(moves, replaces - moves, Math.min(OUT_OF - replaces, cancelsOrGtc), cancelShare, 0);
    }

    /**
     * Parse {@code exchange-core} or {@code passive=P,aggressive=A,cancel=C,replace=R} (percentages adding up to
     * 100; missing keys are 0).
     *
     * @param text to parse.
     * @return the mix.
     * @throws IllegalArgumentException naming the bad part.
     */
    public static OrderMix parse(final String text)
    {
        final String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("exchange-core") || trimmed.equals("default"))
        {
            return EXCHANGE_CORE;
        }
        double passive = 0;
        double aggressive = 0;
        double cancel = 0;
        double replace = 0;
        for (final String part : trimmed.split(","))
        {
            final String[] kv = part.split("=");
            if (kv.length != 2)
            {
                throw new IllegalArgumentException("mix: expected key=percent, got '" + part + "'");
            }
            final double value = Double.parseDouble(kv[1].trim());
            switch (kv[0].trim())
            {
                case "passive" -> passive = value;
                case "aggressive" -> aggressive = value;
                case "cancel" -> cancel = value;
                case "replace" -> replace = value;
                default -> throw new IllegalArgumentException(
                    "mix: unknown key '" + kv[0] + "' (passive, aggressive, cancel, replace)");
            }
        }
        return of(passive, aggressive, cancel, replace);
    }
}
