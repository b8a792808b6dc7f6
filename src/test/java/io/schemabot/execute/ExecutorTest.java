package io.schemabot.execute;

import io.schemabot.db.DatabaseUrl;
import io.schemabot.plan.Hazard;
import io.schemabot.plan.Plan;
import io.schemabot.plan.Step;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import io.schemabot.diff.SchemaDiff;
import io.schemabot.plan.Planner;
import io.schemabot.schema.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Running an approved plan: once, only on the schema it was made for, and proven. */
class ExecutorTest {
    private final Executor executor = new Executor(IncidentTarget.settings(3), Pause.REAL);

    @Test
    void incidentAtTenThousandDocuments_succeeds_withEqualCountsAndChecksums_andNoDrift() {
        try (IncidentTarget t = IncidentTarget.with("exec_ok", 10_000)) {
            List<String> events = new ArrayList<>();
            Execution run = executor.run(t.prod().url(), t.plan(), null, null, recorder(events));

            assertEquals(Execution.Outcome.SUCCEEDED, run.outcome(), run.message());
            assertEquals(List.of("attempt 1", "succeeded"), events);
            Proof proof = run.proof();
            assertEquals(List.of(new Proof.TableRows("public.document_questions", 20_000L, 20_000L),
                    new Proof.TableRows("public.documents", 10_000L, 10_000L)), proof.tables());
            assertEquals(List.of("public.document_questions.document_id", "public.documents.id",
                    "public.documents.parent_document_id"), proof.columns().stream()
                    .map(c -> c.table() + "." + c.column()).toList());
            proof.columns().forEach(c -> assertTrue(c.equal() && c.before() != null, c.toString()));
            assertEquals("10000 values, sum", proof.columns().get(1).before().replaceFirst(" -?\\d+$", ""));
            assertEquals(Proof.NO_DRIFT, proof.driftAfter());
            assertTrue(proof.exclusiveLocksHeld().toNanos() > 0 && proof.exclusiveLocksHeld().compareTo(proof.total()) < 0,
                    proof.toString());
            assertEquals(t.plan().targetFingerprint(), t.fingerprint());
            assertEquals("character varying", t.idType());
            assertEquals(1, run.attempts().size());
        }
    }

    @Test
    void productionChangedAfterPlanning_isStale_andNothingRuns() {
        try (IncidentTarget t = IncidentTarget.with("exec_stale", 10)) {
            t.prod().exec("CREATE INDEX documents_title_idx ON documents (title)");
            String moved = t.fingerprint();
            List<String> events = new ArrayList<>();
            Execution run = executor.run(t.prod().url(), t.plan(), null, null, recorder(events));

            assertEquals(Execution.Outcome.STALE, run.outcome());
            assertEquals("production's schema moved since the plan was made (fingerprint " + moved.substring(0, 12)
                    + ", the plan was made from " + t.plan().baseFingerprint().substring(0, 12)
                    + "); nothing was run; propose again", run.message());
            assertEquals(List.of("failed"), events);
            assertEquals(moved, t.fingerprint());
            assertEquals("uuid", t.idType());
        }
    }

    @Test
    void flywayHistoryMovedSincePlanning_isStale_andNothingRuns() {
        try (IncidentTarget t = IncidentTarget.with("exec_flyway", 10)) {
            Execution run = executor.run(t.prod().url(), t.plan(), "1:123,2:456", () -> "1:123,2:456,3:789",
                    Listener.NONE);

            assertEquals(Execution.Outcome.STALE, run.outcome());
            assertEquals("production's Flyway history moved since the plan was made; nothing was run; propose again",
                    run.message());
            assertEquals("uuid", t.idType());
            assertEquals(Execution.Outcome.SUCCEEDED, executor.run(t.prod().url(), t.plan(), "1:123,2:456",
                    () -> "1:123,2:456", Listener.NONE).outcome(), "the same history runs");
        }
    }

    @Test
    void aDataCheckThatNowFails_refusesToRun() {
        try (TestDatabase prod = EmbeddedPg.createDatabase("exec_check");
             TestDatabase expected = EmbeddedPg.createDatabase("exec_check_exp")) {
            prod.exec("CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes VALUES (1, 'short')");
            expected.exec("CREATE TABLE notes (id int PRIMARY KEY, body varchar(10))");
            Snapshot from = prod.snapshot();
            Snapshot to = expected.snapshot();
            Plan plan = Planner.plan(SchemaDiff.between(from, to), from, to);
            prod.exec("INSERT INTO notes VALUES (2, 'far longer than ten')"); // data only: the schema is the same

            Execution run = executor.run(prod.url(), plan, null, null, Listener.NONE);

            assertEquals(Execution.Outcome.FAILED, run.outcome());
            assertEquals("data check now fails: values of public.notes.body longer than 10 characters: 1 row would"
                    + " fail, e.g. far longer than ten; nothing was run", run.message());
            assertEquals(from.fingerprint(), prod.snapshot().fingerprint());
        }
    }

    /**
     * A data-only load with triggers off (session_replication_role = replica, as pg_restore --data-only and logical
     * replication do) left a question whose document does not exist. No data check covers a key recreated as it was
     * (the old one was valid), so the repair commits, proven, and the key's validation after COMMIT finds the row:
     * the key stays NOT VALID (it checks new rows) and the run says a person must look.
     */
    @Test
    void anOrphanThatSlippedPastTheOldKey_failsItsValidationAfterCommit_andIsFlaggedForAPerson() {
        try (IncidentTarget t = IncidentTarget.with("exec_orphan", 100)) {
            t.prod().exec("SET session_replication_role = replica; INSERT INTO document_questions (document_id, question)"
                    + " VALUES ('00000000-0000-0000-0000-000000000001', 'orphan')");

            Execution run = executor.run(t.prod().url(), t.plan(), null, null, Listener.NONE);

            assertEquals(Execution.Outcome.FAILED, run.outcome());
            assertTrue(run.message().startsWith("executed in 1 attempt; rows and converted values unchanged and"
                    + " COMMITTED; but after COMMIT validate foreign key document_questions_document_id_fkey on"
                    + " public.document_questions (reads and writes go on) failed: SQLSTATE 23503"), run.message());
            assertTrue(run.message().contains("it stays NOT VALID (new rows are checked); a person must find the rows"
                    + " that break it (or wait for the lock), then run `ALTER TABLE public.document_questions VALIDATE"
                    + " CONSTRAINT document_questions_document_id_fkey;`"), run.message());
            List<Proof.Validation> validations = run.proof().validations();
            assertEquals(2, validations.size(), validations.toString());
            assertFalse(validations.get(0).passed());
            assertEquals("not run: an earlier validation failed", validations.get(1).failure());
            assertEquals("character varying", t.idType(), "the transaction committed");
            assertEquals("f", t.prod().queryString("SELECT convalidated FROM pg_constraint"
                    + " WHERE conname = 'document_questions_document_id_fkey'"));
            assertEquals(201, t.prod().queryLong("SELECT count(*) FROM document_questions"));
        }
    }

    /**
     * An execute role that may read but not change the schema (a misconfigured executeUrl): the first step fails,
     * the transaction rolls back, and the message names the step and the server's SQLSTATE, never the password.
     */
    @Test
    void aFailingStep_rollsBack_namesTheStepAndSqlState_andChangesNothing() {
        try (IncidentTarget granted = IncidentTarget.with("exec_fail", 100)) {
            granted.prod().exec("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'exec_reader') THEN"
                    + " CREATE ROLE exec_reader LOGIN PASSWORD 's3cret-Pa55'; END IF; END $$;"
                    + " GRANT SELECT ON ALL TABLES IN SCHEMA public TO exec_reader;");
            // grants are part of the schema: a plan made before them would be refused as stale
            IncidentTarget t = granted.replanned();
            DatabaseUrl url = t.prod().url();
            DatabaseUrl reader = new DatabaseUrl(url.host(), url.port(), url.database(), "exec_reader",
                    "s3cret-Pa55", url.parameters());
            Execution run = executor.run(reader, t.plan(), null, null, Listener.NONE);

            assertEquals(Execution.Outcome.FAILED, run.outcome());
            assertFalse(run.toString().contains("s3cret-Pa55"), run.toString());
            Execution.FailedStep step = run.failedStep();
            assertNotNull(step, run.message());
            assertEquals("42501", step.sqlState());
            assertEquals(1, step.number());
            assertEquals(t.plan().steps().get(0).title(), step.title());
            assertTrue(run.message().startsWith("step 1 (" + step.title() + ") failed: SQLSTATE 42501: permission"
                    + " denied for schema public"), run.message());
            assertTrue(run.message().endsWith("; rolled back, nothing changed"), run.message());
            assertNull(run.proof());
            assertEquals(t.plan().baseFingerprint(), t.fingerprint());
            assertEquals("uuid", t.idType());
        }
    }

    /** The last line of defence: a step that loses rows is rolled back before COMMIT, whatever it was approved as. */
    @Test
    void aStepThatLosesRows_failsTheProof_andIsRolledBack() {
        try (IncidentTarget t = IncidentTarget.with("exec_proof", 100)) {
            Step losing = new Step("tidy documents", "DELETE FROM document_questions WHERE id % 2 = 0;", List.of(),
                    List.of(), List.of(new Step.Conversion("public.document_questions", List.of("document_id"))));
            Plan plan = new Plan(List.of(losing), List.of(), t.plan().baseFingerprint(), t.plan().baseFingerprint(),
                    t.plan().options());

            Execution run = executor.run(t.prod().url(), plan, null, null, Listener.NONE);

            assertEquals(Execution.Outcome.FAILED, run.outcome());
            assertEquals("proof failed: public.document_questions had 200 rows before and 100 after; rolled back,"
                    + " nothing changed", run.message());
            assertEquals(new Proof.TableRows("public.document_questions", 200L, 100L), run.proof().tables().get(0));
            assertFalse(run.proof().columns().get(0).equal());
            assertEquals(200, t.prod().queryLong("SELECT count(*) FROM document_questions"));
        }
    }

    /** A deferred foreign key is checked at COMMIT: the server refuses it and production says what happened. */
    @Test
    void aCommitTheServerRefuses_isReportedAsRolledBack_fromProductionsSchema() {
        try (TestDatabase prod = EmbeddedPg.createDatabase("exec_commit")) {
            prod.exec("CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (a_id int REFERENCES a DEFERRABLE"
                    + " INITIALLY DEFERRED)");
            String base = prod.snapshot().fingerprint();
            Step orphan = new Step("insert into b", "INSERT INTO b VALUES (99);", List.of(), List.of());
            Plan plan = new Plan(List.of(orphan), List.of(), base, base, io.schemabot.plan.PlanOptions.defaults());

            Execution run = executor.run(prod.url(), plan, null, null, Listener.NONE);

            assertEquals(Execution.Outcome.FAILED, run.outcome());
            assertTrue(run.message().startsWith("COMMIT failed: SQLSTATE 23503: insert or update on table \"b\""
                    + " violates foreign key constraint"), run.message());
            assertTrue(run.message().endsWith("; production still has the schema the plan was made from: rolled back,"
                    + " nothing changed"), run.message());
            assertEquals(0, prod.queryLong("SELECT count(*) FROM b"));
        }
    }

    @Test
    void aPlanWithBlockingSteps_isNeverExecuted() {
        try (IncidentTarget t = IncidentTarget.with("exec_blocking", 10)) {
            Step manual = new Step("change the partition key of public.documents", "-- manual steps", List.of(),
                    List.of(new Hazard(Hazard.Kind.BLOCKING, "public.documents", "PostgreSQL cannot do this in place")));
            Plan plan = new Plan(List.of(manual), List.of(), t.plan().baseFingerprint(), t.plan().targetFingerprint(),
                    t.plan().options());

            Execution run = executor.run(t.prod().url(), plan, null, null, Listener.NONE);

            assertEquals(Execution.Outcome.FAILED, run.outcome());
            assertEquals("the plan has BLOCKING steps, which PostgreSQL cannot make safely: it is never executed;"
                    + " nothing was run", run.message());
            assertEquals(List.of(), run.attempts());
        }
    }

    private static Listener recorder(List<String> events) {
        return new Listener() {
            @Override
            public void attemptStarted(int number) {
                events.add("attempt " + number);
            }

            @Override
            public void succeeded(Execution execution) {
                events.add("succeeded");
            }

            @Override
            public void failed(Execution execution) {
                events.add("failed");
            }
        };
    }
}
