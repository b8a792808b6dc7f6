package io.schemabot.plan;

import io.schemabot.Durations;
import io.schemabot.sql.Sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ordered steps that turn the FROM schema (whose fingerprint is {@code baseFingerprint}) into TO, rendered as one
 * transaction and, after its COMMIT, the steps that only validate what it added NOT VALID. {@link #hash()} binds an
 * approval to exactly this SQL, both phases, on exactly that schema. {@code notes} name differences the plan leaves
 * as they are on purpose (see {@link LeftAsIs}); they are comments of the script, and a plan of notes alone is empty.
 */
public record Plan(List<Step> steps, List<DataCheck> checks, String baseFingerprint, String targetFingerprint,
                   PlanOptions options, List<String> notes) {

    public Plan {
        // the transaction's steps first, then those after COMMIT, each in the order it was planned
        steps = java.util.stream.Stream.concat(steps.stream().filter(st -> !st.afterCommit()),
                steps.stream().filter(Step::afterCommit)).toList();
        checks = List.copyOf(checks);
        notes = List.copyOf(notes);
    }

    public Plan(List<Step> steps, List<DataCheck> checks, String baseFingerprint, String targetFingerprint,
                PlanOptions options) {
        this(steps, checks, baseFingerprint, targetFingerprint, options, List.of());
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public List<Hazard> hazards() {
        return steps.stream().flatMap(s -> s.hazards().stream()).toList();
    }

    /** The hazard kinds present, in their declared order. */
    public Set<Hazard.Kind> hazardKinds() {
        Set<Hazard.Kind> kinds = new LinkedHashSet<>();
        for (Hazard.Kind k : Hazard.Kind.values()) {
            if (hazards().stream().anyMatch(h -> h.kind() == k)) {
                kinds.add(k);
            }
        }
        return kinds;
    }

    public boolean hasDataLoss() {
        return hazardKinds().contains(Hazard.Kind.DATA_LOSS);
    }

    public boolean isBlocked() {
        return hazardKinds().contains(Hazard.Kind.BLOCKING);
    }

    /** DATA_LOSS or BLOCKING: executing it needs an explicit flag. */
    public boolean needsExplicitConsent() {
        return hazardKinds().stream().anyMatch(Hazard.Kind::needsExplicitConsent);
    }

    /** A session setting the plan runs under, applied with SET LOCAL so it ends with the transaction. */
    public record Setting(String name, String value) {
        public String sql() {
            return "SET LOCAL " + name + " = " + value + ";";
        }

        /** For the session, outside any transaction: what the steps after COMMIT run under. */
        public String sessionSql() {
            return "SET " + name + " = " + value + ";";
        }
    }

    /**
     * The settings, in the order the script applies them: how long to wait for a lock and to run, memory for
     * sorts and index builds, and no function body checks (bodies may name tables that later steps create, as
     * pg_dump's output does).
     */
    public List<Setting> settings() {
        return List.of(new Setting("lock_timeout", Sql.literal(Durations.postgres(options.lockTimeout()))),
                new Setting("statement_timeout", Sql.literal(Durations.postgres(options.statementTimeout()))),
                new Setting("maintenance_work_mem", Sql.literal(options.maintenanceWorkMem())),
                new Setting("work_mem", Sql.literal(options.workMem())),
                new Setting("check_function_bodies", "off"));
    }

    /** "9 steps in one transaction", or "11 steps: 9 in one transaction, 2 after COMMIT". */
    public String phases() {
        int after = afterCommit().size();
        return after == 0 ? steps.size() + (steps.size() == 1 ? " step" : " steps") + " in one transaction"
                : steps.size() + " steps: " + (steps.size() - after) + " in one transaction, " + after + " after COMMIT";
    }

    /** The steps of the transaction, in order. */
    public List<Step> inTransaction() {
        return steps.stream().filter(s -> !s.afterCommit()).toList();
    }

    /** The steps that run after COMMIT, each on its own, in order. */
    public List<Step> afterCommit() {
        return steps.stream().filter(Step::afterCommit).toList();
    }

    /**
     * The session settings the steps after COMMIT run under: the same lock and statement timeouts (their locks let
     * reads and writes go on, but still queue behind DDL, so they must not wait forever).
     */
    public List<Setting> afterCommitSettings() {
        return settings().stream().filter(s -> s.name().equals("lock_timeout") || s.name().equals("statement_timeout"))
                .toList();
    }

    /** The executable script, derived from the settings and steps: byte-identical for equal inputs. */
    public String sql() {
        StringBuilder sql = new StringBuilder();
        sql.append("-- schemabot plan: ").append(steps.size()).append(steps.size() == 1 ? " step" : " steps")
                .append(", from schema ").append(baseFingerprint, 0, Math.min(12, baseFingerprint.length()))
                .append('\n');
        sql.append(noteLines());
        sql.append("BEGIN;\n");
        settings().forEach(s -> sql.append(s.sql()).append('\n'));
        int n = 0;
        for (Step step : inTransaction()) {
            render(sql, ++n, step);
        }
        sql.append("\nCOMMIT;\n");
        if (!afterCommit().isEmpty()) {
            sql.append("\n-- after COMMIT, each on its own: validate what the transaction added NOT VALID (rows written\n"
                    + "-- since are already checked); these locks let reads and writes go on\n");
            afterCommitSettings().forEach(s -> sql.append(s.sessionSql()).append('\n'));
            for (Step step : afterCommit()) {
                render(sql, ++n, step);
            }
        }
        return sql.toString();
    }

    private static void render(StringBuilder sql, int number, Step step) {
        sql.append("\n-- ").append(number).append(". ").append(step.title()).append('\n');
        for (Hazard h : step.hazards()) {
            sql.append("--    ").append(h.kind()).append(": ").append(h.reason()).append('\n');
        }
        // what the executor's proof holds each converted value to: part of the script, so part of what is approved
        for (Step.Conversion c : step.conversions()) {
            for (int i = 0; i < c.columns().size(); i++) {
                if (!c.values().get(i).equals(c.columns().get(i)) || c.timeZone() != null) {
                    sql.append("--    PROOF: ").append(c.table()).append('.').append(c.columns().get(i))
                            .append(" must read as ").append(Sql.oneLine(c.values().get(i)))
                            .append(c.timeZone() == null ? "" : " in time zone " + Sql.literal(c.timeZone()))
                            .append('\n');
                }
            }
        }
        sql.append(step.sql()).append('\n');
    }

    /** SHA-256 over the script and the fingerprint of the schema it was made from. */
    public String hash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(sql().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(baseFingerprint.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One SQL comment line per note, "-- left as is: ..."; nothing for a plan without notes, so its hash stays. */
    public String noteLines() {
        StringBuilder lines = new StringBuilder();
        notes.forEach(n -> lines.append("-- left as is: ").append(Sql.oneLine(n)).append('\n'));
        return lines.toString();
    }

    public Plan withChecks(List<DataCheck> ranChecks) {
        return new Plan(steps, ranChecks, baseFingerprint, targetFingerprint, options, notes);
    }

    public Plan withNotes(List<String> leftAsIs) {
        return new Plan(steps, checks, baseFingerprint, targetFingerprint, options, leftAsIs);
    }
}
