package io.schemabot.cli;

import io.schemabot.Durations;
import io.schemabot.UserError;
import io.schemabot.cli.output.PlanReport;
import io.schemabot.ops.HotfixOp;
import io.schemabot.plan.Plan;
import io.schemabot.plan.PlanOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Write the SQL that turns FROM into TO: ordered, in one transaction, with hazards and"
                + " read-only data checks run against FROM.", "Exit status: 0 nothing to do, 1 a plan, 2 error."})
final class PlanCommand implements Callable<Integer> {
    enum Format { sql, text, json }

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--from", required = true, paramLabel = "SOURCE",
            description = "The database to change (data checks run here), or file:snapshot.json.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "SOURCE", description = "The schema it should have: a database, file:snapshot.json or"
                    + " migrations:LOCATION[@VERSION].")
    String to;

    @Option(names = "--format", defaultValue = "text",
            description = "sql (the script only, for psql -v ON_ERROR_STOP=1 -f -), text (default) or json.")
    Format format;

    @Option(names = "--time-zone", defaultValue = "UTC", paramLabel = "ZONE",
            description = "Where a conversion between timestamp and timestamptz (or date, time) reads wall-clock"
                    + " times: SET LOCAL TimeZone (default UTC).")
    String timeZone;

    @Option(names = "--lock-timeout", defaultValue = "5s", paramLabel = "DURATION",
            description = "SET LOCAL lock_timeout (default 5s).")
    String lockTimeout;

    @Option(names = "--statement-timeout", defaultValue = "15min", paramLabel = "DURATION",
            description = "SET LOCAL statement_timeout (default 15min).")
    String statementTimeout;

    @Mixin
    SchemaOptions schemaOptions;

    @Mixin
    BaselineOption baseline;

    @Override
    public Integer call() {
        Duration statement = Durations.parse(statementTimeout);
        // Checked before anything connects: bad input changes nothing and costs no connection.
        PlanOptions options = PlanOptions.defaults().withTimeouts(Durations.parse(lockTimeout), statement)
                .withTimeZone(zone(timeZone));
        // a data check may run as long as one statement of the plan would
        Plan plan = new HotfixOp(schemaOptions.sources(main.embedded(), baseline), options, statement).plan(from, to, null);
        String out = switch (format) {
            case sql -> plan.isEmpty() ? "-- nothing to do: the schemas match\n" + plan.noteLines() : plan.sql();
            case text -> PlanReport.text(plan);
            case json -> PlanReport.json(plan).toPrettyString() + "\n";
        };
        spec.commandLine().getOut().print(out);
        if (format == Format.sql) {
            // the script alone goes to stdout; what the checks found must still reach whoever pipes it to psql
            plan.checks().stream().filter(c -> c.ran() && !c.passed() || c.error() != null).forEach(c ->
                    spec.commandLine().getErr().println("schemabot: data check: " + c.description() + ": "
                            + c.outcome()));
        }
        return plan.isEmpty() ? 0 : 1;
    }

    private static String zone(String name) {
        try {
            java.time.ZoneId.of(name);
            return name;
        } catch (java.time.DateTimeException e) {
            throw new UserError("--time-zone: '" + name + "' is not a time zone; use a name such as UTC or"
                    + " Europe/Berlin");
        }
    }
}
