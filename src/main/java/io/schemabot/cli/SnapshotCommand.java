package io.schemabot.cli;

import io.schemabot.schema.Snapshot;
import io.schemabot.schema.SnapshotJson;
import io.schemabot.cli.output.SnapshotText;
import io.schemabot.ops.SnapshotOp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Print a database's schema. JSON can later be a diff side: file:snapshot.json.")
final class SnapshotCommand implements Callable<Integer> {
    enum Format { json, text }

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "Database: postgres://user:pass@host:port/db or jdbc:postgresql://host:port/db?user=...")
    String url;

    @Option(names = "--format", defaultValue = "json", description = "json (default) or text.")
    Format format;

    @Mixin
    SchemaOptions schemaOptions;

    @Override
    public Integer call() {
        Snapshot snapshot = SnapshotOp.of(url, schemaOptions.snapshotOptions());
        spec.commandLine().getOut().print(format == Format.json ? SnapshotJson.write(snapshot) + "\n"
                : SnapshotText.render(snapshot));
        return 0;
    }
}
