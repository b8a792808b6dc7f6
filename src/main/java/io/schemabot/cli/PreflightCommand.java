package io.schemabot.cli;

import io.schemabot.Durations;
import io.schemabot.UserError;
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

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = {"Apply the pending migrations to a schema-only clone of the database (its Flyway history"
                + " included) in a shadow database, one by one, and report what fails and why. The data checks of"
                + " each migration's changes run read-only against the database, whose rows the clone lacks.",
                "Exit status: 0 all pending migrations apply, 1 one fails (on the clone or on the database's"
                + " data), 2 error."})
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

    @Option(names = "--check-timeout", defaultValue = "2min", paramLabel = "DURATION",
            description = "Longest each data check may run against the database (default 2min); one that takes"
                    + " longer is reported as not checked.")
    String checkTimeout;

    @Mixin
    SchemaOptions schemaOptions;

    @Mixin
    BaselineOption baseline;

    @Override
    public Integer call() {
        // Checked before anything connects: bad input changes nothing and costs no connection.
        Duration timeout = Durations.parse(checkTimeout);
        if (timeout.isZero()) {
            throw new UserError("--check-timeout must be more than 0 (e.g. 30s); a data check without a limit could"
                    + " hold the database's connection for hours");
        }
        MigrationSource source = new MigrationSource(migrations, schemaOptions.historyTable);
        ShadowServer shadow = schemaOptions.shadow(main.embedded());
        PreflightReport report = PreflightOp.of(SchemaSources.parseUrl(url), source, shadow,
                schemaOptions.snapshotOptions(), timeout, baseline.version);
        spec.commandLine().getOut().print(format == Format.json
                ? MigrateReports.preflightJson(report).toPrettyString() + "\n" : MigrateReports.preflightText(report));
        return report.passed() ? 0 : 1;
    }
}
