package io.pushline.journal;

/**
 * When the appender forces journal pages to the storage device, and so what a committed record survives.
 * {@link JournalAppender#durablePosition()} and {@link JournalAppender#durableSequence()} say up to where the
 * policy's guarantee holds: never acknowledge a record beyond them.
 */
public enum SyncPolicy
{
    /**
     * Never force. A committed record is in the page cache as soon as {@code commit()} returns: it survives a crash
     * (or {@code kill -9}) of the writing process, but not a power loss or a kernel crash, which can lose any record
     * not yet written back by the kernel (by default within about 30 s) and can lose them out of order. The durable
     * position follows every commit.
     */
    NONE,

    /**
     * Force the pages written since the last sync every {@code syncIntervalNs}, from the appender's duty cycle
     * ({@link JournalAppender#doWork()}) and from {@link JournalAppender#commitBatch()}. Survives a process crash like
     * {@link #NONE}; on a power loss at most the records committed in the last interval (plus the time one force
     * takes) are lost, and the durable position tells which ones are safe.
     */
    PERIODIC,

    /**
     * Force before {@link JournalAppender#commitBatch()} returns: once it returns, every record committed before it
     * survives a power loss (given a device that honours flushes). Costs one {@code msync} per batch.
     */
    PER_BATCH
}
