package io.pushline.perf.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One curve of a percentile chart: latency in microseconds against {@code 1 / (1 - percentile)}, as HdrHistogram's
 * plotter draws it, from a histogram or read back from an {@code .hgrm} file.
 *
 * @param label         legend text.
 * @param inverseTail   x values: {@code 1 / (1 - p)}, 1 at the median... and 10 at 90%, 100 at 99%.
 * @param latencyUs     y values, microseconds.
 */
public record PercentileSeries(String label, double[] inverseTail, double[] latencyUs)
{
    private static final int TICKS_PER_HALF = 5;
    private static final double NS_PER_US = 1_000.0;

    /**
     * @param label     legend text.
     * @param histogram latencies in nanoseconds; must not be empty.
     * @return the series.
     */
    public static PercentileSeries of(final String label, final Histogram histogram)
    {
        final List<double[]> points = new ArrayList<>();
        for (final HistogramIterationValue v : histogram.percentiles(TICKS_PER_HALF))
        {
            final double fraction = v.getPercentileLevelIteratedTo() / 100.0;
            if (fraction >= 1.0)
            {
                break;
            }
            points.add(new double[] {1.0 / (1.0 - fraction), v.getValueIteratedTo() / NS_PER_US});
        }
        // the maximum, at the tail position one sample stands for
        points.add(new double[] {Math.max(1.0, histogram.getTotalCount()), histogram.getMaxValue() / NS_PER_US});
        return fromPoints(label, points);
    }

    /**
     * Read a percentile distribution written by {@code Histogram.outputPercentileDistribution} (values in the unit
     * it was written in; the harness writes microseconds).
     *
     * @param label legend text.
     * @param file  an {@code .hgrm} file.
     * @return the series.
     * @throws IOException if it cannot be read or has no data rows.
     */
    public static PercentileSeries read(final String label, final Path file) throws IOException
    {
        final List<double[]> points = new ArrayList<>();
        for (final String line : Files.readAllLines(file))
        {
            final String[] f = line.trim().split("\\s+");
            if (f.length != 4 || !Character.isDigit(f[0].charAt(0)) || f[3].equals("Infinity"))
            {
                continue;
            }
            try
            {
                points.add(new double[] {Double.parseDouble(f[3]), Double.parseDouble(f[0])});
            }
            catch (final NumberFormatException ex)
            {
                // a header or summary line that happens to have four fields
            }
        }
        if (points.isEmpty())
        {
            throw new IOException(file + ": no percentile rows (expected an .hgrm file)");
        }
        return fromPoints(label, points);
    }

    private static PercentileSeries fromPoints(final String label, final List<double[]> points)
    {
        final double[] x = new double[points.size()];
        final double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = points.get(i)[0];
            // a log axis needs positive values: the histogram's resolution is 1 ns
            y[i] = Math.max(0.001, points.get(i)[1]);
        }
        return new PercentileSeries(label, x, y);
    }
}
