package io.schemabot.migrate;

import io.schemabot.UserError;
import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.DataCheck;
import io.schemabot.plan.DataChecks;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs the data checks of each pending migration's changes read-only against production, where the rows are
 * (the shadow is a schema-only clone: it cannot see them). Pending migrations run in order, so a check may name
 * a table or column that an earlier one creates: production has no such object, and the check says so instead
 * of running.
 */
final class ProductionChecks {
    private final DatabaseUrl production;
    private final Duration timeout;
    /** Tables, columns and sequences the pending migrations so far create, as checks name them. */
    private final List<Created> created = new ArrayList<>();
    /** The rows the pending migrations so far (this one included) write. */
    private final List<RowWrites> written = new ArrayList<>();

    /** An object a pending migration creates: a check names it when its SQL names all of {@code names}. */
    private record Created(List<Pattern> names, String version) {
        boolean namedIn(String sql) {
            return names.stream().allMatch(p -> p.matcher(sql).find());
        }
    }

    ProductionChecks(DatabaseUrl production, Duration timeout) {
        this.production = production;
        this.timeout = timeout;
    }

    /**
     * The checks of {@code version}'s changes, run in production; then remembers what {@code made} creates.
     * {@code script} is the migration's SQL, empty for a Java migration.
     */
    List<PreflightReport.DataCheckResult> run(String version, Optional<String> script, List<DataCheck> checks,
                                              DiffResult made) {
        written.add(RowWrites.of(version, script));
        List<PreflightReport.DataCheckResult> results = new ArrayList<>();
        if (!checks.isEmpty()) {
            try (Connection c = Connections.open(production, timeout)) {
                for (DataCheck check : checks) {
                    results.add(run(c, check));
                }
            } catch (SQLException e) {
                throw new UserError("data checks on " + production.describe() + " failed: " + e.getMessage(), e);
            }
        }
        remember(version, made);
        return results;
    }

    private PreflightReport.DataCheckResult run(Connection c, DataCheck check) throws SQLException {
        if (check.sql() == null) {
            return new PreflightReport.DataCheckResult(check, null, null); // this server's version cannot tell
        }
        Optional<String> creator = creator(check);
        if (creator.isPresent()) {
            return new PreflightReport.DataCheckResult(new DataCheck(check.object(), check.description(),
                    check.sql(), null, null, "created by V" + creator.get(), null), null, null);
        }
        // one at a time: each says how long it took (a check on a large table is a full scan)
        long started = System.nanoTime();
        DataCheck ran = DataChecks.run(c, List.of(check), timeout).get(0);
        String writer = written.stream().map(w -> w.touching(check.sql())).flatMap(Optional::stream).findFirst()
                .orElse(null);
        return new PreflightReport.DataCheckResult(ran, (System.nanoTime() - started) / 1_000_000, writer);
    }

    private Optional<String> creator(DataCheck check) {
        return created.stream().filter(c -> c.namedIn(check.sql())).map(Created::version).findFirst();
    }

    private void remember(String version, DiffResult made) {
        for (Change change : made.changes()) {
            if (change instanceof TableChange.TableAdded t) {
                created.add(new Created(List.of(named(t.table())), version));
            } else if (change instanceof ObjectChange.SequenceAdded s) {
                created.add(new Created(List.of(named(s.sequence())), version));
            } else if (change instanceof TableChange.ColumnAdded a) {
                // a new column counts where its table is named too: another table may have a column so called
                created.add(new Created(List.of(named(a.table()), named(a.column())), version));
            }
        }
    }

    /** The name as a whole word of SQL: {@code public.orders} is not in {@code public.orders_archive}. */
    static Pattern named(String name) {
        return Pattern.compile("(?<![\\w$\"])" + Pattern.quote(name) + "(?![\\w$\"])");
    }
}
