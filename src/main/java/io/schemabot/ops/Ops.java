package io.schemabot.ops;

import io.schemabot.UserError;
import io.schemabot.config.Config;
import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.db.EmbeddedServer;
import io.schemabot.migrate.MigrationSource;
import io.schemabot.migrate.MigrationStatus;
import io.schemabot.migrate.PreflightReport;
import io.schemabot.migrate.ShadowServer;
import io.schemabot.plan.Plan;
import io.schemabot.plan.PlanOptions;
import io.schemabot.schema.SnapshotOptions;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The verbs on a configured target, as chat, health checks and the demo use them: each resolves the target
 * (its URL, migrations, shadow server, history table, the config's plan settings) and calls its verb class.
 */
public final class Ops {
    private final EmbeddedServer embedded;
    private final Config.Planning planning;

    public Ops(EmbeddedServer embedded, Config.Planning planning) {
        this.embedded = embedded;
        this.planning = planning;
    }

    public MigrationStatus status(Config.Target target) {
        return StatusOp.of(DatabaseUrl.parse(target.url()), migrations(target, false));
    }

    /** Production against its migrations at the version its history says is applied. */
    public Drift drift(Config.Target target) {
        return new DriftOp(sources(target)).between(target.url(), migrationsSource(target));
    }

    public PreflightReport preflight(Config.Target target) {
        MigrationSource migrations = migrations(target, true);
        ShadowServer shadow = shadow(target);
        return PreflightOp.of(DatabaseUrl.parse(target.url()), migrations, shadow, options(target),
                planning.checkTimeout(), target.baselineVersion());
    }

    /** The plan that removes the drift, with its data checks run read-only against the target. */
    public Plan hotfix(Config.Target target) {
        return hotfix(target, planning.lockTimeout(), planning.statementTimeout());
    }

    /** The plan with these SET LOCAL timeouts: a request's plan runs under the execute settings it is approved with. */
    public Plan hotfix(Config.Target target, java.time.Duration lockTimeout, java.time.Duration statementTimeout) {
        PlanOptions options = PlanOptions.defaults().withTimeouts(lockTimeout, statementTimeout);
        return new HotfixOp(sources(target), options, planning.checkTimeout())
                .plan(target.url(), migrationsSource(target), "target '" + target.name() + "'");
    }

    /** True when the target's database answers within two seconds (health probes must not hang). */
    public boolean reachable(Config.Target target) {
        DatabaseUrl url = DatabaseUrl.parse(target.url());
        Map<String, String> params = new HashMap<>(url.parameters());
        params.put("connectTimeout", "2");
        params.put("loginTimeout", "2");
        params.put("socketTimeout", "2");
        DatabaseUrl quick = new DatabaseUrl(url.host(), url.port(), url.database(), url.user(), url.password(), params);
        try (Connection c = Connections.open(quick)) {
            return c.isValid(2);
        } catch (RuntimeException | SQLException e) {
            return false;
        }
    }

    private String migrationsSource(Config.Target target) {
        return "migrations:" + migrations(target, true).location();
    }

    private SchemaSources sources(Config.Target target) {
        return new SchemaSources(options(target), shadow(target), target.historyTable(), target.baselineVersion());
    }

    private static SnapshotOptions options(Config.Target target) {
        return SnapshotOptions.defaults().withHistoryTable(target.historyTable())
                .withIgnoredGrantees(target.ignoredGrantees());
    }

    private ShadowServer shadow(Config.Target target) {
        return ShadowServer.fromOption(target.shadowUrl(), embedded);
    }

    private static MigrationSource migrations(Config.Target target, boolean required) {
        if (target.migrations() == null && required) {
            throw new UserError("target '" + target.name() + "' has no migrations location; set targets."
                    + target.name() + ".migrations (e.g. filesystem:db/migration)");
        }
        return new MigrationSource(target.migrations(), target.historyTable());
    }
}
