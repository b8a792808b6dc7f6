package io.schemabot.ops;

import io.schemabot.Plural;
import io.schemabot.Progress;
import io.schemabot.UserError;
import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.plan.DataChecks;
import io.schemabot.plan.Plan;
import io.schemabot.plan.PlanOptions;
import io.schemabot.plan.Planner;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The hotfix verb: the plan that turns FROM into TO, with its data checks run read-only against FROM when FROM
 * is a live database. Chat and the command line both plan through here; only where the settings come from differs
 * (the config's {@code plan} section, or flags).
 */
public final class HotfixOp {
    private final SchemaSources sources;
    private final PlanOptions options;
    private final Duration checkTimeout;

    public HotfixOp(SchemaSources sources, PlanOptions options, Duration checkTimeout) {
        this.sources = sources;
        this.options = options;
        this.checkTimeout = checkTimeout;
    }

    /** {@code checkedAt} names FROM in the message of a data check that cannot run. */
    public Plan plan(String from, String to, String checkedAt) {
        SchemaSources.Sides sides = sources.load(from, to);
        Plan plan = Planner.plan(sides.diff(), sides.comparedFrom(), sides.comparedTo(), options);
        if (plan.checks().isEmpty() || !SchemaSources.isDatabase(from)) {
            return plan;
        }
        DatabaseUrl url = SchemaSources.parseUrl(from);
        Progress.report("running " + Plural.count(plan.checks().size(), "data check", "data checks") + " on "
                + url.describe());
        try (Connection c = Connections.open(url, checkTimeout)) {
            return plan.withChecks(DataChecks.run(c, plan.checks(), checkTimeout));
        } catch (SQLException e) {
            throw new UserError("data checks on " + (checkedAt == null ? url.describe() : checkedAt) + " failed: "
                    + e.getMessage(), e);
        }
    }
}
