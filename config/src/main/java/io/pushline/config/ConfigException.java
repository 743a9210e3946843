package io.pushline.config;

/**
 * Thrown when configuration is missing or invalid. The message is meant for an operator: it names the file or
 * property, the offending value and what was expected, so the process can print it and exit.
 */
public class ConfigException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with an operator-readable message.
     *
     * @param message what is wrong and where.
     */
    public ConfigException(final String message)
    {
        super(message);
    }

    /**
     * Creates an exception with an operator-readable message and the underlying cause, e.g. an I/O error.
     *
     * @param message what is wrong and where.
     * @param cause   the underlying cause.
     */
    public ConfigException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
