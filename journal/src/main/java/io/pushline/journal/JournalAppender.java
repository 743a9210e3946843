package io.pushline.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import static io.pushline.journal.RecordDescriptor.CHECKSUM_OFFSET;
import static io.pushline.journal.RecordDescriptor.CHECKSUM_START_OFFSET;
import static io.pushline.journal.RecordDescriptor.HEADER_LENGTH;
import static io.pushline.journal.RecordDescriptor.LENGTH_OFFSET;
import static io.pushline.journal.RecordDescriptor.SEQUENCE_OFFSET;
import static io.pushline.journal.RecordDescriptor.TIMESTAMP_OFFSET;
import static io.pushline.journal.RecordDescriptor.TYPE_OFFSET;
import static io.pushline.journal.RecordDescriptor.VERSION_FLAGS_DATA;
import static io.pushline.journal.RecordDescriptor.VERSION_FLAGS_PADDING;

/**
 * The single writer of a journal. Zero-copy: {@link #claim(int, int, long, long)} reserves space in the mapped
 * segment, the caller writes the payload at {@link #payloadOffset()} in {@link #buffer()}, then {@link #commit()}
 * computes the CRC32C and publishes the length word with a release store, which makes the record visible to readers
 * (in this and other processes) all at once. {@link #append(DirectBuffer, int, int, int, long, long)} copies instead.
 * <p>
 * A batch is the records committed between two {@link #commitBatch()} calls; {@code commitBatch()} applies the
 * {@link SyncPolicy}. Acknowledge a record only once {@link #durableSequence()} (or {@link #durablePosition()}) has
 * reached it: that is when the policy's guarantee holds for it. Call {@link #doWork()} from a duty cycle for
 * {@link SyncPolicy#PERIODIC} syncs and for retention.
 * <p>
 * Not thread-safe: one thread appends. {@link #durablePosition()} and {@link #durableSequence()} may be read from
 * any thread.
 */
public final class JournalAppender implements Agent
{
    private static final VarHandle DURABLE_POSITION;
    private static final VarHandle DURABLE_SEQUENCE;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            DURABLE_POSITION = lookup.findVarHandle(JournalAppender.class, "durablePosition", long.class);
            DURABLE_SEQUENCE = lookup.findVarHandle(JournalAppender.class, "durableSequence", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Path directory;
    private final String prefix;
    private final int segmentLength;
    private final int maxPayloadLength;
    private final SyncPolicy syncPolicy;
    private final long syncIntervalNs;
    private final boolean preallocateSegments;
    private final long minFreeSpaceLength;
    private final int indexIntervalLength;
    private final long retentionCheckIntervalNs;
    private final NanoClock nanoClock;
    private final SparseIndex index;
    private final Retention retention;
    private final CRC32C crc = new CRC32C();

    private Segment segment;
    private UnsafeBuffer buffer;
    private ByteBuffer checksumView;
    private long segmentAddress;
    private long segmentStart;
    private int offset;
    private long lastSequence;
    private long nextIndexPosition;
    private long syncedPosition;
    private long lastSyncNs;
    private long nextRetentionCheckNs;
    private boolean claimed;
    private int claimOffset;
    private int claimFrameLength;
    private long claimSequence;
    private boolean closed;
    private JournalException failure;

    @SuppressWarnings("unused") // accessed through DURABLE_POSITION
    private volatile long durablePosition;
    @SuppressWarnings("unused") // accessed through DURABLE_SEQUENCE
    private volatile long durableSequence;

    JournalAppender(
        final Journal.Context ctx, final Recovery recovery, final SparseIndex index, final Retention retention)
    {
        directory = ctx.directory();
        prefix = ctx.filePrefix();
        segmentLength = ctx.segmentLength();
        maxPayloadLength = RecordDescriptor.maxPayloadLength(segmentLength);
        syncPolicy = ctx.syncPolicy();
        syncIntervalNs = ctx.syncIntervalNs();
        preallocateSegments = ctx.preallocateSegments();
        minFreeSpaceLength = ctx.minFreeSpaceLength();
        indexIntervalLength = ctx.indexIntervalLength();
        retentionCheckIntervalNs = ctx.retentionCheckIntervalNs();
        nanoClock = ctx.nanoClock();
        this.index = index;
        this.retention = retention;

        final long tail = recovery.tailPosition();
        segment = recovery.activeSegment();
        segmentStart = tail - (tail & (segmentLength - 1));
        offset = (int)(tail - segmentStart);
        if (segment != null)
        {
            use(segment);
            if (syncPolicy != SyncPolicy.NONE)
            {
                segment.force(0, offset);
            }
        }
        lastSequence = recovery.lastSequence();
        nextIndexPosition = tail;
        syncedPosition = tail;
        lastSyncNs = nanoClock.nanoTime();
        nextRetentionCheckNs = lastSyncNs;
        publishDurable(tail, lastSequence);
    }

    /**
     * Reserve space for a record and write its header, except the length word. Write the payload into
     * {@link #buffer()} at {@link #payloadOffset()}, then {@link #commit()} or {@link #abort()}. Rolls to a new
     * segment when the record does not fit in the current one.
     *
     * @param length      payload length, 0 to {@link #maxPayloadLength()}.
     * @param type        record type, application defined.
     * @param sequence    above every sequence appended before.
     * @param timestampNs record timestamp, application defined.
     * @return position of the record in the journal.
     * @throws IllegalArgumentException if the length or sequence is out of range.
     * @throws IllegalStateException    if a claim is already open or the appender is closed.
     * @throws JournalException         if a new segment could not be created (disk full, mapping failure).
     */
    public long claim(final int length, final int type, final long sequence, final long timestampNs)
    {
        if (claimed || closed)
        {
            throw new IllegalStateException(closed ? "appender is closed" : "a claim is open: commit or abort it");
        }
        checkNotFailed();
        if (length < 0 || length > maxPayloadLength)
        {
            throw new IllegalArgumentException("payload length " + length + " not in [0, " + maxPayloadLength + "]");
        }
        if (sequence <= lastSequence || sequence == Journal.NULL_SEQUENCE)
        {
            throw new IllegalArgumentException("sequence " + sequence + " is not above the last " + lastSequence);
        }
        final int frameLength = HEADER_LENGTH + length;
        if (segment == null || offset + RecordDescriptor.align(frameLength) > segmentLength)
        {
            roll();
        }
        final int recordOffset = offset;
        // the claim lies inside the mapped segment (checked above), so the header is written without bounds checks
        final long address = segmentAddress + recordOffset;
        UnsafeApi.putLong(null, address + SEQUENCE_OFFSET, sequence);
        UnsafeApi.putLong(null, address + TIMESTAMP_OFFSET, timestampNs);
        UnsafeApi.putLong(null, address + TYPE_OFFSET, RecordDescriptor.typeAndVersionFlags(type, VERSION_FLAGS_DATA));
        claimed = true;
        claimOffset = recordOffset;
        claimFrameLength = frameLength;
        claimSequence = sequence;
        return segmentStart + recordOffset;
    }

    /**
     * @return the mapped segment of the open claim: write the payload at {@link #payloadOffset()}.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset in {@link #buffer()} of the open claim's payload.
     */
    public int payloadOffset()
    {
        return claimOffset + HEADER_LENGTH;
    }

    /**
     * Publish the claimed record: compute its CRC32C, then store its length with release semantics. Readers see it
     * from now on; it is durable per the sync policy once {@link #durablePosition()} passes it.
     */
    public void commit()
    {
        if (!claimed)
        {
            throw new IllegalStateException("no open claim");
        }
        final int recordOffset = claimOffset;
        final int frameLength = claimFrameLength;
        final long address = segmentAddress + recordOffset;
        UnsafeApi.putInt(null, address + CHECKSUM_OFFSET, checksum(recordOffset, frameLength));
        UnsafeApi.putIntRelease(null, address + LENGTH_OFFSET, frameLength);
        claimed = false;
        final long position = segmentStart + recordOffset;
        if (recordOffset == 0 || position >= nextIndexPosition)
        {
            index.add(claimSequence, position);
            nextIndexPosition = position + indexIntervalLength;
        }
        offset = recordOffset + RecordDescriptor.align(frameLength);
        lastSequence = claimSequence;
        if (syncPolicy == SyncPolicy.NONE)
        {
            publishDurable(segmentStart + offset, lastSequence);
        }
    }

    /**
     * Give up the open claim: its bytes are zeroed, so the journal ends where it did before the claim.
     */
    public void abort()
    {
        if (!claimed)
        {
            throw new IllegalStateException("no open claim");
        }
        buffer.setMemory(claimOffset, RecordDescriptor.align(claimFrameLength), (byte)0);
        claimed = false;
    }

    /**
     * Copy a payload into a new record and commit it.
     *
     * @param source       holding the payload.
     * @param sourceOffset of the payload in the source.
     * @param length       payload length.
     * @param type         record type, application defined.
     * @param sequence     above every sequence appended before.
     * @param timestampNs  record timestamp, application defined.
     * @return position of the record in the journal.
     * @see #claim(int, int, long, long)
     */
    public long append(
        final DirectBuffer source,
        final int sourceOffset,
        final int length,
        final int type,
        final long sequence,
        final long timestampNs)
    {
        source.boundsCheck(sourceOffset, length);
        final long position = claim(length, type, sequence, timestampNs);
        UnsafeApi.copyMemory(source.byteArray(), source.addressOffset() + sourceOffset,
            null, segmentAddress + claimOffset + HEADER_LENGTH, length);
        commit();
        return position;
    }

    /**
     * End a batch: {@link SyncPolicy#PER_BATCH} forces every record committed so far to the device before returning;
     * {@link SyncPolicy#PERIODIC} forces if the sync interval has passed; {@link SyncPolicy#NONE} does nothing.
     *
     * @return {@link #durablePosition()} after the sync.
     * @throws JournalException if forcing failed; the durable position then stays where it was.
     */
    public long commitBatch()
    {
        if (syncPolicy == SyncPolicy.PER_BATCH ||
            (syncPolicy == SyncPolicy.PERIODIC && nanoClock.nanoTime() - lastSyncNs >= syncIntervalNs))
        {
            sync();
        }
        return durablePosition();
    }

    /**
     * Force every committed record to the device now, whatever the policy, and advance the durable position.
     *
     * @throws JournalException if forcing failed; the durable position then stays where it was.
     */
    public void sync()
    {
        checkNotFailed();
        final long committed = position();
        if (committed > syncedPosition && segment != null)
        {
            final int from = (int)Math.max(0, syncedPosition - segmentStart);
            force(segment, from, offset - from);
        }
        syncedPosition = committed;
        lastSyncNs = nanoClock.nanoTime();
        publishDurable(committed, lastSequence);
    }

    /**
     * Duty cycle: the {@link SyncPolicy#PERIODIC} sync when due, and retention every retention check interval.
     *
     * @return work done, 0 when idle.
     */
    public int doWork()
    {
        int work = 0;
        final long nowNs = nanoClock.nanoTime();
        if (syncPolicy == SyncPolicy.PERIODIC && position() > syncedPosition && nowNs - lastSyncNs >= syncIntervalNs)
        {
            sync();
            work++;
        }
        if (nowNs - nextRetentionCheckNs >= 0 && retention.enabled())
        {
            nextRetentionCheckNs = nowNs + retentionCheckIntervalNs;
            work += retention.apply(segmentStart);
        }
        return work;
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return "journal-appender";
    }

    /**
     * @return position at which the next record goes: the end of the last committed record.
     */
    public long position()
    {
        return segmentStart + offset;
    }

    /**
     * @return sequence of the last committed record, or {@link Journal#NULL_SEQUENCE} for an empty journal.
     */
    public long lastSequence()
    {
        return lastSequence;
    }

    /**
     * @return end of the records for which the sync policy's guarantee holds (see {@link SyncPolicy}).
     */
    public long durablePosition()
    {
        return (long)DURABLE_POSITION.getAcquire(this);
    }

    /**
     * @return sequence of the last record for which the sync policy's guarantee holds, or
     * {@link Journal#NULL_SEQUENCE}.
     */
    public long durableSequence()
    {
        return (long)DURABLE_SEQUENCE.getAcquire(this);
    }

    /**
     * @return the sync policy.
     */
    public SyncPolicy syncPolicy()
    {
        return syncPolicy;
    }

    /**
     * @return largest payload of one record.
     */
    public int maxPayloadLength()
    {
        return maxPayloadLength;
    }

    void close()
    {
        if (closed)
        {
            return;
        }
        if (claimed)
        {
            abort();
        }
        try
        {
            if (syncPolicy != SyncPolicy.NONE && failure == null)
            {
                sync();
            }
        }
        finally
        {
            closed = true;
            if (segment != null)
            {
                segment.close();
                segment = null;
                buffer = null;
                checksumView = null;
                segmentAddress = 0;
            }
        }
    }

    private void roll()
    {
        final long nextStart = segment == null ? segmentStart + offset : segmentStart + segmentLength;
        final Segment next = Segment.create(directory, prefix, nextStart, segmentLength, preallocateSegments,
            syncPolicy != SyncPolicy.NONE, minFreeSpaceLength);
        final Segment previous = segment;
        if (previous != null)
        {
            if (offset < segmentLength)
            {
                writePadding(offset);
            }
            try
            {
                if (syncPolicy != SyncPolicy.NONE)
                {
                    final int from = (int)Math.max(0, syncedPosition - segmentStart);
                    force(previous, from, segmentLength - from);
                }
            }
            catch (final JournalException ex)
            {
                next.close();
                throw ex;
            }
            previous.close();
            syncedPosition = nextStart;
            publishDurable(nextStart, lastSequence);
        }
        use(next);
        segmentStart = nextStart;
        offset = 0;
        if (retention.enabled())
        {
            retention.apply(segmentStart);
        }
    }

    private void use(final Segment newSegment)
    {
        segment = newSegment;
        buffer = newSegment.buffer;
        checksumView = newSegment.checksumView;
        segmentAddress = newSegment.buffer.addressOffset();
    }

    /**
     * CRC32C of a record from {@link RecordDescriptor#CHECKSUM_START_OFFSET} to its length, read from the mapping.
     */
    private int checksum(final int recordOffset, final int frameLength)
    {
        final ByteBuffer view = checksumView;
        view.limit(recordOffset + frameLength);
        view.position(recordOffset + CHECKSUM_START_OFFSET);
        final CRC32C crc = this.crc;
        crc.reset();
        crc.update(view);
        return (int)crc.getValue();
    }

    private void writePadding(final int paddingOffset)
    {
        buffer.putLong(paddingOffset + SEQUENCE_OFFSET, lastSequence);
        buffer.putLong(paddingOffset + TIMESTAMP_OFFSET, 0);
        buffer.putLong(paddingOffset + TYPE_OFFSET, RecordDescriptor.typeAndVersionFlags(0, VERSION_FLAGS_PADDING));
        buffer.putInt(paddingOffset + CHECKSUM_OFFSET, checksum(paddingOffset, HEADER_LENGTH));
        buffer.putIntRelease(paddingOffset, segmentLength - paddingOffset);
        offset = segmentLength;
    }

    /**
     * A failed force leaves the device state unknown (pages may have been dropped): the appender stops, so nothing
     * after the failure is ever counted durable. Reopening the journal recovers from what is on disk.
     */
    private void force(final Segment target, final int from, final int length)
    {
        try
        {
            target.force(from, length);
        }
        catch (final JournalException ex)
        {
            failure = ex;
            throw ex;
        }
    }

    private void checkNotFailed()
    {
        if (failure != null)
        {
            throw new JournalException("journal appender stopped after an earlier failure, reopen the journal: " +
                failure.getMessage(), failure);
        }
    }

    private void publishDurable(final long position, final long sequence)
    {
        DURABLE_SEQUENCE.setRelease(this, sequence);
        DURABLE_POSITION.setRelease(this, position);
    }
}
