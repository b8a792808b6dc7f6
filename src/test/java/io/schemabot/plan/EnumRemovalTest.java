package io.schemabot.plan;

import io.schemabot.diff.DiffResult;
import io.schemabot.diff.SchemaDiff;
import io.schemabot.schema.Snapshot;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.SchemaPair;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, point 9: removing (or reordering) enum labels makes the type anew (rename the old, create the new,
 * convert its columns, drop the old) instead of BLOCKING; a data check counts the rows that hold a removed label,
 * and what cannot be converted simply (a view, a domain) still blocks, by name.
 */
class EnumRemovalTest {
    private static final String THREE = "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');";
    private static final String TWO = "CREATE TYPE mood AS ENUM ('sad', 'happy');";
    private static final String TABLE = " CREATE TABLE t (id int PRIMARY KEY, m mood NOT NULL DEFAULT 'happy',"
            + " ms mood[] DEFAULT '{sad}'); CREATE INDEX t_m ON t (m);"
            + " INSERT INTO t VALUES (1, 'sad', '{sad,happy}'), (2, 'happy', NULL);";
    private static final String ROWS = "SELECT string_agg(id || ':' || m || ':' || coalesce(ms::text, '-'), ' ' ORDER BY id) FROM t";

    @Test
    void aLabelRemovedFromAnUnusedEnum_makesTheTypeAnew() {
        String comment = " COMMENT ON TYPE mood IS 'how it went';";
        Plan plan = PlanRoundTrip.oneWay("", THREE + comment, TWO + comment);
        assertFalse(plan.isBlocked(), plan.sql());
        assertTrue(plan.sql().contains("ALTER TYPE public.mood RENAME TO mood__old;"), plan.sql());
        PlanRoundTrip.oneWay("", TWO, THREE);
    }

    @Test
    void aLabelRemovedFromAnEnumAColumnUses_convertsTheColumnsAndKeepsTheirValuesAndDefaults() {
        Plan plan = PlanRoundTrip.oneWay("", THREE + TABLE, TWO + TABLE, (db, applied) -> { },
                db -> assertEquals("1:sad:{sad,happy} 2:happy:-", db.queryString(ROWS)));
        assertFalse(plan.isBlocked(), plan.sql());
        assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.FAILS_ON_DATA), plan.hazards().toString());
        assertEquals(List.of("public.t.m", "public.t.ms"), plan.checks().stream().map(DataCheck::object).toList());
        PlanRoundTrip.oneWay("", TWO + TABLE, THREE + TABLE);
    }

    @Test
    void reorderedLabels_makeTheTypeAnewToo() {
        PlanRoundTrip.bothWays("", THREE + TABLE, "CREATE TYPE mood AS ENUM ('happy', 'ok', 'sad');" + TABLE);
    }

    @Test
    void aRowHoldingTheRemovedLabel_failsTheDataCheckWithItsCount_andThePlanWithIt() throws SQLException {
        String rows = " INSERT INTO t VALUES (3, 'ok', '{ok}'), (4, 'ok', NULL);";
        try (TestDatabase from = EmbeddedPg.createDatabase("enum_from"); TestDatabase to = EmbeddedPg.createDatabase("enum_to")) {
            from.exec(THREE + TABLE + rows);
            to.exec(TWO + TABLE);
            Snapshot source = from.snapshot();
            DiffResult diff = SchemaDiff.between(source, to.snapshot());
            Plan plan = Planner.plan(diff, source, to.snapshot());
            List<DataCheck> results;
            try (Connection c = from.connect()) {
                results = DataChecks.run(c, plan.checks(), Duration.ofSeconds(30));
            }
            assertEquals(2L, results.get(0).violations(), results.toString());
            assertEquals("ok", results.get(0).example());
            assertEquals(1L, results.get(1).violations(), results.toString());
            try (Connection c = io.schemabot.db.Connections.openForScripts(from.url()); Statement st = c.createStatement()) {
                assertThrows(SQLException.class, () -> st.execute(plan.sql()));
            }
            assertEquals("mood", from.queryString("SELECT typname FROM pg_type WHERE typname LIKE 'mood%' AND typtype = 'e'"));
        }
    }

    @Test
    void anEnumAViewUses_isStillBlocking_namingTheView() {
        String view = " CREATE TABLE t (m mood); CREATE VIEW v AS SELECT m, m = 'sad'::mood AS gloomy FROM t;";
        SchemaPair pair = SchemaPair.of("", THREE + view, TWO + view);
        Plan plan = Planner.plan(pair.diff, pair.from, pair.to);
        assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.BLOCKING
                && h.reason().contains("view public.v")), plan.hazards().toString());
        assertFalse(plan.sql().contains("RENAME TO mood__old;"), plan.sql());
    }

    @Test
    void aRemovedLabelWithALineBreak_staysInsideItsTitleAndLiteral() {
        String victim = "CREATE TABLE victim (id int); INSERT INTO victim VALUES (1);";
        PlanRoundTrip.oneWay(victim, "CREATE TYPE e AS ENUM ('a', E'x\\nDROP TABLE victim; --'); CREATE TABLE t (v e);",
                "CREATE TYPE e AS ENUM ('a'); CREATE TABLE t (v e);", (db, plan) -> { },
                db -> assertEquals(1L, db.queryLong("SELECT count(*) FROM victim")));
    }
}
