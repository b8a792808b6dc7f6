package io.schemabot.plan;

import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.schema.Policy;
import io.schemabot.schema.Rule;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.SnapshotJson;
import io.schemabot.cli.output.SnapshotText;
import io.schemabot.schema.Table;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.SchemaPair;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.schemabot.testing.PlanRoundTrip.bothWays;
import static io.schemabot.testing.PlanRoundTrip.oneWay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rewrite rules, row-level security policies and the ENABLE / FORCE ROW LEVEL SECURITY switches: read by the
 * snapshot, reported by the diff, and planned both ways, including around a column whose type changes (which
 * PostgreSQL refuses while a rule or policy uses it) and a view that is rebuilt (which takes its rules along).
 */
class RuleAndPolicyRoundTripTest {
    /** Roles are cluster-wide: created once, whichever test comes first. */
    private static final String ROLES = """
            DO $$BEGIN CREATE ROLE "Rls Reader"; EXCEPTION WHEN duplicate_object THEN NULL; END$$;
            DO $$BEGIN CREATE ROLE rls_writer; EXCEPTION WHEN duplicate_object THEN NULL; END$$""";
    private static final String LOGGED = "CREATE TABLE t (a int); CREATE TABLE log (a int)";
    private static final String RULE = "CREATE RULE r AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.a)";
    private static final String POLICY = "ALTER TABLE t ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON t USING (a > 0)";

    private static <T extends Change> List<T> changes(SchemaPair pair, Class<T> kind) {
        return pair.diff.changes().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    // ---- snapshot -----------------------------------------------------------------------------------

    @Test
    void snapshotReadsRulesPoliciesAndRowSecurityAndKeepsThemThroughJsonAndText() {
        try (TestDatabase db = EmbeddedPg.createDatabase("rules_read")) {
            db.exec(ROLES + ";" + """
                    CREATE SCHEMA "Odd";
                    CREATE TABLE "Odd"."Log" (a int);
                    CREATE TABLE "Odd"."T" ("A" int);
                    CREATE VIEW "Odd"."V" AS SELECT "A" FROM "Odd"."T";
                    CREATE RULE "Keep Log" AS ON INSERT TO "Odd"."T" DO ALSO INSERT INTO "Odd"."Log" VALUES (NEW."A");
                    CREATE RULE "Into T" AS ON INSERT TO "Odd"."V" DO INSTEAD INSERT INTO "Odd"."T" VALUES (NEW."A");
                    ALTER TABLE "Odd"."T" DISABLE RULE "Keep Log";
                    COMMENT ON RULE "Into T" ON "Odd"."V" IS 'writes through';
                    ALTER TABLE "Odd"."T" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
                    ALTER TABLE "Odd"."Log" FORCE ROW LEVEL SECURITY;
                    CREATE POLICY "Only Mine" ON "Odd"."T" AS RESTRICTIVE FOR UPDATE TO rls_writer, "Rls Reader"
                      USING ("A" > 0) WITH CHECK ("A" < 100);
                    CREATE POLICY everyone ON "Odd"."T" USING (true);
                    COMMENT ON POLICY everyone ON "Odd"."T" IS 'for now'""");
            Snapshot s = db.snapshot();
            Table t = s.table("\"Odd\".\"T\"").orElseThrow();
            assertTrue(t.rowSecurity() && t.forceRowSecurity());
            Table log = s.table("\"Odd\".\"Log\"").orElseThrow();
            assertTrue(!log.rowSecurity() && log.forceRowSecurity(), "FORCE is kept even while RLS is off");

            assertEquals(List.of("\"Keep Log\" ON \"Odd\".\"T\"", "\"Into T\" ON \"Odd\".\"V\""),
                    s.rules().stream().map(Rule::onTable).toList());
            assertEquals("D", s.rules().get(0).enabled());
            assertEquals("writes through", s.rules().get(1).comment());
            assertTrue(s.rules().get(0).definition().contains("INSERT INTO \"Odd\".\"Log\""), s.rules().get(0).definition());

            assertEquals(List.of(
                    "CREATE POLICY \"Only Mine\" ON \"Odd\".\"T\" AS RESTRICTIVE FOR UPDATE TO \"Rls Reader\", rls_writer"
                            + " USING ((\"A\" > 0)) WITH CHECK ((\"A\" < 100));",
                    "CREATE POLICY everyone ON \"Odd\".\"T\" AS PERMISSIVE FOR ALL TO PUBLIC USING (true);"),
                    s.policies().stream().map(Policy::definition).toList());
            assertEquals("for now", s.policies().get(1).comment());

            Snapshot back = SnapshotJson.parse(SnapshotJson.write(s), "test");
            assertEquals(s, back);
            assertEquals(s.fingerprint(), back.fingerprint());
            String text = SnapshotText.render(s);
            assertTrue(text.contains("table \"Odd\".\"T\" ROW LEVEL SECURITY (forced)"), text);
            assertTrue(text.contains("  CREATE POLICY everyone ON"), text);
            assertTrue(text.contains("  CREATE RULE \"Into T\" AS ON INSERT TO \"Odd\".\"V\""), text);
        }
    }

    @Test
    void aSchemaWithoutRulesOrPoliciesWritesTheSnapshotFileAsBefore() {
        try (TestDatabase db = EmbeddedPg.createDatabase("rules_none")) {
            String json = SnapshotJson.write(db.exec("CREATE TABLE t (a int)").snapshot());
            assertFalse(json.contains("\"rules\"") || json.contains("\"policies\"") || json.contains("RowSecurity"), json);
        }
    }

    // ---- diff ---------------------------------------------------------------------------------------

    @Test
    void diffNoticesARuleOnATableAndOnAView() {
        assertEquals(1, changes(SchemaPair.of(LOGGED, "", RULE), TableChange.RuleAdded.class).size());
        SchemaPair onView = SchemaPair.of("CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t", "",
                "CREATE RULE r AS ON INSERT TO v DO INSTEAD INSERT INTO t VALUES (NEW.a)");
        assertEquals("r ON public.v", changes(onView, TableChange.RuleAdded.class).get(0).object());
    }

    @Test
    void diffNoticesAPolicyAndTheRowSecuritySwitches() {
        SchemaPair policy = SchemaPair.of("CREATE TABLE t (a int); ALTER TABLE t ENABLE ROW LEVEL SECURITY", "",
                "CREATE POLICY p ON t USING (a > 0)");
        assertEquals(List.of("p ON public.t"), policy.diff.changes().stream().map(Change::object).toList());
        SchemaPair enabled = SchemaPair.of("CREATE TABLE t (a int)", "", "ALTER TABLE t ENABLE ROW LEVEL SECURITY");
        assertEquals("table public.t row level security: DISABLE ROW LEVEL SECURITY, NO FORCE ROW LEVEL SECURITY"
                + " -> ENABLE ROW LEVEL SECURITY, NO FORCE ROW LEVEL SECURITY",
                changes(enabled, TableChange.RowSecurityChanged.class).get(0).describe());
    }

    // ---- round trips --------------------------------------------------------------------------------

    @Test
    void rulesComeAndGoWithQuotedNamesAndTheirEnabledState() {
        bothWays("CREATE TABLE \"T t\" (a int); CREATE TABLE log (a int)", "",
                "CREATE RULE \"Log It\" AS ON INSERT TO \"T t\" DO ALSO INSERT INTO log VALUES (NEW.a);"
                        + "CREATE RULE \"select\" AS ON DELETE TO \"T t\" WHERE old.a > 1 DO INSTEAD NOTHING;"
                        + "ALTER TABLE \"T t\" DISABLE RULE \"select\";"
                        + "COMMENT ON RULE \"Log It\" ON \"T t\" IS 'audit'");
    }

    @Test
    void aChangedRuleIsReplaced() {
        bothWays(LOGGED, RULE, "CREATE RULE r AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.a + 1)");
        bothWays(LOGGED, RULE, RULE + "; ALTER TABLE t ENABLE ALWAYS RULE r");
    }

    @Test
    void ruleOnAViewComesAndGoes() {
        bothWays("CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t", "",
                "CREATE RULE r AS ON INSERT TO v DO INSTEAD INSERT INTO t VALUES (NEW.a)");
    }

    @Test
    void policiesComeGoAndChangeWithRolesAndQuotedNames() {
        String common = ROLES + "; CREATE TABLE \"T t\" (a int, b text); ALTER TABLE \"T t\" ENABLE ROW LEVEL SECURITY";
        String a = "CREATE POLICY \"Own Rows\" ON \"T t\" FOR SELECT TO \"Rls Reader\" USING (b = current_user)";
        bothWays(common, "", a + "; COMMENT ON POLICY \"Own Rows\" ON \"T t\" IS 'readers'");
        bothWays(common, a, "CREATE POLICY \"Own Rows\" ON \"T t\" AS RESTRICTIVE FOR UPDATE TO rls_writer, \"Rls Reader\""
                + " USING (b = current_user) WITH CHECK (a > 0)");
    }

    @Test
    void rowSecurityIsEnabledForcedAndSwitchedOff() {
        String common = "CREATE TABLE t (a int)";
        bothWays(common, "", "ALTER TABLE t ENABLE ROW LEVEL SECURITY");
        bothWays(common, "", "ALTER TABLE t ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY");
        bothWays(common, "ALTER TABLE t ENABLE ROW LEVEL SECURITY", "ALTER TABLE t FORCE ROW LEVEL SECURITY");
    }

    @Test
    void aNewTableComesWithItsRowSecurityPoliciesAndRules() {
        bothWays("CREATE TABLE log (a int)", "", "CREATE TABLE t (a int);" + POLICY + ";" + RULE
                + "; ALTER TABLE t FORCE ROW LEVEL SECURITY");
    }

    @Test
    void aRetypedColumnThatARuleUsesHasTheRuleSetAsideAndBack() {
        String rest = "; CREATE TABLE log (a bigint); " + RULE;
        Plan plan = oneWay("", "CREATE TABLE t (a int)" + rest, "CREATE TABLE t (a bigint)" + rest);
        assertTrue(plan.sql().contains("DROP RULE r ON public.t;"), plan.sql());
        oneWay("", "CREATE TABLE t (a bigint)" + rest, "CREATE TABLE t (a int)" + rest);
    }

    @Test
    void aRetypedColumnOfTheTableARuleWritesToHasTheRuleSetAsideAndBack() {
        bothWays("CREATE TABLE t (a int); ", "CREATE TABLE log (a int);" + RULE, "CREATE TABLE log (a bigint);" + RULE);
    }

    @Test
    void aRetypedColumnThatAPolicyUsesHasThePolicySetAsideAndBack() {
        bothWays("", "CREATE TABLE t (a int); " + POLICY, "CREATE TABLE t (a bigint); " + POLICY);
    }

    @Test
    void aRetypedColumnThatAPolicyReadsInAnotherTableHasThePolicySetAsideAndBack() {
        String policy = "; CREATE TABLE t (a int); ALTER TABLE t ENABLE ROW LEVEL SECURITY;"
                + " CREATE POLICY p ON t USING (EXISTS (SELECT 1 FROM log WHERE log.a = t.a))";
        bothWays("", "CREATE TABLE log (a int)" + policy, "CREATE TABLE log (a bigint)" + policy);
    }

    @Test
    void aRuleOnARebuiltViewIsCreatedAgain() {
        String rest = "; CREATE VIEW v AS SELECT a FROM t;"
                + " CREATE RULE \"Write Through\" AS ON INSERT TO v DO INSTEAD INSERT INTO t VALUES (NEW.a);"
                + " COMMENT ON RULE \"Write Through\" ON v IS 'kept'";
        oneWay("", "CREATE TABLE t (a int)" + rest, "CREATE TABLE t (a bigint)" + rest, (db, plan) -> {
            assertTrue(plan.sql().contains("DROP VIEW public.v;"), "the view must really be rebuilt:\n" + plan.sql());
            assertEquals(1, db.queryLong("SELECT count(*) FROM pg_rules WHERE tablename = 'v'"), plan.sql());
            db.exec("INSERT INTO v VALUES (7)");
            assertEquals(7, db.queryLong("SELECT a FROM t"));
        });
    }

    @Test
    void aPolicyReadingARebuiltViewIsSetAsideAndBack() {
        String rest = "; CREATE VIEW v AS SELECT a FROM t; CREATE TABLE s (a int); ALTER TABLE s ENABLE ROW LEVEL SECURITY;"
                + " CREATE POLICY p ON s USING (a IN (SELECT a FROM v))";
        bothWays("", "CREATE TABLE t (a int)" + rest, "CREATE TABLE t (a bigint)" + rest);
    }

    @Test
    void aPolicyCallingAReplacedFunctionIsSetAsideAndBack() {
        String rest = "; CREATE TABLE t (a int); ALTER TABLE t ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON t USING (f(a))";
        bothWays("", "CREATE FUNCTION f(x int) RETURNS boolean LANGUAGE sql AS 'SELECT x > 0'" + rest,
                "CREATE FUNCTION f(y int) RETURNS boolean LANGUAGE sql AS 'SELECT y > 0'" + rest);
    }

    @Test
    void rulesAndPoliciesGoWithTheirDroppedTableAndView() {
        bothWays("CREATE TABLE log (a int)", "",
                "CREATE TABLE t (a int); " + POLICY + "; " + RULE + "; CREATE VIEW v AS SELECT a FROM t;"
                        + " CREATE RULE w AS ON INSERT TO v DO INSTEAD INSERT INTO t VALUES (NEW.a)");
    }

    @Test
    void aRuleOrPolicyUsingATableThatGoesIsDroppedFirst() {
        bothWays("CREATE TABLE t (a int); ALTER TABLE t ENABLE ROW LEVEL SECURITY", "",
                "CREATE TABLE log (a int); " + RULE + "; CREATE POLICY p ON t USING (a IN (SELECT a FROM log))");
    }
}
