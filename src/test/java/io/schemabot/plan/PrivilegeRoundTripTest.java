package io.schemabot.plan;

import io.schemabot.diff.DiffResult;
import io.schemabot.diff.SchemaDiff;
import io.schemabot.schema.Privileges;
import io.schemabot.schema.Snapshot;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, point 7: grants on tables, columns, sequences, schemas and routines are diffed per grantee, privilege
 * and grant option, and planned with GRANT and REVOKE; what production grants beyond its migrations says so.
 */
class PrivilegeRoundTripTest {
    /** Roles are cluster-wide: names of this class's own. */
    private static final String ROLES = """
            DO $$ BEGIN CREATE ROLE priv_rt_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
            DO $$ BEGIN CREATE ROLE priv_rt_reader; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
            """;
    private static final String COMMON = ROLES + """
            CREATE TABLE public.t (id int PRIMARY KEY, email text, note text);
            CREATE SEQUENCE public.s;
            CREATE SCHEMA app;
            CREATE VIEW public.v AS SELECT id, email FROM public.t;
            CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1';
            """;

    @Test
    void tableGrantToARole_bothWays() {
        PlanRoundTrip.bothWays(COMMON, "", "GRANT SELECT, INSERT ON public.t TO priv_rt_app;");
    }

    @Test
    void columnGrant_bothWays() {
        PlanRoundTrip.bothWays(COMMON, "GRANT SELECT (id) ON public.t TO priv_rt_reader;",
                "GRANT SELECT (id, email), UPDATE (note) ON public.t TO priv_rt_reader;");
    }

    @Test
    void sequenceGrant_bothWays() {
        PlanRoundTrip.bothWays(COMMON, "", "GRANT USAGE, SELECT ON SEQUENCE public.s TO priv_rt_app;");
    }

    @Test
    void schemaUsageGrant_bothWays() {
        PlanRoundTrip.bothWays(COMMON, "", "GRANT USAGE ON SCHEMA app TO priv_rt_reader;");
    }

    @Test
    void schemaPublicLosesCreateForPublic_bothWays() {
        PlanRoundTrip.bothWays(COMMON, "", "REVOKE ALL ON SCHEMA public FROM PUBLIC;");
    }

    @Test
    void viewGrant_bothWays() {
        PlanRoundTrip.bothWays(COMMON, "GRANT SELECT ON public.v TO priv_rt_reader;", "GRANT SELECT ON public.v TO priv_rt_app;");
    }

    @Test
    void functionExecute_bothWays() {
        PlanRoundTrip.bothWays(COMMON, "REVOKE EXECUTE ON FUNCTION public.f() FROM PUBLIC;",
                "REVOKE EXECUTE ON FUNCTION public.f() FROM PUBLIC; GRANT EXECUTE ON FUNCTION public.f() TO priv_rt_app;");
    }

    @Test
    void grantOption_bothWays() {
        PlanRoundTrip.bothWays(COMMON, "GRANT SELECT ON public.t TO priv_rt_app;",
                "GRANT SELECT ON public.t TO priv_rt_app WITH GRANT OPTION;");
        PlanRoundTrip.bothWays(COMMON, "", "GRANT UPDATE (note) ON public.t TO priv_rt_app WITH GRANT OPTION;");
    }

    @Test
    void extraGrantIsRevoked_andTheDiffSaysProductionGrantsMore() {
        Plan plan = PlanRoundTrip.oneWay(COMMON, "GRANT SELECT, DELETE ON public.t TO priv_rt_app;",
                "GRANT SELECT ON public.t TO priv_rt_app;");
        assertTrue(plan.sql().contains("REVOKE DELETE ON TABLE public.t FROM priv_rt_app;"), plan.sql());
        DiffResult diff = diff(COMMON + "GRANT SELECT, DELETE ON public.t TO priv_rt_app;",
                COMMON + "GRANT SELECT ON public.t TO priv_rt_app;", Set.of());
        assertEquals(List.of("PrivilegeExtra: grants more than expected: DELETE on table public.t to priv_rt_app"
                + " (granted -> none)"), diff.changes().stream().map(c -> c.kind() + ": " + c.describe()).toList());
    }

    @Test
    void extraGrantOptionAloneIsRevoked() {
        Plan plan = PlanRoundTrip.oneWay(COMMON, "GRANT SELECT ON public.t TO priv_rt_app WITH GRANT OPTION;",
                "GRANT SELECT ON public.t TO priv_rt_app;");
        assertTrue(plan.sql().contains("REVOKE GRANT OPTION FOR SELECT ON TABLE public.t FROM priv_rt_app;"), plan.sql());
    }

    @Test
    void newTableGetsItsGrants_andARebuiltViewKeepsNoStaleOnes() {
        PlanRoundTrip.bothWays(COMMON, "", """
                CREATE TABLE public.n (id serial PRIMARY KEY, x int);
                GRANT SELECT, UPDATE (x) ON public.n TO priv_rt_app;
                GRANT USAGE ON SEQUENCE public.n_id_seq TO priv_rt_app;""");
        String grants = "GRANT SELECT ON public.v TO priv_rt_reader; GRANT SELECT (id) ON public.v TO priv_rt_app;";
        Plan rebuilt = PlanRoundTrip.oneWay(COMMON + grants, "",
                "DROP VIEW public.v; CREATE VIEW public.v AS SELECT id, email, note FROM public.t;" + grants);
        assertTrue(rebuilt.sql().contains("GRANT SELECT (id) ON TABLE public.v TO priv_rt_app;"), rebuilt.sql());
        assertTrue(!rebuilt.hazardKinds().contains(Hazard.Kind.PRIVILEGES), rebuilt.hazards().toString());
    }

    @Test
    void aGrantToARoleTheDatabaseLacksIsBlocking() {
        Snapshot from = snapshot(COMMON);
        Snapshot to = snapshot(COMMON + "GRANT SELECT ON public.t TO priv_rt_app;");
        Snapshot lacking = new Snapshot(from.serverVersion(), from.schemas(), from.extensions(), from.enums(),
                from.domains(), from.sequences(), from.tables(), from.indexes(), from.views(), from.functions(),
                from.triggers(), from.rules(), from.policies(), from.compositeTypes(), from.aggregates(),
                from.eventTriggers(), from.collations(), from.textSearchDictionaries(), from.textSearchConfigs(),
                from.privileges(), List.of("postgres"));
        Plan plan = Planner.plan(SchemaDiff.between(lacking, to), lacking, to);
        assertTrue(plan.isBlocked(), plan.sql());
        assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.BLOCKING
                && h.reason().contains("role priv_rt_app does not exist")), plan.hazards().toString());
    }

    @Test
    void ignoredGranteesMakeNoChange() {
        DiffResult diff = diff(COMMON + "GRANT SELECT ON public.t TO priv_rt_reader;"
                        + "GRANT EXECUTE ON FUNCTION public.f() TO priv_rt_reader;", COMMON, Set.of("priv_rt_reader"));
        assertTrue(diff.isEmpty(), diff.changes().toString());
    }

    private static DiffResult diff(String a, String b, Set<String> ignored) {
        Snapshot from = Privileges.ignoring(snapshot(a), ignored);
        Snapshot to = Privileges.ignoring(snapshot(b), ignored);
        return SchemaDiff.between(from, to);
    }

    @Test
    void aColumnGrantGoesWithItsDroppedColumn_andIsNotRevokedAfterIt() {
        PlanRoundTrip.bothWays(ROLES + "CREATE TABLE public.c (id int);",
                "ALTER TABLE public.c ADD COLUMN secret text; GRANT SELECT (secret) ON public.c TO priv_rt_reader;", "");
    }

    @Test
    void aRevokeSaysWhoLosesWhat() {
        Plan plan = PlanRoundTrip.oneWay(COMMON, "GRANT DELETE ON public.t TO priv_rt_app;", "");
        assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.PRIVILEGES
                && h.reason().equals("revokes DELETE ON TABLE public.t from priv_rt_app: whoever relies on it loses it at COMMIT")),
                plan.hazards().toString());
    }

    @Test
    void maintainFromAServerOn17IsNeitherDiffedNorGrantedAgainstOneOn16() {
        Snapshot on17 = snapshot(COMMON + "GRANT ALL ON public.t TO priv_rt_app;");
        Snapshot read = snapshot(COMMON + "GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER"
                + " ON public.t TO priv_rt_app;");
        Snapshot on16 = new Snapshot("16.4", read.schemas(), read.extensions(), read.enums(), read.domains(),
                read.sequences(), read.tables(), read.indexes(), read.views(), read.functions(), read.triggers(),
                read.rules(), read.policies(), read.compositeTypes(), read.aggregates(), read.eventTriggers(),
                read.collations(), read.textSearchDictionaries(), read.textSearchConfigs(), read.privileges(),
                read.roles());
        DiffResult diff = SchemaDiff.between(on16, on17);
        assertTrue(diff.changes().isEmpty(), diff.changes().toString());
        assertTrue(SchemaDiff.between(read, on17).changes().stream().anyMatch(c -> c.describe().contains("MAINTAIN")),
                "on two servers of 17 it is a difference, or this test shows nothing");
    }

    private static Snapshot snapshot(String sql) {
        try (TestDatabase db = EmbeddedPg.createDatabase("priv")) {
            db.exec(sql);
            return db.snapshot();
        }
    }
}
