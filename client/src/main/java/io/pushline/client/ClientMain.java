package io.pushline.client;

import io.pushline.protocol.LogonSignature;
import io.pushline.sbe.LogonAcceptedDecoder;
import io.pushline.sbe.LogonRejectedDecoder;
import io.pushline.sbe.LogoutDecoder;
import io.pushline.sbe.TerminateDecoder;
import org.agrona.DirectBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The client CLI: logs on to a gateway, sends the commands read from a CSV or JSON-lines file or typed on stdin
 * (see {@link OrderLine}), prints every message from the gateway as one JSON line on stdout ({@link JsonLines}),
 * and logs out once the input ends and {@code --wait} has passed. Exit code 0 after a logout, 1 if the logon was
 * refused or the session ended otherwise, 2 if the gateway cannot be reached.
 */
@Command(name = "pushline-client", mixinStandardHelpOptions = true,
    description = "Log on to a Pushline gateway, send orders, print every report as a JSON line.")
public final class ClientMain implements java.util.concurrent.Callable<Integer>
{
    private static final String END = "\u0000end";

    @Option(names = "--host", description = "Gateway host (default: ${DEFAULT-VALUE}).")
    private String host = "127.0.0.1";

    @Option(names = "--port", description = "Gateway port (default: ${DEFAULT-VALUE}).")
    private int port = 9201;

    @Option(names = "--session", required = true, description = "Session id.")
    private int sessionId;

    @Option(names = "--secret", description = "Session secret in hex (default: looked up in --sessions-file).")
    private String secretHex;

    @Option(names = "--sessions-file", description = "Sessions CSV to find the secret in (default: ${DEFAULT-VALUE}).")
    private Path sessionsFile = Path.of("config/sessions.csv");

    @Option(names = "--heartbeat-ms", description = "Heartbeat interval to ask for (default: ${DEFAULT-VALUE}).")
    private int heartbeatMs = 1000;

    @Option(names = "--file", description = "Orders file (.csv or .jsonl); stdin when absent.")
    private Path file;

    @Option(names = "--wait", description = "Milliseconds to keep printing reports after the input ends " +
        "(default: ${DEFAULT-VALUE}).")
    private long waitMs = 1000;

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final JsonLines json = new JsonLines();
    private final Printer printer = new Printer();

    /**
     * Entry point.
     *
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new ClientMain()).execute(args));
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public Integer call()
    {
        final byte[] secret;
        try
        {
            secret = null != secretHex ? LogonSignature.parseHex(secretHex) : secretFromFile();
        }
        catch (final IllegalArgumentException | UncheckedIOException ex)
        {
            System.err.println("error: " + ex.getMessage());
            return 2;
        }

        final PushlineClient client;
        try
        {
            client = PushlineClient.connect(host, port);
        }
        catch (final UncheckedIOException ex)
        {
            System.err.println("error: " + ex.getMessage() + " (is the gateway running?)");
            return 2;
        }

        try (client)
        {
            client.logon(sessionId, secret, heartbeatMs);
            final long logonDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!printer.loggedOn && client.isConnected() && System.nanoTime() < logonDeadline)
            {
                pollOrPause(client);
            }
            if (!printer.loggedOn)
            {
                if (client.isConnected())
                {
                    System.err.println("error: no answer to the logon within 5 s");
                }
                return 1;
            }
            return trade(client, startInput());
        }
    }

    private int trade(final PushlineClient client, final BlockingQueue<String> lines)
    {
        long resumeAtNs = 0;
        long endAtNs = Long.MAX_VALUE;
        boolean loggingOut = false;
        while (client.isConnected())
        {
            pollOrPause(client);
            final long now = System.nanoTime();
            if (!loggingOut && now >= endAtNs)
            {
                client.logout();
                loggingOut = true;
                endAtNs = now + TimeUnit.SECONDS.toNanos(2);
            }
            else if (loggingOut && now >= endAtNs)
            {
                break;
            }
            if (loggingOut || now < resumeAtNs)
            {
                continue;
            }
            final String text = lines.poll();
            if (null == text)
            {
                continue;
            }
            if (text.equals(END))
            {
                endAtNs = now + TimeUnit.MILLISECONDS.toNanos(waitMs);
                continue;
            }
            try
            {
                final OrderLine line = OrderLine.parse(text);
                if (null == line)
                {
                    continue;
                }
                if (line.action().equals("sleep"))
                {
                    resumeAtNs = now + TimeUnit.MILLISECONDS.toNanos(line.sleepMs());
                }
                else if (line.action().equals("logout"))
                {
                    client.logout();
                    loggingOut = true;
                    endAtNs = now + TimeUnit.SECONDS.toNanos(2);
                }
                else
                {
                    line.sendWith(client);
                }
            }
            catch (final IllegalArgumentException ex)
            {
                System.err.println("error: " + ex.getMessage() + " in line: " + text);
            }
        }
        return printer.loggedOut ? 0 : 1;
    }

    private void pollOrPause(final PushlineClient client)
    {
        if (client.poll(printer) == 0)
        {
            LockSupport.parkNanos(100_000);
        }
    }

    private BlockingQueue<String> startInput()
    {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader in = null == file ?
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)) :
                Files.newBufferedReader(resolveFromHome(file), StandardCharsets.UTF_8))
            {
                String line;
                while (null != (line = in.readLine()))
                {
                    lines.add(line);
                }
            }
            catch (final IOException ex)
            {
                System.err.println("error: cannot read " + (null == file ? "stdin" : file) + ": " + ex);
            }
            lines.add(END);
        }, "client-input");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private byte[] secretFromFile()
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(resolveFromHome(sessionsFile), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + sessionsFile + " (give --secret or --sessions-file)", ex);
        }
        for (final String line : lines)
        {
            final String[] fields = line.strip().split(",");
            if (fields.length >= 3 && fields[0].strip().equals(Integer.toString(sessionId)))
            {
                return LogonSignature.parseHex(fields[2].strip());
            }
        }
        throw new IllegalArgumentException("session " + sessionId + " not found in " + sessionsFile);
    }

    private static Path resolveFromHome(final Path path)
    {
        if (path.isAbsolute() || Files.exists(path))
        {
            return path;
        }
        return Path.of(System.getProperty("pushline.home", ".")).resolve(path);
    }

    private final class Printer implements PushlineClient.Listener
    {
        boolean loggedOn;
        boolean loggedOut;

        @Override
        public void onMessage(final int templateId, final DirectBuffer buffer, final int offset, final int length)
        {
            out.println(json.format(templateId, buffer, offset));
            switch (templateId)
            {
                case LogonAcceptedDecoder.TEMPLATE_ID -> loggedOn = true;
                case LogoutDecoder.TEMPLATE_ID -> loggedOut = true;
                case LogonRejectedDecoder.TEMPLATE_ID, TerminateDecoder.TEMPLATE_ID -> loggedOut = false;
                default ->
                {
                }
            }
        }

        @Override
        public void onDisconnected()
        {
            out.println(JsonLines.disconnected());
        }
    }
}
