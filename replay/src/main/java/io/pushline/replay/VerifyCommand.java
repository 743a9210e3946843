package io.pushline.replay;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.pushline.protocol.Envelope;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code replay verify}: re-run the input journal and compare with the output journal; exit 1 at a divergence.
 */
@Command(name = "verify", description = "Re-run the input journal through a fresh engine with the recorded "
    + "configuration and compare every report with the output journal.")
final class VerifyCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JOURNAL_DIR", description = "the engine's journal directory")
    private Path directory;

    @Option(names = "--snapshots", paramLabel = "DIR",
        description = "snapshot directory, used when the input journal does not start at 1 " +
            "(default: JOURNAL_DIR/snapshots)")
    private Path snapshots;

    @Option(names = "--skip-checksums", description = "do not check record CRCs (faster; a damaged record then shows "
        + "as a divergence or a malformed message instead)")
    private boolean skipChecksums;

    @Mixin
    private EngineOptions engine;

    @Mixin
    private ProgressOption progress;

    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final JournalVerifier.Result result = new JournalVerifier(directory,
            engine.engineContext(directory, spec.commandLine().getErr()),
            snapshots != null ? snapshots : directory.resolve("snapshots"), !skipChecksums, progress.mode).run();
        if (result.snapshot() != null)
        {
            out.println("started from snapshot " + result.snapshot() + " (after command " + result.startSequence() +
                ")");
        }
        if (result.identical())
        {
            final double seconds = result.elapsedNs() / 1e9;
            out.printf("identical: %d records (%d commands re-run, %d reports compared) in %.3f s: %.0f commands/s," +
                " %.0f records/s of both journals%n", result.commands(), result.commands(), result.reports(), seconds,
                result.commands() / seconds, (result.commands() + result.reports()) / seconds);
            return 0;
        }
        print(out, result, new MessageFormatter(SchemaCatalog.instance()));
        return ReplayMain.EXIT_FAILED;
    }

    static void print(final PrintWriter out, final JournalVerifier.Result result, final MessageFormatter formatter)
    {
        switch (result.outcome())
        {
            case MISSING_IN_JOURNAL:
                out.printf("DIVERGENCE: the output journal ends after %d identical reports; the re-run produced " +
                    "another (command %d):%n", result.reports(), commandOf(result.actual()));
                printFields(out, formatter, null, result.actual());
                break;
            case DIFFERENT:
                if (result.actual() == null)
                {
                    out.printf("DIVERGENCE: the output journal holds report %d beyond the re-run's %d reports " +
                        "(after %d commands):%n", result.expectedSequence(), result.reports(), result.commands());
                }
                else
                {
                    out.printf("DIVERGENCE at report %d (command %d), after %d identical reports:%n",
                        result.expectedSequence(), commandOf(result.actual()), result.reports());
                }
                printFields(out, formatter, result.expected(), result.actual());
                break;
            default:
                out.println("DIVERGENCE: " + result.outcome());
                break;
        }
    }

    private static long commandOf(final byte[] message)
    {
        return message == null || message.length < Envelope.HEADER_LENGTH + Envelope.ENVELOPE_LENGTH ? 0 :
            Envelope.sequence(new UnsafeBuffer(message), 0);
    }

    private static void printFields(
        final PrintWriter out, final MessageFormatter formatter, final byte[] expected, final byte[] actual)
    {
        final List<MessageFormatter.Field> recorded = expected == null ? List.of() :
            formatter.fields(new UnsafeBuffer(expected), 0, expected.length);
        final List<MessageFormatter.Field> rerun = actual == null ? List.of() :
            formatter.fields(new UnsafeBuffer(actual), 0, actual.length);
        out.printf("  %-16s %-28s %-28s%n", "field", "recorded (output journal)", "re-run");
        for (int i = 0; i < Math.max(recorded.size(), rerun.size()); i++)
        {
            final MessageFormatter.Field a = i < recorded.size() ? recorded.get(i) : null;
            final MessageFormatter.Field b = i < rerun.size() ? rerun.get(i) : null;
            final String name = a != null ? a.name() : b.name();
            final String left = a == null ? "-" : a.value();
            final String right = b == null ? "-" : b.value();
            out.printf("%s %-16s %-28s %-28s%n", left.equals(right) ? " " : "*", name, left, right);
        }
        if (expected != null && actual != null)
        {
            out.printf("  (%d bytes recorded, %d bytes re-run)%n", expected.length, actual.length);
        }
    }
}
