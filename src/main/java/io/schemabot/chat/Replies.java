package io.schemabot.chat;

import io.schemabot.Plural;
import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.Change;
import io.schemabot.migrate.MigrationStatus;
import io.schemabot.migrate.PreflightReport;
import io.schemabot.ops.Drift;
import io.schemabot.plan.DataCheck;
import io.schemabot.plan.Hazard;
import io.schemabot.plan.Plan;
import io.schemabot.plan.Step;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns engine results into chat replies that an on-call engineer can read at a glance. */
final class Replies {
    private Replies() {
    }

    static Reply status(String target, MigrationStatus s) {
        String header = target + ": " + (!s.historyExists() ? "no Flyway history"
                : "version " + (s.currentVersion() == null ? "none" : s.currentVersion()))
                + (!s.migrationsRead() ? ", pending unknown (no migrations location given)"
                : s.pending().isEmpty() ? ", nothing pending" : ", " + s.pending().size() + " pending")
                + (s.healthy() ? "" : ", needs attention");
        Reply.Builder r = Reply.inChannel(header);
        List<String> fields = new ArrayList<>();
        fields.add("*Applied:* " + s.applied().size());
        fields.add("*Failed:* " + (s.failed().isEmpty() ? "none" : join(s.failed())));
        if (!s.alembicRevisions().isEmpty()) {
            fields.add("*Alembic:* " + String.join(", ", s.alembicRevisions()));
        }
        r.fields(fields);
        if (!s.historyExists()) {
            r.section("No Flyway history table `" + s.historyTable() + "`: Flyway has never migrated this database.");
        }
        if (!s.pending().isEmpty()) {
            StringBuilder pending = new StringBuilder("*Pending:*\n");
            s.pending().forEach(e -> pending.append("• V").append(e.version()).append(' ').append(e.description()).append('\n'));
            r.section(pending.toString().strip());
        }
        if (!s.problems().isEmpty()) {
            StringBuilder problems = new StringBuilder("*Problems:*\n");
            s.problems().forEach(p -> problems.append("• ").append(p.kind()).append(": ").append(p.message()).append('\n'));
            r.section(problems.toString().strip());
        }
        return r.context(s.database() + " · history table " + s.historyTable()).build();
    }

    static Reply diff(String target, Drift drift, String command) {
        int n = drift.diff().changes().size();
        Reply.Builder r = Reply.inChannel(target + ": " + (n == 0 ? "no drift" : Plural.count(n, "difference", "differences"))
                + " from its migrations");
        for (Map.Entry<String, List<Change>> group : drift.diff().changesByOwner().entrySet()) {
            StringBuilder lines = new StringBuilder("*").append(group.getKey()).append("*\n");
            group.getValue().forEach(c -> {
                lines.append("• ").append(arrow(c.describe())).append('\n');
                c.details().forEach(d -> lines.append("    ").append(io.schemabot.sql.Sql.oneLine(d)).append('\n'));
            });
            r.section(lines.toString().strip());
        }
        if (!drift.diff().incompatibilities().isEmpty()) {
            StringBuilder lines = new StringBuilder("*Foreign keys whose types do not match:*\n");
            drift.diff().incompatibilities().forEach(i -> lines.append("• ").append(i.describe()).append('\n'));
            r.section(lines.toString().strip());
        }
        if (!drift.diff().cosmetic().isEmpty()) {
            StringBuilder lines = new StringBuilder("*Cosmetic (not planned):*\n");
            drift.diff().cosmetic().forEach(c -> lines.append("• ").append(c.describe()).append('\n'));
            r.section(lines.toString().strip());
        }
        long more = drift.diff().changes().stream().filter(c -> c instanceof ObjectChange.PrivilegeExtra).count();
        if (more > 0) {
            r.section("*Production grants more than its migrations:* " + Plural.count(more, "privilege", "privileges")
                    + " (a security finding, not noise)");
        }
        ignoredGrantees(r, drift.ignoredGrantees());
        if (n > 0) {
            r.section("`" + command + " hotfix " + target + "` shows the SQL that removes this drift.");
        }
        return r.context(drift.fromLabel() + " → " + drift.toLabel()).build();
    }

    static Reply preflight(String target, PreflightReport report) {
        Reply.Builder r = Reply.inChannel(target + ": preflight — " + report.verdict());
        for (PreflightReport.MigrationOutcome m : report.migrations()) {
            StringBuilder text = new StringBuilder("*V").append(m.version()).append(' ').append(m.description()).append("*: ");
            if (m.skipped()) {
                r.section(text.append("not tried (an earlier migration failed)").toString());
                continue;
            }
            text.append(m.failsOnProductionData() ? "applies on the shadow in " + m.millis() + " ms, but *will fail on"
                    + " production data*" : m.ok() ? "ok in " + m.millis() + " ms" : "failed");
            for (PreflightReport.Failure f : m.failures()) {
                text.append("\n• `").append(f.sqlState()).append("` ").append(f.message())
                        .append(f.line() == null ? "" : " (" + m.script() + " line " + f.line() + ")");
                if (f.detail() != null) {
                    text.append("\n   ").append(f.detail());
                }
                f.explanations().forEach(e -> text.append("\n   ↳ because ").append(e));
            }
            Set<String> hazards = new LinkedHashSet<>();
            m.hazards().forEach(h -> hazards.add(h.kind() + ": " + h.reason()));
            hazards.forEach(h -> text.append("\n• ").append(h));
            m.dataChecks().forEach(c -> text.append("\n").append(icon(c.fails(), !c.unsettled()))
                    .append(c.check().description()).append(": ").append(c.outcome())
                    .append(c.millis() == null ? "" : " (" + c.millis() + " ms)"));
            r.section(text.toString());
        }
        if (!report.drift().isEmpty()) {
            r.section("*Drift behind it:*\n• " + arrow(String.join("\n• ", report.drift())));
        }
        String versions = "production PostgreSQL " + report.productionVersion() + " · shadow " + report.shadow();
        if (!report.sameMajorVersion()) {
            versions += " · different major versions: results may differ";
        }
        return r.context(versions + " · " + report.totalMillis() + " ms").build();
    }

    /** The hotfix reply, naming the roles whose grants the target's config leaves out. */
    static Reply hotfix(String target, Plan plan, List<String> ignoredGrantees) {
        Reply reply = hotfix(target, plan);
        if (ignoredGrantees.isEmpty()) {
            return reply;
        }
        Reply.Builder r = Reply.inChannel(reply.header());
        reply.blocks().forEach(r::block);
        return ignoredGrantees(r, ignoredGrantees).build();
    }

    /** One line naming the roles whose grants were left out, where there are any. */
    private static Reply.Builder ignoredGrantees(Reply.Builder r, List<String> roles) {
        if (!roles.isEmpty()) {
            r.section("Ignoring grants to: " + String.join(", ", roles.stream().sorted().toList()) + " (config)");
        }
        return r;
    }

    static Reply hotfix(String target, Plan plan) {
        if (plan.isEmpty()) {
            Reply.Builder nothing = Reply.inChannel(target + ": nothing to fix — the schema matches its migrations");
            leftAsIs(nothing, plan);
            return nothing.build();
        }
        Reply.Builder r = Reply.inChannel(target + ": hotfix plan " + plan.hash().substring(0, 12) + " ("
                + plan.phases() + ")");
        Set<Hazard.Kind> kinds = plan.hazardKinds();
        r.fields(List.of("*Hazards:* " + (kinds.isEmpty() ? "none" : String.join(", ", kinds.stream().map(Enum::name).toList())),
                "*Needs explicit consent:* " + (plan.needsExplicitConsent() ? "yes (" + (plan.isBlocked() ? "BLOCKING" : "DATA_LOSS") + ")" : "no")));
        StringBuilder steps = new StringBuilder("*Steps:*\n");
        int n = 0;
        for (Step step : plan.steps()) {
            steps.append(++n).append(". ").append(step.title()).append('\n');
            step.hazards().stream().filter(h -> h.kind() != Hazard.Kind.ACCESS_EXCLUSIVE_LOCK)
                    .forEach(h -> steps.append("    ").append(h.kind()).append(": ").append(arrow(h.reason())).append('\n'));
        }
        r.section(steps.toString().strip());
        if (!plan.checks().isEmpty()) {
            StringBuilder checks = new StringBuilder("*Data checks (read-only, on " + target + "):*\n");
            for (DataCheck c : plan.checks()) {
                checks.append(icon(c.ran() && !c.passed(), c.ran())).append(c.description()).append(": ")
                        .append(c.outcome()).append('\n');
            }
            r.section(checks.toString().strip());
        }
        leftAsIs(r, plan);
        r.code("hotfix-" + target + "-" + plan.hash().substring(0, 12) + ".sql", plan.sql());
        return r.context("plan " + plan.hash() + " · from schema " + plan.baseFingerprint().substring(0, 12)).build();
    }

    /** What the plan leaves as it is on purpose, so that nobody takes it for something missed. */
    private static void leftAsIs(Reply.Builder r, Plan plan) {
        if (!plan.notes().isEmpty()) {
            r.section("*Left as is:*\n• " + String.join("\n• ", plan.notes()));
        }
    }

    /** A data check's mark: found rows that fail, passed, or could not tell. */
    private static String icon(boolean failed, boolean settled) {
        return failed ? "❌ " : settled ? "✅ " : "❔ ";
    }

    /** Chat shows changes as "uuid → character varying(36)"; the arrow needs no escaping in Slack. */
    private static String arrow(String text) {
        return text.replace(" -> ", " → ");
    }

    private static String join(List<MigrationStatus.Entry> entries) {
        return String.join(", ", entries.stream().map(e -> "V" + e.version()).toList());
    }
}
