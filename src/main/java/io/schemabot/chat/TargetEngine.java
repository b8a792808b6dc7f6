package io.schemabot.chat;

import io.schemabot.UserError;
import io.schemabot.config.Config;
import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.diff.DiffResult;
import io.schemabot.diff.SchemaDiff;
import io.schemabot.migrate.MigrationSource;
import io.schemabot.migrate.MigrationStatus;
import io.schemabot.migrate.Preflight;
import io.schemabot.migrate.PreflightReport;
import io.schemabot.migrate.ShadowServer;
import io.schemabot.migrate.StatusReader;
import io.schemabot.plan.DataChecks;
import io.schemabot.plan.Plan;
import io.schemabot.plan.Planner;
import io.schemabot.schema.SnapshotOptions;
import io.schemabot.source.SchemaSources;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/** The engine as the chat commands use it: one configured target at a time. */
public class TargetEngine {

    /** The drift of a target: production against its migrations at the applied version. */
    public record Drift(DiffResult diff, String fromLabel, String toLabel) {
    }

    public MigrationStatus status(Config.Target target) {
        return StatusReader.read(url(target), migrations(target, false));
    }

    public Drift diff(Config.Target target) {
        SchemaSources.Sides sides = sources(target).load(target.url(), "migrations:" + migrations(target, true).location());
        return new Drift(SchemaDiff.between(sides.from(), sides.to()), sides.fromLabel(), sides.toLabel());
    }

    public PreflightReport preflight(Config.Target target) {
        return new Preflight(migrations(target, true), shadow(target), options(target)).run(url(target));
    }

    /** The plan that removes the drift, with its data checks run read-only against the target. */
    public Plan hotfix(Config.Target target) {
        SchemaSources.Sides sides = sources(target).load(target.url(), "migrations:" + migrations(target, true).location());
        Plan plan = Planner.plan(SchemaDiff.between(sides.from(), sides.to()), sides.from(), sides.to());
        if (plan.checks().isEmpty()) {
            return plan;
        }
        try (Connection c = Connections.open(url(target))) {
            return plan.withChecks(DataChecks.run(c, plan.checks(), Duration.ofMinutes(2)));
        } catch (SQLException e) {
            throw new UserError("data checks on target '" + target.name() + "' failed: " + e.getMessage(), e);
        }
    }

    /** True when the target's database answers within two seconds (health probes must not hang). */
    public boolean reachable(Config.Target target) {
        DatabaseUrl url = url(target);
        java.util.Map<String, String> params = new java.util.HashMap<>(url.parameters());
        params.put("connectTimeout", "2");
        params.put("socketTimeout", "2");
        DatabaseUrl quick = new DatabaseUrl(url.host(), url.port(), url.database(), url.user(), url.password(), params);
        try (Connection c = Connections.open(quick)) {
            return c.isValid(2);
        } catch (RuntimeException | SQLException e) {
            return false;
        }
    }

    private SchemaSources sources(Config.Target target) {
        return new SchemaSources(options(target), shadow(target), target.historyTable());
    }

    private static SnapshotOptions options(Config.Target target) {
        return SnapshotOptions.defaults().withHistoryTable(target.historyTable());
    }

    private static ShadowServer shadow(Config.Target target) {
        return ShadowServer.fromOption(target.shadowUrl());
    }

    private static DatabaseUrl url(Config.Target target) {
        return DatabaseUrl.parse(target.url());
    }

    private static MigrationSource migrations(Config.Target target, boolean required) {
        if (target.migrations() == null && required) {
            throw new UserError("target '" + target.name() + "' has no migrations location; set targets."
                    + target.name() + ".migrations (e.g. filesystem:db/migration)");
        }
        return new MigrationSource(target.migrations(), target.historyTable());
    }
}
