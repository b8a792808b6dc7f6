package io.schemabot.cli;

import io.schemabot.cli.output.DiffReport;
import io.schemabot.diff.DiffResult;
import io.schemabot.ops.Drift;
import io.schemabot.ops.DriftOp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show how the schema of FROM differs from TO (what would turn FROM into TO).",
                "Exit status: 0 no differences, 1 differences, 2 error."})
final class DiffCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--from", required = true, paramLabel = "SOURCE",
            description = "Database URL (postgres://..., jdbc:postgresql://...), file:snapshot.json or"
                    + " migrations:LOCATION[@VERSION] (default version: what the other side has applied, or none"
                    + " when it has no Flyway history).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "SOURCE", description = "As --from.")
    String to;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
    Format format;

    @Mixin
    SchemaOptions schemaOptions;

    @Mixin
    BaselineOption baseline;

    @Override
    public Integer call() throws Exception {
        Drift drift = new DriftOp(schemaOptions.sources(main.embedded(), baseline)).between(from, to);
        DiffResult diff = drift.diff();
        String fromLabel = drift.fromLabel();
        String toLabel = drift.toLabel();
        if (format == Format.json) {
            spec.commandLine().getOut().println(DiffReport.json(diff, fromLabel, toLabel, drift.ignoredGrantees()).toPrettyString());
        } else {
            spec.commandLine().getOut().print(DiffReport.text(diff, fromLabel, toLabel, drift.ignoredGrantees()));
        }
        return diff.isEmpty() ? 0 : 1;
    }
}
