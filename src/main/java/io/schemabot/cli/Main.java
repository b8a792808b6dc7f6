package io.schemabot.cli;

import io.schemabot.Progress;
import io.schemabot.UserError;
import io.schemabot.Version;
import io.schemabot.secret.Redactor;
import io.schemabot.db.EmbeddedServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The command line: {@code java -jar target/schemabot.jar <command> ...}. */
@Command(name = "schemabot", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Keeps PostgreSQL schema migrations safe in production.",
        subcommands = {StatusCommand.class, SnapshotCommand.class, DiffCommand.class, PlanCommand.class,
                PreflightCommand.class, ServeCommand.class, DemoCommand.class, AuditCommand.class, ReportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    /** Exit status for bad usage, unreachable databases and unreadable files, as diff(1) uses it. */
    public static final int ERROR = 2;

    /** The embedded PostgreSQL for shadow databases and the demo; it starts only if a command needs it. */
    private final EmbeddedServer embedded;

    private Main(EmbeddedServer embedded) {
        this.embedded = embedded;
    }

    EmbeddedServer embedded() {
        return embedded;
    }

    public static void main(String[] args) {
        int status;
        try (EmbeddedServer embedded = new EmbeddedServer()) {
            status = run(args, System.out, System.err, embedded);
        }
        System.exit(status);
    }

    /** Runs one command and returns its exit status; tests share one embedded server across many runs. */
    public static int run(String[] args, PrintStream out, PrintStream err, EmbeddedServer embedded) {
        return run(args, out, err, embedded, TerminalProgress.stderrIsTerminal());
    }

    /** {@code terminal}: whether stderr is a terminal, where long work shows its phase unless --quiet. */
    static int run(String[] args, PrintStream out, PrintStream err, EmbeddedServer embedded, boolean terminal) {
        boolean debug = Arrays.asList(args).contains("--debug");
        boolean quiet = Arrays.asList(args).contains("--quiet");
        // UTF-8 whatever the machine's locale: names are written into SQL, and a '?' for a letter changes them
        Writer errText = Redactor.forArguments(args).wrap(new OutputStreamWriter(err, StandardCharsets.UTF_8));
        // the progress line writes to stderr itself; everything else clears it first, so no line starts behind it
        TerminalProgress progress = new TerminalProgress(new PrintWriter(errText, true));
        PrintWriter errWriter = new PrintWriter(progress.guard(errText), true);
        PrintWriter outWriter = new PrintWriter(progress.guard(new OutputStreamWriter(out, StandardCharsets.UTF_8)), true);
        CommandLine cli = new CommandLine(new Main(embedded))
                .setOut(outWriter)
                .setErr(errWriter)
                .setParameterExceptionHandler((e, badArgs) -> usageError(e, errWriter))
                .setExecutionExceptionHandler((e, cmd, parsed) -> report(e, errWriter, debug));
        cli.getCommandSpec().exitCodeOnInvalidInput(ERROR);
        // 80 columns where there is no terminal to ask; a wider terminal gets its whole width
        cli.setUsageHelpAutoWidth(true);
        int status;
        try (Progress shown = Progress.to(terminal && !quiet ? progress : phase -> { })) {
            status = cli.execute(args);
        } finally {
            progress.clear();
        }
        outWriter.flush();
        errWriter.flush();
        if (outWriter.checkError() || out.checkError()) {
            errWriter.println("schemabot: could not write the output (disk full, or the reader went away)");
            errWriter.flush();
            return ERROR;
        }
        return status;
    }

    /** One line for a usage mistake and where to read more, instead of the whole usage text. */
    private static int usageError(CommandLine.ParameterException e, PrintWriter err) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        err.println("schemabot: " + e.getMessage() + " (see " + command + " --help)");
        return ERROR;
    }

    private static int report(Exception e, PrintWriter err, boolean debug) {
        if (e instanceof io.schemabot.config.ConfigException c) {
            c.problems().forEach(p -> err.println("schemabot: config: " + p));
            return ERROR;
        }
        if (e instanceof UserError || e instanceof IllegalArgumentException) {
            err.println("schemabot: " + Redactor.urls(e.getMessage()));
        } else {
            err.println("schemabot: unexpected " + e.getClass().getSimpleName() + ": "
                    + Redactor.urls(String.valueOf(e.getMessage()))
                    + (debug ? "" : " (run again with --debug for details)"));
        }
        if (debug) {
            e.printStackTrace(err);
        }
        return ERROR;
    }
}
