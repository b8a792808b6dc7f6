package io.schemabot.plan;

import io.schemabot.diff.SchemaDiff;
import io.schemabot.schema.Snapshot;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.Incident;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A plan is data an executor can run step by step: settings, steps, the locks and conversions of each step. */
class PlanAsDataTest {
    @Test
    void incidentPlan_namesItsSettingsLocksAndConversions_andRunsStepByStepToTheTarget() throws Exception {
        try (TestDatabase prod = EmbeddedPg.createDatabase("data_prod"); TestDatabase expected = EmbeddedPg.createDatabase("data_exp")) {
            Plan plan = incidentPlan(prod, expected, 100);

            assertEquals(List.of("lock_timeout", "statement_timeout", "maintenance_work_mem", "work_mem",
                    "check_function_bodies"), plan.settings().stream().map(Plan.Setting::name).toList());
            assertEquals("SET LOCAL lock_timeout = '5s';", plan.settings().get(0).sql());
            List<Step.Conversion> conversions = plan.steps().stream().flatMap(s -> s.conversions().stream()).toList();
            // each converted column with the value it will hold, computed from the row before: what the proof checks
            assertTrue(conversions.contains(new Step.Conversion("public.documents", List.of("id", "parent_document_id"),
                    List.of("CAST((id::text) AS character varying(36))",
                            "CAST((parent_document_id::text) AS character varying(36))"), null)), conversions.toString());
            assertTrue(conversions.contains(new Step.Conversion("public.document_questions", List.of("document_id"),
                    List.of("CAST((document_id::text) AS character varying(36))"), null)), conversions.toString());
            Step documents = plan.steps().stream().filter(s -> s.conversions().stream()
                    .anyMatch(c -> c.table().equals("public.documents"))).findFirst().orElseThrow();
            assertTrue(documents.locks().contains(new Step.Lock("public.documents", Hazard.Kind.ACCESS_EXCLUSIVE_LOCK)),
                    documents.locks().toString());

            // what an executor does: its own transaction, the settings, then each step, knowing which one runs
            try (Connection c = prod.connect()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    for (Plan.Setting s : plan.settings()) {
                        st.execute(s.sql());
                    }
                    for (Step step : plan.steps()) {
                        st.execute(step.sql());
                    }
                }
                c.commit();
            }
            assertEquals(plan.targetFingerprint(), prod.snapshot().fingerprint());
        }
    }

    @Test
    void aFailingStepIsKnownByItsIndexAndLeavesNothingChanged() throws Exception {
        try (TestDatabase prod = EmbeddedPg.createDatabase("data_fail"); TestDatabase expected = EmbeddedPg.createDatabase("data_fail_exp")) {
            Plan plan = incidentPlan(prod, expected, 10);
            prod.exec("CREATE TABLE public.admin_activities (id int)"); // production moved: the CREATE step now fails
            int failed = -1;
            try (Connection c = prod.connect()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    for (int i = 0; i < plan.steps().size(); i++) {
                        failed = i;
                        st.execute(plan.steps().get(i).sql());
                    }
                    failed = -1;
                } catch (SQLException e) {
                    c.rollback();
                }
            }
            assertTrue(failed >= 0, "a step failed");
            assertTrue(plan.steps().get(failed).sql().contains("CREATE TABLE public.admin_activities"),
                    plan.steps().get(failed).title());
            assertEquals("uuid", prod.queryString("SELECT data_type FROM information_schema.columns"
                    + " WHERE table_name = 'documents' AND column_name = 'id'"), "rolled back: nothing changed");
        }
    }

    /** The incident's repair plan, with {@code documents} rows in production. */
    private static Plan incidentPlan(TestDatabase prod, TestDatabase expected, int documents) {
        prod.exec(Incident.PRODUCTION).exec(Incident.rows(documents));
        expected.exec(Incident.EXPECTED);
        Snapshot from = prod.snapshot();
        Snapshot to = expected.snapshot();
        return Planner.plan(SchemaDiff.between(from, to), from, to);
    }
}
