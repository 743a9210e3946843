package io.pushline.journal;

import java.nio.file.Path;

/**
 * What {@link Journal#open(Journal.Context)} found and cut when it recovered the journal: the first record that was
 * not complete and valid, where it was, and how many bytes from there on were zeroed or deleted. A clean journal gives
 * a report with {@link Reason#NONE} and nothing cut.
 * <p>
 * When valid records follow the bad one ({@link #middleCorruption()}), the journal opens only with the repair option,
 * and then {@link #repaired()} is true and {@link #bytesCut()} includes those valid records, which are lost.
 */
public final class RecoveryReport
{
    /**
     * Why the scan stopped.
     */
    public enum Reason
    {
        /** Nothing was cut: the journal ended cleanly. */
        NONE,
        /** The length word is 0 but bytes follow it: a record claimed or torn but never committed. */
        INCOMPLETE_RECORD,
        /** The length is negative, shorter than a header, or runs past the end of the segment. */
        BAD_LENGTH,
        /** The CRC32C does not match the header fields and payload. */
        BAD_CHECKSUM,
        /** The checksum matches but the version, flags or reserved bits are not ones this code writes. */
        BAD_HEADER,
        /** The sequence is not above the previous record's sequence. */
        BAD_SEQUENCE,
        /** A padding record that does not end exactly at the end of its segment. */
        BAD_PADDING,
        /** A segment file is shorter than the segment length (only the last one may be, and it is extended). */
        SHORT_FILE,
        /** A segment file is missing between two others. */
        MISSING_SEGMENT
    }

    private final Path directory;
    private Reason reason = Reason.NONE;
    private Path file;
    private int offset = -1;
    private long position = -1;
    private long lastValidSequence = Journal.NULL_SEQUENCE;
    private long recordSequence = Journal.NULL_SEQUENCE;
    private long bytesCut;
    private int segmentsDeleted;
    private int temporaryFilesDeleted;
    private boolean middleCorruption;
    private boolean repaired;
    private Path nextValidFile;
    private int nextValidOffset = -1;
    private long nextValidSequence = Journal.NULL_SEQUENCE;
    private long recordsRecovered;
    private long tailPosition;

    RecoveryReport(final Path directory)
    {
        this.directory = directory;
    }

    /**
     * @return true when nothing was cut and no file was changed except leftover temporary files.
     */
    public boolean isClean()
    {
        return reason == Reason.NONE;
    }

    /**
     * @return journal directory.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @return why the scan stopped, {@link Reason#NONE} when the journal ended cleanly.
     */
    public Reason reason()
    {
        return reason;
    }

    /**
     * @return segment file holding the first bad record, or null when clean.
     */
    public Path file()
    {
        return file;
    }

    /**
     * @return offset of the first bad record in {@link #file()}, or -1.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return journal position of the first bad record (where the journal now ends), or -1.
     */
    public long position()
    {
        return position;
    }

    /**
     * @return sequence of the last valid record before the cut, or {@link Journal#NULL_SEQUENCE}.
     */
    public long lastValidSequence()
    {
        return lastValidSequence;
    }

    /**
     * @return sequence field as read from the bad record's header (not to be trusted), or
     * {@link Journal#NULL_SEQUENCE}.
     */
    public long recordSequence()
    {
        return recordSequence;
    }

    /**
     * @return bytes zeroed or deleted from the cut to the last non-zero byte of every file after it.
     */
    public long bytesCut()
    {
        return bytesCut;
    }

    /**
     * @return segment files after the cut that were deleted.
     */
    public int segmentsDeleted()
    {
        return segmentsDeleted;
    }

    /**
     * @return leftover temporary segment files (from a crash while a segment was created) that were deleted.
     */
    public int temporaryFilesDeleted()
    {
        return temporaryFilesDeleted;
    }

    /**
     * @return true when valid records followed the bad one, i.e. data in the middle of the journal was damaged.
     */
    public boolean middleCorruption()
    {
        return middleCorruption;
    }

    /**
     * @return true when the journal was opened with repair and valid records after the bad one were cut.
     */
    public boolean repaired()
    {
        return repaired;
    }

    /**
     * @return file of the first valid record after the bad one, or null.
     */
    public Path nextValidFile()
    {
        return nextValidFile;
    }

    /**
     * @return offset of the first valid record after the bad one, or -1.
     */
    public int nextValidOffset()
    {
        return nextValidOffset;
    }

    /**
     * @return sequence of the first valid record after the bad one, or {@link Journal#NULL_SEQUENCE}.
     */
    public long nextValidSequence()
    {
        return nextValidSequence;
    }

    /**
     * @return valid records kept, padding excluded.
     */
    public long recordsRecovered()
    {
        return recordsRecovered;
    }

    /**
     * @return position at which the appender resumes.
     */
    public long tailPosition()
    {
        return tailPosition;
    }

    /**
     * @return one line saying what was found and cut.
     */
    public String toString()
    {
        final StringBuilder text = new StringBuilder(256);
        text.append("journal ").append(directory).append(": ").append(recordsRecovered).append(" records, tail at ")
            .append(tailPosition);
        if (temporaryFilesDeleted > 0)
        {
            text.append(", ").append(temporaryFilesDeleted).append(" temporary files deleted");
        }
        if (isClean())
        {
            return text.append(", clean").toString();
        }
        text.append("; ").append(describeCut());
        if (middleCorruption)
        {
            text.append("; valid records followed it, the first in ").append(nextValidFile).append(" at offset ")
                .append(nextValidOffset).append(" with sequence ").append(nextValidSequence)
                .append(repaired ? " (repaired: lost)" : "");
        }
        return text.toString();
    }

    String describeCut()
    {
        return reason + " in " + file + " at offset " + offset + " (position " + position + "), sequence field " +
            recordSequence + ", after sequence " + lastValidSequence + ": cut " + bytesCut + " bytes and deleted " +
            segmentsDeleted + " later segment files";
    }

    RecoveryReport cut(final Reason reason, final Path file, final int offset, final long position)
    {
        this.reason = reason;
        this.file = file;
        this.offset = offset;
        this.position = position;
        return this;
    }

    RecoveryReport recordSequence(final long recordSequence)
    {
        this.recordSequence = recordSequence;
        return this;
    }

    RecoveryReport lastValidSequence(final long lastValidSequence)
    {
        this.lastValidSequence = lastValidSequence;
        return this;
    }

    RecoveryReport addBytesCut(final long bytes)
    {
        bytesCut += bytes;
        return this;
    }

    RecoveryReport addSegmentDeleted()
    {
        segmentsDeleted++;
        return this;
    }

    RecoveryReport temporaryFilesDeleted(final int count)
    {
        temporaryFilesDeleted = count;
        return this;
    }

    RecoveryReport nextValid(final Path file, final int offset, final long sequence)
    {
        middleCorruption = true;
        nextValidFile = file;
        nextValidOffset = offset;
        nextValidSequence = sequence;
        return this;
    }

    RecoveryReport repaired(final boolean repaired)
    {
        this.repaired = repaired;
        return this;
    }

    RecoveryReport recordsRecovered(final long records)
    {
        recordsRecovered = records;
        return this;
    }

    RecoveryReport tailPosition(final long position)
    {
        tailPosition = position;
        return this;
    }
}
