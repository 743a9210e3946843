package io.pushline.engine;

/**
 * When the next snapshot is due: on an admin SNAPSHOT command, every so many commands, or every so much engine time.
 */
final class SnapshotSchedule
{
    private final long intervalCommands;
    private final long intervalNs;
    private long sinceSnapshot;
    private long lastSnapshotNs;

    /**
     * @param intervalCommands commands between snapshots; 0 for never.
     * @param intervalNs       engine time between snapshots; 0 for never.
     */
    SnapshotSchedule(final long intervalCommands, final long intervalNs)
    {
        this.intervalCommands = intervalCommands;
        this.intervalNs = intervalNs;
    }

    /**
     * Count one more command.
     *
     * @param asked true if it was an admin SNAPSHOT command.
     * @param nowNs its engine time.
     * @return true if a snapshot is due now.
     */
    boolean due(final boolean asked, final long nowNs)
    {
        sinceSnapshot++;
        if (lastSnapshotNs == 0)
        {
            // the first command after a start: the time-based interval starts now
            lastSnapshotNs = nowNs;
        }
        return asked ||
            (intervalCommands > 0 && sinceSnapshot >= intervalCommands) ||
            (intervalNs > 0 && nowNs - lastSnapshotNs >= intervalNs);
    }

    /**
     * @param nowNs engine time of the snapshot just taken.
     */
    void taken(final long nowNs)
    {
        sinceSnapshot = 0;
        lastSnapshotNs = nowNs;
    }
}
