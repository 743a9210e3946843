package io.pushline.journal;

/**
 * A journal operation failed: a file could not be created, mapped, forced or deleted, or the disk is too full for a
 * new segment. The message names the file.
 */
public class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message naming the file and what failed.
     */
    public JournalException(final String message)
    {
        super(message);
    }

    /**
     * @param message naming the file and what failed.
     * @param cause   the underlying error.
     */
    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
