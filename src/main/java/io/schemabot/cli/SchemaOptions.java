package io.schemabot.cli;

import io.schemabot.schema.SnapshotOptions;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** Options shared by the commands that read schemas. */
public final class SchemaOptions {
    @Option(names = "--schema", paramLabel = "NAME", split = ",",
            description = "Only these schemas (repeat or comma-separate). Default: every user schema.")
    List<String> schemas = new ArrayList<>();

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    SnapshotOptions snapshotOptions() {
        return SnapshotOptions.defaults().withSchemas(schemas);
    }
}
