package io.schemabot.cli;

import io.schemabot.db.EmbeddedServer;
import io.schemabot.migrate.ShadowServer;
import io.schemabot.schema.SnapshotOptions;
import io.schemabot.ops.SchemaSources;
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

    /** Declared so that it parses; Main reads it from the arguments, since progress begins before the command. */
    @Option(names = "--quiet", description = "No progress on stderr, even on a terminal (none is shown elsewhere).")
    boolean quiet;

    @Option(names = "--shadow-url", paramLabel = "URL",
            description = "Server for shadow databases (migrations: sources, preflight); default: embedded PostgreSQL."
                    + " Best the same major version as production.")
    String shadowUrl;

    @Option(names = "--table", paramLabel = "NAME", description = "Flyway's history table (default flyway_schema_history).")
    String historyTable;

    @Option(names = "--ignore-grantee", paramLabel = "ROLE", split = ",",
            description = "Leave grants to this role out of the comparison (repeat or comma-separate): roles that"
                    + " exist on one side only, which migrations cannot create.")
    List<String> ignoredGrantees = new ArrayList<>();

    SnapshotOptions snapshotOptions() {
        return SnapshotOptions.defaults().withSchemas(schemas).withHistoryTable(historyTable)
                .withIgnoredGrantees(ignoredGrantees);
    }

    ShadowServer shadow(EmbeddedServer embedded) {
        return ShadowServer.fromOption(shadowUrl, embedded);
    }

    SchemaSources sources(EmbeddedServer embedded, BaselineOption baseline) {
        return new SchemaSources(snapshotOptions(), shadow(embedded), historyTable, baseline.version);
    }
}
