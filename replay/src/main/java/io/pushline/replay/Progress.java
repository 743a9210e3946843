package io.pushline.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Progress of a long run on the terminal: records done, records/s, percent and ETA, rewritten in place on stderr
 * about twice a second. Shown only when stderr is a terminal (and a console is attached), so piped or redirected runs
 * stay quiet; {@code --progress=always|never} overrides.
 */
public final class Progress
{
    private static final long REFRESH_NS = 500_000_000L;

    /** When to show progress. */
    public enum Mode
    {
        /** On a terminal only. */
        AUTO,
        /** Always, also when redirected. */
        ALWAYS,
        /** Never. */
        NEVER
    }

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long startNs;
    private long nextNs;
    private boolean shown;

    private Progress(final PrintStream out, final String label, final long total)
    {
        this.out = out;
        this.label = label;
        this.total = total;
        this.startNs = System.nanoTime();
        this.nextNs = startNs + REFRESH_NS;
    }

    /**
     * @param mode  when to show.
     * @param label what is counted, e.g. "verify".
     * @param total records expected, or 0 if unknown (no percent or ETA).
     * @return a progress line, or null when it is not shown.
     */
    public static Progress create(final Mode mode, final String label, final long total)
    {
        return enabled(mode) ? new Progress(System.err, label, total) : null;
    }

    /**
     * @param mode when to show.
     * @return true if progress would be shown (worth computing a total for).
     */
    public static boolean enabled(final Mode mode)
    {
        return mode == Mode.ALWAYS || (mode == Mode.AUTO && isTerminal());
    }

    /**
     * @return true when a console is attached and stderr is a terminal.
     */
    public static boolean isTerminal()
    {
        if (System.console() == null)
        {
            return false;
        }
        try
        {
            final String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        }
        catch (final IOException | UnsupportedOperationException | SecurityException ex)
        {
            return true;
        }
    }

    /**
     * Call as often as convenient; prints at most twice a second.
     *
     * @param progress the progress (null: nothing).
     * @param done     records done.
     */
    public static void update(final Progress progress, final long done)
    {
        if (progress != null)
        {
            progress.update(done);
        }
    }

    /**
     * Clear the line.
     *
     * @param progress the progress (null: nothing).
     */
    public static void finish(final Progress progress)
    {
        if (progress != null && progress.shown)
        {
            progress.out.print("\r\033[K");
            progress.out.flush();
        }
    }

    private void update(final long done)
    {
        final long now = System.nanoTime();
        if (now < nextNs)
        {
            return;
        }
        nextNs = now + REFRESH_NS;
        final double seconds = (now - startNs) / 1e9;
        final double rate = done / Math.max(seconds, 1e-9);
        final StringBuilder line = new StringBuilder(96).append('\r').append(label).append(": ").append(done)
            .append(" records, ").append(String.format("%.2fM", rate / 1e6)).append(" records/s");
        if (total > 0)
        {
            final double fraction = Math.min(1.0, (double)done / total);
            final long etaSeconds = rate > 0 ? (long)((total - Math.min(done, total)) / rate) : 0;
            line.append(String.format(", %.1f%%, ETA %d:%02d", fraction * 100, etaSeconds / 60, etaSeconds % 60));
        }
        out.print(line.append("\033[K"));
        out.flush();
        shown = true;
    }
}
