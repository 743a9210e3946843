package io.pushline.journal;

import org.agrona.DirectBuffer;

/**
 * Receives the records a {@link JournalReader} polls, in journal order. The buffer is the mapped segment itself
 * (zero copy): read the payload during the call, do not keep a reference to it.
 */
@FunctionalInterface
public interface JournalHandler
{
    /**
     * One complete record whose checksum was verified.
     *
     * @param buffer      holding the record.
     * @param offset      of the payload in the buffer.
     * @param length      of the payload.
     * @param type        record type given when appended.
     * @param sequence    record sequence.
     * @param timestampNs record timestamp.
     */
    void onRecord(DirectBuffer buffer, int offset, int length, int type, long sequence, long timestampNs);
}
