package io.schemabot.cli;

import io.schemabot.cli.output.MigrateReports;
import io.schemabot.migrate.MigrationSource;
import io.schemabot.migrate.MigrationStatus;
import io.schemabot.ops.SchemaSources;
import io.schemabot.ops.StatusOp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Flyway history of a database against its migration files (read-only), and Alembic's revision.",
                "Exit status: 0 healthy, 1 failed migrations or problems (checksum, missing file...), 2 error."})
final class StatusCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The database.")
    String url;

    @Option(names = "--migrations", paramLabel = "LOCATION",
            description = "Flyway location of the migration files: filesystem:path or classpath:path.")
    String migrations;

    @Option(names = "--table", paramLabel = "NAME", description = "Flyway's history table (default flyway_schema_history).")
    String table;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
    Format format;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    /** Declared so that it parses; Main reads it from the arguments, since progress begins before the command. */
    @Option(names = "--quiet", description = "No progress on stderr, even on a terminal (none is shown elsewhere).")
    boolean quiet;

    @Override
    public Integer call() {
        MigrationStatus status = StatusOp.of(SchemaSources.parseUrl(url), new MigrationSource(migrations, table));
        spec.commandLine().getOut().print(format == Format.json
                ? MigrateReports.statusJson(status).toPrettyString() + "\n" : MigrateReports.statusText(status));
        return status.healthy() ? 0 : 1;
    }
}
