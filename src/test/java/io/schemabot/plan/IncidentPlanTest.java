package io.schemabot.plan;

import io.schemabot.diff.DiffResult;
import io.schemabot.diff.SchemaDiff;
import io.schemabot.schema.Snapshot;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.Incident;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The incident's repair, done by the planner: production's uuid keys become varchar(36), data intact. */
class IncidentPlanTest {
    private static final String CHECKSUM = "SELECT md5(string_agg(id::text || '/' || coalesce(parent_document_id::text, '-'),"
            + " ',' ORDER BY id::text)) FROM documents";

    @Test
    void plan_convertsUuidKeysToVarcharAndKeepsForeignKeysAndEveryRow() throws Exception {
        try (TestDatabase prod = EmbeddedPg.createDatabase("inc_prod"); TestDatabase expected = EmbeddedPg.createDatabase("inc_exp")) {
            prod.exec(Incident.PRODUCTION).exec(Incident.rows(10_000));
            expected.exec(Incident.EXPECTED);
            long documents = prod.queryLong("SELECT count(*) FROM documents");
            long questions = prod.queryLong("SELECT count(*) FROM document_questions");
            String before = text(prod, CHECKSUM);

            Snapshot from = prod.snapshot();
            Snapshot to = expected.snapshot();
            Plan plan = Planner.plan(SchemaDiff.between(from, to), from, to);
            String sql = plan.sql();

            assertTrue(sql.startsWith("-- schemabot plan") && sql.contains("\nBEGIN;\nSET LOCAL lock_timeout = '5s';\n"
                    + "SET LOCAL statement_timeout = '15min';\n"), sql);
            // the keys come back NOT VALID inside the transaction and are validated after COMMIT, outside its locks
            String transaction = sql.substring(0, sql.indexOf("\nCOMMIT;\n"));
            String afterCommit = sql.substring(sql.indexOf("\nCOMMIT;\n"));
            assertTrue(afterCommit.endsWith("\nALTER TABLE public.documents VALIDATE CONSTRAINT"
                    + " documents_parent_document_id_fkey;\n"), sql);
            assertTrue(afterCommit.contains("\nALTER TABLE public.document_questions VALIDATE CONSTRAINT"
                    + " document_questions_document_id_fkey;\n"), sql);
            assertFalse(afterCommit.contains("SET LOCAL"), "after COMMIT there is no transaction to be local to");
            assertTrue(afterCommit.contains("\nSET lock_timeout = '5s';\n"), sql);
            assertEquals("11 steps: 9 in one transaction, 2 after COMMIT", plan.phases());
            assertEquals(1, count(sql, "ALTER TABLE public.documents\n"), "documents is altered (and rewritten) once:\n" + sql);
            assertTrue(sql.contains("ALTER COLUMN id TYPE character varying(36) USING id::text,\n"
                    + "    ALTER COLUMN parent_document_id TYPE character varying(36) USING parent_document_id::text;"), sql);
            assertTrue(sql.indexOf("DROP CONSTRAINT document_questions_document_id_fkey")
                    < sql.indexOf("ALTER TABLE public.documents\n"), "foreign keys go first");
            assertTrue(transaction.indexOf("ADD CONSTRAINT document_questions_document_id_fkey FOREIGN KEY (document_id)"
                    + " REFERENCES public.documents(id) ON DELETE CASCADE NOT VALID;")
                    > transaction.indexOf("ALTER TABLE public.document_questions\n"), sql);
            assertTrue(transaction.contains("ADD CONSTRAINT documents_parent_document_id_fkey FOREIGN KEY (parent_document_id)"
                    + " REFERENCES public.documents(id) ON DELETE SET NULL NOT VALID;"), sql);
            assertTrue(sql.contains("CREATE TABLE public.admin_activities"), sql);
            assertEquals(List.of(Hazard.Kind.TABLE_REWRITE, Hazard.Kind.ACCESS_EXCLUSIVE_LOCK, Hazard.Kind.FAILS_ON_DATA),
                    List.copyOf(plan.hazardKinds()));
            assertFalse(plan.needsExplicitConsent());
            assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.TABLE_REWRITE
                    && h.reason().contains("public.documents (~10,000 rows")), plan.hazards().toString());

            List<DataCheck> checks;
            try (Connection c = prod.connect()) {
                checks = DataChecks.run(c, plan.checks(), Duration.ofSeconds(30));
            }
            assertEquals(3, checks.size(), checks.toString());
            assertTrue(checks.stream().allMatch(DataCheck::passed), checks.toString());

            PlanRoundTrip.apply(prod, plan);
            assertTrue(SchemaDiff.between(prod.snapshot(), to).isEmpty());
            assertEquals(documents, prod.queryLong("SELECT count(*) FROM documents"));
            assertEquals(questions, prod.queryLong("SELECT count(*) FROM document_questions"));
            assertEquals(before, text(prod, CHECKSUM), "every id and parent id survives as text");
            assertEquals("n", text(prod, "SELECT confdeltype FROM pg_constraint WHERE conname = 'documents_parent_document_id_fkey'"));
            assertEquals("c", text(prod, "SELECT confdeltype FROM pg_constraint WHERE conname = 'document_questions_document_id_fkey'"));
        }
    }

    @Test
    void andBack_aDataCheckReportsTheValueThatIsNotAUuidBeforeAnythingFails() throws Exception {
        String varcharSide = Incident.EXPECTED.replace("CREATE TABLE admin_activities (id bigserial PRIMARY KEY, actor text NOT NULL, at timestamptz DEFAULT now());", "");
        try (TestDatabase db = EmbeddedPg.createDatabase("inc_back"); TestDatabase uuidSide = EmbeddedPg.createDatabase("inc_uuid")) {
            db.exec(varcharSide).exec("""
                    INSERT INTO documents (id, title) SELECT md5(i::text)::uuid::text, 'doc' FROM generate_series(1, 1000) i;
                    INSERT INTO documents (id, title) VALUES ('not-a-uuid', 'typo');
                    INSERT INTO document_questions (document_id, question) VALUES ('not-a-uuid', 'q');""");
            uuidSide.exec(Incident.PRODUCTION);
            Snapshot from = db.snapshot();
            Snapshot to = uuidSide.snapshot();
            DiffResult diff = SchemaDiff.between(from, to);
            Plan plan = Planner.plan(diff, from, to);
            assertTrue(plan.sql().contains("ALTER COLUMN id TYPE uuid USING id::uuid"), plan.sql());
            List<DataCheck> checks;
            try (Connection c = db.connect()) {
                checks = DataChecks.run(c, plan.checks(), Duration.ofSeconds(30));
            }
            DataCheck ids = checks.stream().filter(c -> c.object().equals("public.documents.id")).findFirst().orElseThrow();
            assertEquals(1L, ids.violations());
            assertEquals("not-a-uuid", ids.example());
            assertEquals("1 row would fail, e.g. not-a-uuid", ids.outcome());

            String schemaBefore = from.fingerprint();
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                SQLException failure = assertThrows(SQLException.class, () -> st.execute(plan.sql()));
                assertEquals("22P02", failure.getSQLState(), failure.getMessage());
            }
            assertEquals(schemaBefore, db.snapshot().fingerprint(), "one transaction: nothing changed");
        }
    }

    @Test
    void sameInputsGiveByteIdenticalSqlAndTheHashBindsTheBaseSchema() {
        try (TestDatabase prod = EmbeddedPg.createDatabase("inc_det"); TestDatabase expected = EmbeddedPg.createDatabase("inc_det2")) {
            prod.exec(Incident.PRODUCTION);
            expected.exec(Incident.EXPECTED);
            Plan first = Planner.plan(SchemaDiff.between(prod.snapshot(), expected.snapshot()), prod.snapshot(), expected.snapshot());
            Plan second = Planner.plan(SchemaDiff.between(prod.snapshot(), expected.snapshot()), prod.snapshot(), expected.snapshot());
            assertEquals(first.sql(), second.sql());
            assertEquals(first.hash(), second.hash());
            assertEquals(64, first.hash().length());
            Plan otherBase = new Plan(first.steps(), first.checks(), "0".repeat(64), first.targetFingerprint(), first.options());
            assertFalse(first.hash().equals(otherBase.hash()), "the same SQL on another schema is another plan");
        }
    }

    private static int count(String text, String needle) {
        return (int) Pattern.compile(Pattern.quote(needle)).matcher(text).results().count();
    }

    private static String text(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
