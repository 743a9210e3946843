package io.pushline.gateway;

import io.pushline.config.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the sessions file: a CSV with the header
 * {@code sessionId,gatewayId,secretHex,cancelOnDisconnect[,throttleMessages,throttleWindow]}; blank lines and lines
 * starting with {@code #} are skipped. The throttle columns are optional (empty or absent: the gateway's default);
 * the window takes a duration such as {@code 1s} or {@code 500ms}. A bad line fails with file, line and field.
 */
public final class SessionsFile
{
    static final String HEADER = "sessionId,gatewayId,secretHex,cancelOnDisconnect";

    private SessionsFile()
    {
    }

    /**
     * Load every session of the file (of all gateways).
     *
     * @param file the CSV file.
     * @return the sessions in file order.
     * @throws ConfigException naming the file, line and field of a bad entry.
     */
    public static List<SessionConfig> load(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new ConfigException("cannot read sessions file " + file + ": " + ex, ex);
        }

        final List<SessionConfig> sessions = new ArrayList<>();
        final Set<Integer> ids = new HashSet<>();
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            if (!headerSeen)
            {
                if (!line.replace(" ", "").startsWith(HEADER))
                {
                    throw new ConfigException(file + ":" + (i + 1) + ": expected the header '" + HEADER +
                        "[,throttleMessages,throttleWindow]', got '" + line + "'");
                }
                headerSeen = true;
                continue;
            }
            final SessionConfig session = parse(file, i + 1, line);
            if (!ids.add(session.sessionId()))
            {
                throw new ConfigException(file + ":" + (i + 1) + ": field 'sessionId': duplicate " +
                    session.sessionId());
            }
            sessions.add(session);
        }
        return sessions;
    }

    private static SessionConfig parse(final Path file, final int lineNumber, final String line)
    {
        final String[] fields = line.split(",", -1);
        if (fields.length < 4 || fields.length > 6)
        {
            throw new ConfigException(file + ":" + lineNumber + ": expected 4 to 6 fields, got " + fields.length);
        }
        final String where = file + ":" + lineNumber + ": field ";
        final int sessionId = positiveInt(where + "'sessionId'", fields[0]);
        final int gatewayId = positiveInt(where + "'gatewayId'", fields[1]);
        final byte[] secret;
        try
        {
            secret = io.pushline.protocol.LogonSignature.parseHex(fields[2].strip());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(where + "'secretHex': not an even number of hex digits");
        }
        final String cod = fields[3].strip().toLowerCase(Locale.ROOT);
        if (!cod.equals("true") && !cod.equals("false"))
        {
            throw new ConfigException(where + "'cancelOnDisconnect': must be true or false, got '" + fields[3] + "'");
        }
        final int throttleMessages = fields.length > 4 && !fields[4].isBlank() ?
            positiveInt(where + "'throttleMessages'", fields[4]) : 0;
        if (throttleMessages > Gateway.Context.MAX_THROTTLE_MESSAGES)
        {
            throw new ConfigException(where + "'throttleMessages': at most " + Gateway.Context.MAX_THROTTLE_MESSAGES +
                ", got " + throttleMessages);
        }
        final long throttleWindowNs = fields.length > 5 && !fields[5].isBlank() ?
            GatewayConfiguration.parseDuration(where + "'throttleWindow'", fields[5].strip()) : 0;
        if (fields.length > 5 && !fields[5].isBlank() && throttleWindowNs <= 0)
        {
            throw new ConfigException(where + "'throttleWindow': must be positive");
        }
        return new SessionConfig(sessionId, gatewayId, secret, cod.equals("true"), throttleMessages, throttleWindowNs);
    }

    private static int positiveInt(final String where, final String text)
    {
        try
        {
            final int value = Integer.parseInt(text.strip());
            if (value <= 0)
            {
                throw new ConfigException(where + ": must be positive, got '" + text + "'");
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw new ConfigException(where + ": not an integer: '" + text + "'");
        }
    }
}
