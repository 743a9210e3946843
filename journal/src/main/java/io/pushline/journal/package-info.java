/**
 * Memory-mapped, crash-safe journal of length-prefixed records in segment files. Stores bytes only and knows nothing
 * of orders.
 * <ul>
 *   <li>{@link io.pushline.journal.Journal}: opens and recovers a journal for writing (Aeron-style
 *       {@code Journal.open(Context)}), owns the {@link io.pushline.journal.JournalAppender}.</li>
 *   <li>{@link io.pushline.journal.JournalReader}: reads and follows a journal, in the writing process or another.</li>
 *   <li>{@link io.pushline.journal.SyncPolicy}: what a committed record survives.</li>
 *   <li>{@link io.pushline.journal.RecordDescriptor}: the on-disk layout.</li>
 *   <li>{@link io.pushline.journal.RecoveryReport} and {@link io.pushline.journal.JournalCorruptException}: what
 *       recovery cut, and damage it refuses.</li>
 * </ul>
 */
package io.pushline.journal;
