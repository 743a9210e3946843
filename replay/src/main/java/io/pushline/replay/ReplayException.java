package io.pushline.replay;

/**
 * Bad input to a replay command (a journal that is missing, corrupt, has a gap, or cannot be replayed as asked). The
 * message says what and where; the command prints it and exits with status 1.
 */
public final class ReplayException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the file, offset or sequence.
     */
    public ReplayException(final String message)
    {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file, offset or sequence.
     * @param cause   the underlying error.
     */
    public ReplayException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
