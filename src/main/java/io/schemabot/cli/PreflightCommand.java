package io.schemabot.cli;

import io.schemabot.cli.output.MigrateReports;
import io.schemabot.migrate.MigrationSource;
import io.schemabot.migrate.PreflightReport;
import io.schemabot.migrate.ShadowServer;
import io.schemabot.ops.PreflightOp;
import io.schemabot.ops.SchemaSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = {"Apply the pending migrations to a schema-only clone of the database (its Flyway history"
                + " included) in a shadow database, one by one, and report what fails and why.",
                "Exit status: 0 all pending migrations apply, 1 one fails, 2 error."})
final class PreflightCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The database to check (only read).")
    String url;

    @Option(names = "--migrations", required = true, paramLabel = "LOCATION",
            description = "Flyway location of the migration files: filesystem:path or classpath:path.")
    String migrations;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
    Format format;

    @Mixin
    SchemaOptions schemaOptions;

    @Override
    public Integer call() {
        MigrationSource source = new MigrationSource(migrations, schemaOptions.historyTable);
        ShadowServer shadow = schemaOptions.shadow(main.embedded());
        PreflightReport report = PreflightOp.of(SchemaSources.parseUrl(url), source, shadow,
                schemaOptions.snapshotOptions());
        spec.commandLine().getOut().print(format == Format.json
                ? MigrateReports.preflightJson(report).toPrettyString() + "\n" : MigrateReports.preflightText(report));
        return report.passed() ? 0 : 1;
    }
}
