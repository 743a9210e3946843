package io.pushline.journal;

import java.nio.file.Path;

/**
 * The journal holds a damaged record that is not just a torn tail: the message names the file, the offset in it, the
 * journal position and the sequence around it. {@link Journal#open(Journal.Context)} throws it when valid records
 * follow a bad one (open with {@code repair} to truncate there, see {@link #report()} for what would be lost); a
 * {@link JournalReader} throws it when it meets a record that is neither complete and valid nor "not yet written".
 */
public final class JournalCorruptException extends JournalException
{
    private static final long serialVersionUID = 1L;

    private final RecoveryReport.Reason reason;
    private final transient Path file;
    private final int offset;
    private final long position;
    private final long sequence;
    private final transient RecoveryReport report;

    JournalCorruptException(
        final String message,
        final RecoveryReport.Reason reason,
        final Path file,
        final int offset,
        final long position,
        final long sequence,
        final RecoveryReport report)
    {
        super(message);
        this.reason = reason;
        this.file = file;
        this.offset = offset;
        this.position = position;
        this.sequence = sequence;
        this.report = report;
    }

    /**
     * @return what is wrong with the record.
     */
    public RecoveryReport.Reason reason()
    {
        return reason;
    }

    /**
     * @return segment file holding the damaged record.
     */
    public Path file()
    {
        return file;
    }

    /**
     * @return offset of the damaged record in its file.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return journal position of the damaged record.
     */
    public long position()
    {
        return position;
    }

    /**
     * @return sequence of the last valid record before it, or {@link Journal#NULL_SEQUENCE}.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * @return from {@link Journal#open(Journal.Context)}: what a repair would cut; null from a reader.
     */
    public RecoveryReport report()
    {
        return report;
    }
}
