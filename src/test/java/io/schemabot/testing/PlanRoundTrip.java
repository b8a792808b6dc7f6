package io.schemabot.testing;

import io.schemabot.diff.DefinitionNormaliser;
import io.schemabot.diff.DiffResult;
import io.schemabot.diff.SchemaDiff;
import io.schemabot.plan.Plan;
import io.schemabot.plan.Planner;
import io.schemabot.schema.Snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The planner's contract: plan(A -> B) applied to A leaves no difference to B. */
public final class PlanRoundTrip {
    private PlanRoundTrip() {
    }

    /** Checks A -> B and B -> A. */
    public static void bothWays(String common, String a, String b) {
        oneWay(common, a, b);
        oneWay(common, b, a);
    }

    /** Builds A and B, applies plan(A -> B) to A and returns the plan that was applied. */
    public static Plan oneWay(String common, String a, String b) {
        return oneWay(common, a, b, (db, plan) -> {
        }, db -> {
        });
    }

    /**
     * Like {@link #oneWay(String, String, String)}, then hands A (with the plan applied) to {@code afterwards}, for
     * checks of what the diff does not see, such as a materialized view's data state.
     */
    public static Plan oneWay(String common, String a, String b, BiConsumer<TestDatabase, Plan> afterwards) {
        Plan[] applied = new Plan[1];
        return oneWay(common, a, b, (db, plan) -> applied[0] = plan, db -> afterwards.accept(db, applied[0]));
    }

    /**
     * Like {@link #oneWay(String, String, String)}, showing A with its plan to {@code before} while the plan is
     * not yet applied, and A to {@code after} once it is: for tests of what happens to the rows.
     */
    public static Plan oneWay(String common, String a, String b, BiConsumer<TestDatabase, Plan> before,
                              Consumer<TestDatabase> after) {
        try (TestDatabase from = EmbeddedPg.createDatabase("rt_from"); TestDatabase to = EmbeddedPg.createDatabase("rt_to")) {
            build(from, common, a);
            build(to, common, b);
            Snapshot target = to.snapshot();
            Snapshot source = from.snapshot();
            DiffResult diff = SchemaDiff.between(source, target);
            Plan plan = Planner.plan(diff, source, target);
            assertEquals(diff.isEmpty(), plan.isEmpty(), "a plan exists exactly when there are differences");
            // the last guard (Unplanned) must never be what answers a change: every kind has its own steps
            assertTrue(plan.hazards().stream().noneMatch(h -> h.reason().startsWith("no step of this plan makes")),
                    "changes no step makes: " + plan.hazards() + "\n" + plan.sql());
            before.accept(from, plan);
            LockClaims.check(from, plan, source);
            apply(from, plan);
            after.accept(from);
            // compared as the bot compares: texts that print otherwise but mean the same, asked of B's server
            Snapshot repaired = from.snapshot();
            Snapshot compared = DefinitionNormaliser.normalise(repaired, target, to.url());
            DiffResult left = DefinitionNormaliser.diff(repaired, target, compared, target);
            assertTrue(left.isEmpty(), "after the plan, still different: " + left.changes() + "\n" + plan.sql());
            Plan replan = Planner.plan(left, compared, target);
            assertTrue(replan.isEmpty(), "planning again on the repaired database: " + replan.sql());
            return plan;
        }
    }

    static void build(TestDatabase db, String common, String sql) {
        if (!common.isBlank()) {
            db.exec(common);
        }
        if (!sql.isBlank()) {
            db.exec(sql);
        }
    }

    /** Runs the script as psql would: one transaction, the first error aborts it. */
    public static void apply(TestDatabase db, Plan plan) {
        try (Connection c = io.schemabot.db.Connections.openForScripts(db.url()); Statement st = c.createStatement()) {
            st.execute(plan.sql());
        } catch (SQLException e) {
            fail("plan failed: " + e.getMessage() + "\n" + plan.sql());
        }
    }
}
