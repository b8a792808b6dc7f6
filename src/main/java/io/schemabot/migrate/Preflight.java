package io.schemabot.migrate;

import io.schemabot.schema.LiveSchema;
import io.schemabot.Plural;
import io.schemabot.Progress;
import io.schemabot.UserError;
import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.diff.DiffResult;
import io.schemabot.diff.SchemaDiff;
import io.schemabot.plan.Plan;
import io.schemabot.plan.Planner;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.SnapshotOptions;
import io.schemabot.schema.Table;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a target's pending migrations to a schema-only clone of it, one by one, so that the errors a deploy
 * would hit are seen before the deploy. Each failure comes with PostgreSQL's SQLSTATE, message, detail and
 * statement, and with the drift that explains it; each success with the hazards it would bring to production
 * and the data checks of its changes, run read-only against production's rows.
 */
public final class Preflight {
    private static final java.util.regex.Pattern NOT_IN_TRANSACTION = java.util.regex.Pattern.compile(
            "(?i)\\bCONCURRENTLY\\b|^\\s*(VACUUM|CREATE\\s+DATABASE|DROP\\s+DATABASE|ALTER\\s+SYSTEM)\\b");
    private final MigrationSource source;
    private final ShadowServer server;
    private final SnapshotOptions options;
    private final Duration checkTimeout;
    private final String baselineVersion;

    /** {@code checkTimeout} bounds each data check that runs against the target. */
    public Preflight(MigrationSource source, ShadowServer server, SnapshotOptions options, Duration checkTimeout) {
        this(source, server, options, checkTimeout, null);
    }

    /** {@code baselineVersion}: Flyway's, where one is set; what a database without history is expected to be. */
    public Preflight(MigrationSource source, ShadowServer server, SnapshotOptions options, Duration checkTimeout,
                     String baselineVersion) {
        this.source = source;
        this.server = server;
        this.options = options;
        this.checkTimeout = checkTimeout;
        ExpectedSchema.requireVersion(baselineVersion);
        this.baselineVersion = baselineVersion;
    }

    public PreflightReport run(DatabaseUrl target) {
        if (!source.hasLocation()) {
            throw new UserError("preflight needs --migrations LOCATION (filesystem:path or classpath:path)");
        }
        long started = System.nanoTime();
        Progress.report("reading the Flyway history and the schema of " + target.describe());
        MigrationStatus status = StatusReader.read(target, source);
        Snapshot production = LiveSchema.read(target, SchemaCloner.withHistory(options));
        Progress.report("building what the applied migrations make, in a shadow database");
        // one catalog read: the clone needs the history table, the drift must not see it
        Snapshot productionSchema = production.withoutTable(io.schemabot.sql.Sql.dotted(source.historyTable()));
        Snapshot expected = ExpectedSchema.build(source,
                ExpectedSchema.expectedVersion(status.currentVersion(), baselineVersion), server, options);
        DiffResult drift = SchemaDiff.between(productionSchema, expected);
        List<PreflightReport.MigrationOutcome> outcomes = new ArrayList<>();
        String shadowVersion;
        try (ShadowDatabase clone = server.create()) {
            Progress.report("cloning the schema of " + target.describe() + " into a shadow database");
            SchemaCloner.cloneInto(production, target, clone.url(), source.historyTable());
            shadowVersion = server.serverVersion();
            if (!PreflightReport.sameMajor(production.serverVersion(), shadowVersion)) {
                drift = VersionNeutralDrift.of(drift,
                        SchemaDiff.between(LiveSchema.read(clone.url(), options), expected));
            }
            ProductionChecks checks = new ProductionChecks(target, checkTimeout);
            boolean failed = false;
            int n = 0;
            for (MigrationStatus.Entry pending : status.pending()) {
                n++;
                if (failed) {
                    outcomes.add(new PreflightReport.MigrationOutcome(pending.version(), pending.description(),
                            pending.script(), false, 0, List.of(), List.of(), List.of(), true));
                    continue;
                }
                Progress.report("V" + pending.version() + " (" + n + " of " + status.pending().size() + ") on the clone");
                PreflightReport.MigrationOutcome outcome = apply(clone, pending, drift, productionSchema, checks);
                outcomes.add(outcome);
                failed = !outcome.ok();
            }
        } catch (SQLException e) {
            throw new UserError("cloning " + target.describe() + " into a shadow database failed: " + e.getMessage(), e);
        }
        return new PreflightReport(target.describe(), production.serverVersion(), server.describe(), shadowVersion,
                status.currentVersion(), PreflightReport.driftLines(drift), outcomes,
                (System.nanoTime() - started) / 1_000_000);
    }

    private PreflightReport.MigrationOutcome apply(ShadowDatabase clone, MigrationStatus.Entry migration,
                                                   DiffResult drift, Snapshot production,
                                                   ProductionChecks checks) {
        Snapshot before = LiveSchema.read(clone.url(), options);
        long t0 = System.nanoTime();
        try {
            source.flyway(clone.url(), migration.version()).migrate();
        } catch (FlywayException e) {
            long millis = (System.nanoTime() - t0) / 1_000_000;
            List<PreflightReport.Failure> failures = diagnose(clone.url(), migration, drift);
            if (failures.isEmpty()) {
                failures = List.of(fromException(e, drift));
            }
            return new PreflightReport.MigrationOutcome(migration.version(), migration.description(),
                    migration.script(), false, millis, failures, List.of(), List.of(), false);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Snapshot after = LiveSchema.read(clone.url(), options);
        DiffResult made = SchemaDiff.between(before, after);
        Plan plan = Planner.plan(made, withStats(before, production), after);
        if (!plan.checks().isEmpty()) {
            Progress.report("V" + migration.version() + ": " + Plural.count(plan.checks().size(), "data check", "data checks")
                    + " on production");
        }
        List<PreflightReport.DataCheckResult> data = checks.run(migration.version(),
                source.script(migration.script()), plan.checks(), made);
        return new PreflightReport.MigrationOutcome(migration.version(), migration.description(), migration.script(),
                true, millis, List.of(), plan.hazards(), data, false);
    }

    /**
     * Runs the failed migration's statements one at a time, each under a savepoint, in a transaction that is
     * rolled back: every failing statement is found, not only the first.
     */
    private List<PreflightReport.Failure> diagnose(DatabaseUrl db, MigrationStatus.Entry migration, DiffResult drift) {
        List<PreflightReport.Failure> failures = new ArrayList<>();
        String script = source.script(migration.script()).orElse(null);
        if (script == null) {
            return failures;
        }
        try (Connection c = Connections.open(db); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (SqlStatements.Statement statement : SqlStatements.split(script)) {
                if (NOT_IN_TRANSACTION.matcher(statement.sql()).find()) {
                    continue; // cannot be replayed inside the diagnosis transaction; Flyway's own error covers it
                }
                Savepoint sp = c.setSavepoint();
                try {
                    st.execute(statement.sql());
                    c.releaseSavepoint(sp);
                } catch (SQLException e) {
                    c.rollback(sp);
                    failures.add(failure(e, statement.sql(), statement.line(), drift));
                }
            }
            c.rollback();
        } catch (SQLException e) {
            return failures;
        }
        return failures;
    }

    private static PreflightReport.Failure fromException(FlywayException e, DiffResult drift) {
        Throwable t = e;
        while (t != null && !(t instanceof SQLException)) {
            t = t.getCause();
        }
        if (t instanceof SQLException sql) {
            return failure(sql, null, null, drift);
        }
        return new PreflightReport.Failure(null, StatusReader.firstLine(e.getMessage()), null, null, null, List.of());
    }

    private static PreflightReport.Failure failure(SQLException e, String statement, Integer line, DiffResult drift) {
        String message = e.getMessage();
        String detail = null;
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage server = p.getServerErrorMessage();
            message = server.getMessage();
            detail = server.getDetail();
        }
        return new PreflightReport.Failure(e.getSQLState(), message, detail, statement, line,
                DriftExplainer.explain(e.getSQLState(), message, detail, statement, drift));
    }

    /** The shadow holds no rows: judge rewrites and locks by production's table sizes. */
    private static Snapshot withStats(Snapshot shadow, Snapshot production) {
        List<Table> tables = shadow.tables().stream().map(t -> production.table(t.qualifiedName())
                .map(p -> new Table(t.schema(), t.name(), t.partitioned(), t.unlogged(), t.partitionKey(),
                        t.partitionOf(), t.partitionBound(), t.inherits(), t.columns(), t.constraints(), t.comment(),
                        t.rowSecurity(), t.forceRowSecurity(), t.options(), t.accessMethod(), t.tablespace(),
                        t.replicaIdentity(), t.triggerStates(), p.stats()))
                .orElse(t)).toList();
        return shadow.withTables(tables).withServerVersion(production.serverVersion());
    }
}
