package io.pushline.perf.harness;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG of latency by percentile, several runs overlaid, drawn as HdrHistogram's plotter does: the x axis is
 * {@code 1 / (1 - percentile)} on a log scale labelled 0%, 90%, 99%, 99.9%, ...; the y axis is latency in
 * microseconds, also on a log scale so that a 1 µs median and a 10 ms maximum are both readable.
 */
public final class PercentileChart
{
    private static final int WIDTH = 1_100;
    private static final int HEIGHT = 650;

    private PercentileChart()
    {
    }

    /**
     * Draw and save.
     *
     * @param title  of the chart.
     * @param series curves to overlay.
     * @param file   PNG to write.
     * @throws IOException if it cannot be written.
     */
    public static void write(final String title, final List<PercentileSeries> series, final Path file)
        throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        final XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle("percentile");
        chart.setYAxisTitle("latency (µs, log scale)");
        chart.getStyler()
            .setXAxisLogarithmic(true)
            .setYAxisLogarithmic(true)
            .setChartBackgroundColor(Color.WHITE)
            .setLegendPosition(Styler.LegendPosition.InsideNW)
            .setMarkerSize(0);
        chart.setCustomXAxisTickLabelsFormatter(PercentileChart::percentileLabel);
        chart.setCustomYAxisTickLabelsFormatter(PercentileChart::latencyLabel);
        for (final PercentileSeries s : series)
        {
            final XYSeries line = chart.addSeries(s.label(), s.inverseTail(), s.latencyUs());
            line.setMarker(SeriesMarkers.NONE);
        }
        try (OutputStream out = Files.newOutputStream(file))
        {
            ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", out);
        }
    }

    /**
     * @param inverseTail {@code 1 / (1 - p)}.
     * @return p as a percentage label: 1 is 0%, 10 is 90%, 100 is 99%, 1000 is 99.9%.
     */
    static String percentileLabel(final double inverseTail)
    {
        if (inverseTail < 1.0)
        {
            return "";
        }
        final double percent = 100.0 * (1.0 - 1.0 / inverseTail);
        final int decimals = (int)Math.max(0, Math.round(Math.log10(inverseTail)) - 2);
        return String.format(Locale.ROOT, "%." + decimals + "f%%", percent);
    }

    private static String latencyLabel(final double us)
    {
        if (us >= 1_000)
        {
            return String.format(Locale.ROOT, "%,.0f", us);
        }
        return us >= 1 ? String.format(Locale.ROOT, "%.0f", us) : String.format(Locale.ROOT, "%.2g", us);
    }
}
