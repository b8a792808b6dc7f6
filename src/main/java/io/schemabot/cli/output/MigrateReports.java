package io.schemabot.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemabot.migrate.MigrationStatus;
import io.schemabot.migrate.PreflightReport;
import io.schemabot.plan.Hazard;

import java.util.LinkedHashSet;
import java.util.Set;

/** Text and JSON for {@link MigrationStatus} and {@link PreflightReport}. */
public final class MigrateReports {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private MigrateReports() {
    }

    public static String statusText(MigrationStatus s) {
        StringBuilder out = new StringBuilder("Migration status of ").append(s.database()).append('\n');
        if (!s.historyExists()) {
            out.append("No Flyway history table ").append(s.historyTable()).append(": Flyway has never migrated this")
                    .append(" database (or it uses another table: --table NAME).\n");
        } else {
            out.append("Current version: ").append(s.currentVersion() == null ? "none" : s.currentVersion())
                    .append(" (history table ").append(s.historyTable()).append(")\n");
            out.append("Applied: ").append(s.applied().size()).append('\n');
            for (MigrationStatus.Entry e : s.applied()) {
                out.append(String.format("  %-6s %-40s %s by %s%s%n", label(e), e.description(),
                        e.installedOn() == null ? "" : e.installedOn().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                        e.installedBy(), Boolean.FALSE.equals(e.success()) ? "  FAILED" : ""));
            }
        }
        out.append("Pending: ").append(!s.migrationsRead() ? "unknown, no migrations location given"
                : s.pending().isEmpty() ? "none" : s.pending().size()).append('\n');
        s.pending().forEach(e -> out.append(String.format("  %-6s %s%n", label(e), e.description())));
        if (!s.failed().isEmpty()) {
            out.append("Failed: ").append(s.failed().size()).append('\n');
        }
        if (s.problems().isEmpty()) {
            out.append("Problems: none\n");
        } else {
            out.append("Problems:\n");
            s.problems().forEach(p -> out.append("  ").append(p.kind()).append(": ").append(p.message()).append('\n'));
        }
        if (!s.alembicRevisions().isEmpty()) {
            out.append("Alembic revision: ").append(String.join(", ", s.alembicRevisions())).append('\n');
        }
        return out.toString();
    }

    private static String label(MigrationStatus.Entry e) {
        return e.version() == null ? "R" : "V" + e.version();
    }

    public static ObjectNode statusJson(MigrationStatus s) {
        ObjectNode node = MAPPER.valueToTree(s);
        node.put("healthy", s.healthy());
        return node;
    }

    public static String preflightText(PreflightReport r) {
        StringBuilder out = new StringBuilder("Preflight of ").append(r.target()).append(": ");
        out.append(r.verdict()).append('\n');
        out.append("Production PostgreSQL ").append(r.productionVersion()).append("; shadow: ").append(r.shadow());
        if (!r.sameMajorVersion()) {
            out.append(" (different major version: results may differ; use --shadow-url)");
        }
        out.append('\n');
        out.append("Applied version: ").append(r.currentVersion() == null ? "none" : r.currentVersion()).append('\n');
        if (r.drift().isEmpty()) {
            out.append("Drift: none (production matches its applied migrations)\n");
        } else {
            out.append("Drift between production and its applied migrations (").append(r.drift().size()).append("):\n");
            r.drift().forEach(d -> out.append("  ").append(d).append('\n'));
        }
        for (PreflightReport.MigrationOutcome m : r.migrations()) {
            out.append('\n').append('V').append(m.version()).append(' ').append(m.description()).append(": ");
            if (m.skipped()) {
                out.append("not tried (an earlier migration failed)\n");
                continue;
            }
            out.append(m.failsOnProductionData() ? "applies on the shadow" : m.ok() ? "ok" : "FAILED").append(" in ")
                    .append(m.millis()).append(" ms").append(m.failsOnProductionData() ? ", but WILL FAIL on production"
                            + " data" : "").append('\n');
            for (PreflightReport.Failure f : m.failures()) {
                out.append("  ").append(f.sqlState() == null ? "" : f.sqlState() + " ").append(f.message()).append('\n');
                if (f.detail() != null) {
                    out.append("    detail: ").append(f.detail()).append('\n');
                }
                if (f.statement() != null) {
                    out.append("    statement").append(f.line() == null ? "" : " (line " + f.line() + ")").append(": ")
                            .append(f.statement().replaceAll("\\s+", " ")).append('\n');
                }
                f.explanations().forEach(e -> out.append("    because: ").append(e).append('\n'));
            }
            Set<String> hazards = new LinkedHashSet<>();
            for (Hazard h : m.hazards()) {
                hazards.add(h.kind() + ": " + h.reason());
            }
            hazards.forEach(h -> out.append("  hazard ").append(h).append('\n'));
            for (PreflightReport.DataCheckResult c : m.dataChecks()) {
                out.append(c.fails() ? "  will fail on production data: " : "  data check: ")
                        .append(c.check().description()).append(": ").append(c.outcome())
                        .append(c.millis() == null ? "" : " (took " + c.millis() + " ms)").append('\n');
            }
        }
        out.append("\nTook ").append(r.totalMillis()).append(" ms.\n");
        return out.toString();
    }

    public static ObjectNode preflightJson(PreflightReport r) {
        ObjectNode node = MAPPER.valueToTree(r);
        node.put("passed", r.passed());
        node.put("sameMajorVersion", r.sameMajorVersion());
        for (int i = 0; i < r.migrations().size(); i++) {
            ((ObjectNode) node.get("migrations").get(i)).put("failsOnProductionData",
                    r.migrations().get(i).failsOnProductionData());
        }
        return node;
    }
}
