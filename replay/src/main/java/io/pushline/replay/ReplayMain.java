package io.pushline.replay;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.pushline.config.ConfigException;
import io.pushline.journal.JournalCorruptException;
import io.pushline.journal.JournalException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code replay} command line: {@code dump}, {@code stats}, {@code verify}, {@code publish}, {@code state} and
 * {@code generate} over an engine's journal directory. Exit status: 0 ok, 1 divergence or bad input (the message names
 * the file, offset or sequence), 2 usage.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    version = "pushline replay 0.1",
    description = "Read, verify, re-publish and rebuild state from the engine's recorded journals.",
    subcommands = {
        DumpCommand.class, StatsCommand.class, VerifyCommand.class, PublishCommand.class, StateCommand.class,
        GenerateCommand.class, CommandLine.HelpCommand.class })
public final class ReplayMain implements Runnable
{
    /** Exit status of a run that found a divergence or bad input. */
    public static final int EXIT_FAILED = 1;
    /** Exit status of a command line that does not parse. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(run(System.out, System.err, args));
    }

    /**
     * Run a command line with output to the given streams.
     *
     * @param stdout normal output.
     * @param stderr errors and progress.
     * @param args   command line.
     * @return exit status.
     */
    public static int run(final PrintStream stdout, final PrintStream stderr, final String... args)
    {
        final PrintWriter out = new PrintWriter(new BufferedWriter(
            new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16), false);
        final PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        final CommandLine commandLine = new CommandLine(new ReplayMain())
            .setOut(out)
            .setErr(err)
            .setExecutionExceptionHandler((ex, cmd, parseResult) ->
            {
                out.flush();
                cmd.getErr().println("replay " + cmd.getCommandName() + ": " + describe(ex));
                if (!isExpected(ex))
                {
                    ex.printStackTrace(cmd.getErr());
                }
                return ex instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_FAILED;
            });
        try
        {
            return commandLine.execute(args);
        }
        finally
        {
            out.flush();
            err.flush();
        }
    }

    static boolean isExpected(final Throwable ex)
    {
        return ex instanceof ReplayException || ex instanceof JournalException || ex instanceof ConfigException ||
            ex instanceof UncheckedIOException || ex instanceof IllegalArgumentException;
    }

    static String describe(final Throwable ex)
    {
        if (ex instanceof JournalCorruptException)
        {
            return "corrupt journal: " + ex.getMessage();
        }
        if (isExpected(ex))
        {
            return ex.getMessage();
        }
        return "internal error: " + ex;
    }
}
