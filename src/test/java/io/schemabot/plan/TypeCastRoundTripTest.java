package io.schemabot.plan;

import io.schemabot.diff.SchemaDiff;
import io.schemabot.schema.Snapshot;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Column type changes with rows in the table: the USING casts directly where PostgreSQL has a cast, the data
 * checks agree with it, and the rows come out converted as PostgreSQL converts them. Each table is t (id, c).
 */
class TypeCastRoundTripTest {

    @Test
    void aNumericDomainBecomesAnIntegerByCastRoundingAsPostgresqlDoes() {
        String domain = "CREATE DOMAIN amount AS numeric(12,2)";
        Plan down = converts(domain, "CREATE TABLE t (id int, c amount); INSERT INTO t VALUES (1, 2), (2, 2.5), (3, -2.5), (4, 1.49), (5, NULL)",
                "CREATE TABLE t (id int, c integer); INSERT INTO t VALUES (1, 7)", "2 3 -3 1 NULL");
        assertTrue(down.sql().contains("ALTER COLUMN c TYPE integer USING c::integer;"), down.sql());
        Plan up = converts(domain, "CREATE TABLE t (id int, c integer); INSERT INTO t VALUES (1, 7), (2, -3)",
                "CREATE TABLE t (id int, c amount)", "7.00 -3.00");
        assertTrue(up.sql().contains("USING c::public.amount;"), up.sql());
    }

    @Test
    void aColumnMovesIntoADomainWithACheckThatComesAndGoesWithIt() {
        String plain = "CREATE TABLE t (id int, c integer); INSERT INTO t VALUES (1, 2), (2, 40)";
        String domain = "CREATE DOMAIN amount AS numeric(12,2) CHECK (VALUE > 0); CREATE TABLE t (id int, c amount);"
                + " INSERT INTO t VALUES (1, 2.75), (2, 0.5)";
        Plan into = converts("", plain, domain, "2.00 40.00");
        assertTrue(into.hazardKinds().contains(Hazard.Kind.FAILS_ON_DATA), "the CHECK may refuse values");
        Plan out = converts("", domain, plain, "3 1");
        assertTrue(out.sql().indexOf("USING c::integer") < out.sql().indexOf("DROP DOMAIN"), out.sql());
    }

    @Test
    void aBooleanWithADefaultBecomesAnIntegerAndBack() {
        Plan plan = converts("", "CREATE TABLE t (id int, c boolean DEFAULT false); INSERT INTO t VALUES (1, true), (2, false), (3, NULL)",
                "CREATE TABLE t (id int, c integer DEFAULT 0); INSERT INTO t VALUES (1, 0), (2, 1)", "1 0 NULL");
        assertTrue(plan.sql().contains("USING c::integer"), plan.sql());
        assertFalse(plan.hazardKinds().contains(Hazard.Kind.FAILS_ON_DATA), plan.hazards().toString());
        converts("", "CREATE TABLE t (id int, c integer DEFAULT 0); INSERT INTO t VALUES (1, 0), (2, 1)",
                "CREATE TABLE t (id int, c boolean DEFAULT false)", "false true");
    }

    @Test
    void anIntegerBecomingBooleanLosesWhatIsNotZeroOrOneAndTheCheckCountsIt() {
        PlanRoundTrip.oneWay("", "CREATE TABLE t (id int, c integer); INSERT INTO t VALUES (1, 5), (2, 0), (3, 1)",
                "CREATE TABLE t (id int, c boolean)", (db, plan) -> {
                    assertTrue(plan.hasDataLoss(), plan.hazards().toString());
                    DataCheck check = only(run(db, plan));
                    assertEquals("1 row would fail, e.g. 5", check.outcome());
                }, db -> assertEquals("true false true", values(db, "c")));
    }

    @Test
    void integersWidenAndNarrowWithinRange() {
        Plan widen = converts("", "CREATE TABLE t (id int, c integer); INSERT INTO t VALUES (1, 2147483647), (2, -1)",
                "CREATE TABLE t (id int, c bigint); INSERT INTO t VALUES (1, 42), (2, NULL)", "2147483647 -1");
        assertFalse(widen.hazardKinds().contains(Hazard.Kind.FAILS_ON_DATA), widen.hazards().toString());
        converts("", "CREATE TABLE t (id int, c bigint); INSERT INTO t VALUES (1, 42), (2, NULL)",
                "CREATE TABLE t (id int, c integer)", "42 NULL");
    }

    @Test
    void numbersBecomeIntegersRoundedAsPostgresqlRoundsThem() {
        converts("", "CREATE TABLE t (id int, c integer); INSERT INTO t VALUES (1, 5), (2, -7)",
                "CREATE TABLE t (id int, c numeric(10,2))", "5.00 -7.00");
        // numeric rounds halves away from zero
        converts("", "CREATE TABLE t (id int, c numeric(10,2)); INSERT INTO t VALUES (1, 2.5), (2, -2.5), (3, 1.49), (4, 0.5)",
                "CREATE TABLE t (id int, c integer)", "3 -3 1 1");
        // floating point rounds halves to even
        converts("", "CREATE TABLE t (id int, c double precision); INSERT INTO t VALUES (1, 2.5), (2, 3.5), (3, -2.5)",
                "CREATE TABLE t (id int, c integer)", "2 4 -2");
        converts("", "CREATE TABLE t (id int, c numeric(12,3)); INSERT INTO t VALUES (1, 1.005), (2, 99.994)",
                "CREATE TABLE t (id int, c numeric(4,2))", "1.01 99.99");
    }

    @Test
    void textAndIntegers() {
        converts("", "CREATE TABLE t (id int, c text); INSERT INTO t VALUES (1, '42'), (2, ' 7 '), (3, '-0')",
                "CREATE TABLE t (id int, c integer); INSERT INTO t VALUES (1, 13)", "42 7 0");
        converts("", "CREATE TABLE t (id int, c integer); INSERT INTO t VALUES (1, 13)",
                "CREATE TABLE t (id int, c text)", "13");
    }

    @Test
    void varcharAndUuid() {
        converts("", "CREATE TABLE t (id int, c varchar(38)); INSERT INTO t VALUES"
                        + " (1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'), (2, '{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A12}')",
                "CREATE TABLE t (id int, c uuid)",
                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11 a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12");
        converts("", "CREATE TABLE t (id int, c uuid); INSERT INTO t VALUES (1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')",
                "CREATE TABLE t (id int, c varchar(36))", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    }

    @Test
    void timestampsGainAndLoseTheirZoneInTheSessionsTimeZone() {
        String shown = "to_char(c, 'YYYY-MM-DD HH24:MI:SS.US')";
        Plan plan = converts("", "CREATE TABLE t (id int, c timestamp); INSERT INTO t VALUES (1, '2024-01-02 03:04:05.678901')",
                "CREATE TABLE t (id int, c timestamptz)", shown, "2024-01-02 03:04:05.678901");
        assertTrue(plan.sql().contains("USING c::timestamp with time zone"), plan.sql());
        assertFalse(plan.hazardKinds().contains(Hazard.Kind.FAILS_ON_DATA), plan.hazards().toString());
        converts("", "CREATE TABLE t (id int, c timestamptz); INSERT INTO t VALUES (1, '2024-01-02 03:04:05.678901')",
                "CREATE TABLE t (id int, c timestamp(0))", shown, "2024-01-02 03:04:06.000000");
    }

    @Test
    void jsonAndJsonb() {
        converts("", "CREATE TABLE t (id int, c json); INSERT INTO t VALUES (1, '{\"b\": 1, \"a\": [1, 2]}')",
                "CREATE TABLE t (id int, c jsonb)", "{\"a\": [1, 2], \"b\": 1}");
        converts("", "CREATE TABLE t (id int, c jsonb); INSERT INTO t VALUES (1, '{\"x\": true}')",
                "CREATE TABLE t (id int, c json)", "{\"x\": true}");
    }

    @Test
    void enumsAndText() {
        String mood = "CREATE TYPE mood AS ENUM ('sad', 'ok')";
        converts(mood, "CREATE TABLE t (id int, c mood); INSERT INTO t VALUES (1, 'ok'), (2, 'sad')",
                "CREATE TABLE t (id int, c text); INSERT INTO t VALUES (1, 'sad')", "ok sad");
        converts(mood, "CREATE TABLE t (id int, c text); INSERT INTO t VALUES (1, 'sad')",
                "CREATE TABLE t (id int, c mood)", "sad");
        // No cast between two enums: through their labels.
        Plan plan = converts("CREATE TYPE feeling AS ENUM ('ok', 'sad'); " + mood,
                "CREATE TABLE t (id int, c mood); INSERT INTO t VALUES (1, 'ok')", "CREATE TABLE t (id int, c feeling)", "ok");
        assertTrue(plan.sql().contains("USING c::text::public.feeling"), plan.sql());
    }

    @Test
    void aDomainOverTextAndText() {
        String email = "CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%')";
        Plan plan = converts(email, "CREATE TABLE t (id int, c email); INSERT INTO t VALUES (1, 'a@b')",
                "CREATE TABLE t (id int, c text); INSERT INTO t VALUES (1, 'c@d')", "a@b");
        assertFalse(plan.hazardKinds().contains(Hazard.Kind.TABLE_REWRITE), "a domain over text is text");
        converts(email, "CREATE TABLE t (id int, c text); INSERT INTO t VALUES (1, 'c@d')",
                "CREATE TABLE t (id int, c email)", "c@d");
    }

    @Test
    void integerArraysAndBigintArrays() {
        Plan plan = converts("", "CREATE TABLE t (id int, c int[]); INSERT INTO t VALUES (1, '{1,2,NULL}'), (2, '{}')",
                "CREATE TABLE t (id int, c bigint[]); INSERT INTO t VALUES (1, '{4,5}')", "{1,2,NULL} {}");
        assertTrue(plan.sql().contains("USING c::bigint[]"), plan.sql());
        converts("", "CREATE TABLE t (id int, c bigint[]); INSERT INTO t VALUES (1, '{4,5}'), (2, '{{1,2},{3,4}}')",
                "CREATE TABLE t (id int, c int[])", "{4,5} {{1,2},{3,4}}");
    }

    @Test
    void theDataCheckCountsTheValuesThatTheCastRefusesAndThePlanThenFails() {
        assertEquals("1 row would fail, e.g. 3000000000", refused("c bigint", "(3000000000), (5)", "c integer"));
        assertEquals("1 row would fail, e.g. 123456.78", refused("c numeric(12,2)", "(123456.78), (9999.99)", "c numeric(6,2)"));
        assertEquals("1 row would fail, e.g. 99.995", refused("c numeric(12,3)", "(99.995), (99.994)", "c numeric(4,2)"));
        assertEquals("1 row would fail, e.g. {1,3000000000}", refused("c bigint[]", "('{1,3000000000}'), ('{2}')", "c int[]"));
        assertEquals("1 row would fail, e.g. x", refused("c text", "('x'), ('1')", "c integer"));
        // Into a domain with a CHECK, the check converts every value: the first refused is its error, and a failure.
        String domain = refused("c numeric(12,2)", "(2), (0.5)", "c amount",
                "CREATE DOMAIN amount AS numeric(12,2) CHECK (VALUE < 1)");
        assertTrue(domain.startsWith("at least 1 row would fail: ") && domain.contains("violates check constraint"), domain);
    }

    @Test
    void theBuiltInCastsAreThoseOfTheServer() throws SQLException {
        List<String> types = List.of("smallint", "integer", "bigint", "numeric", "numeric(12,2)", "real",
                "double precision", "money", "oid", "boolean", "\"char\"", "bit", "bit varying(8)", "text",
                "character varying(10)", "character", "name", "date", "time without time zone",
                "time(3) with time zone", "timestamp without time zone", "timestamp(3) with time zone", "interval",
                "interval day to second", "json", "jsonb", "uuid", "bytea", "xml", "inet", "cidr", "macaddr",
                "macaddr8", "point", "lseg", "line", "box", "path", "polygon", "circle", "tsvector", "int4range",
                "int4multirange", "int8range", "int8multirange", "numrange", "nummultirange", "daterange",
                "datemultirange", "tsrange", "tsmultirange", "tstzrange", "tstzmultirange", "integer[]", "bigint[]",
                "numeric(4,1)[]", "text[]", "character varying(3)[]", "boolean[]", "jsonb[]", "uuid[]", "date[]");
        List<String> wrong = new ArrayList<>();
        try (TestDatabase db = EmbeddedPg.createDatabase("casts"); Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String from : types) {
                for (String to : types) {
                    boolean server;
                    try {
                        st.execute("SELECT NULL::" + from + "::" + to);
                        server = true;
                    } catch (SQLException e) {
                        assertEquals("42846", e.getSQLState(), e.getMessage());
                        server = false;
                    }
                    if (server != Casts.exists(TypeChange.Type.parse(from), TypeChange.Type.parse(to))) {
                        wrong.add(from + " -> " + to + (server ? " exists" : " does not exist"));
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** A -> B (rows of A only matter): the data checks pass on A's rows, and c reads {@code converted} after. */
    private static Plan converts(String common, String a, String b, String converted) {
        return converts(common, a, b, "c", converted);
    }

    private static Plan converts(String common, String a, String b, String shown, String converted) {
        return PlanRoundTrip.oneWay(common, a, b, (db, plan) -> {
            for (DataCheck check : run(db, plan)) {
                // A type the plan itself creates cannot be named before the plan runs.
                boolean typeToCome = check.error() != null && check.error().contains("does not exist");
                // values a cast rounds are counted, not refused: those tests show what they become
                boolean rounding = check.description().contains("would round");
                assertTrue(check.passed() || typeToCome || rounding,
                        check.description() + ": " + check.outcome() + "\n" + check.sql());
            }
        }, db -> assertEquals(converted, values(db, shown)));
    }

    /** The outcome of the one data check for changing t (id int, {@code column}) with rows, after which the plan fails. */
    private static String refused(String column, String rows, String newColumn, String... common) {
        String shared = String.join(";", common);
        try (TestDatabase from = EmbeddedPg.createDatabase("cast_from"); TestDatabase to = EmbeddedPg.createDatabase("cast_to")) {
            if (!shared.isEmpty()) {
                from.exec(shared);
                to.exec(shared);
            }
            from.exec("CREATE TABLE t (" + column + "); INSERT INTO t VALUES " + rows);
            to.exec("CREATE TABLE t (" + newColumn + ")");
            Snapshot before = from.snapshot();
            Snapshot after = to.snapshot();
            Plan plan = Planner.plan(SchemaDiff.between(before, after), before, after);
            assertTrue(plan.hazardKinds().contains(Hazard.Kind.FAILS_ON_DATA), plan.hazards().toString());
            DataCheck check = only(run(from, plan).stream().filter(k -> !k.description().contains("would round"))
                    .toList());
            try (Connection c = from.connect(); Statement st = c.createStatement()) {
                assertThrows(SQLException.class, () -> st.execute(plan.sql()), plan.sql());
            } catch (SQLException e) {
                fail(e);
            }
            return check.outcome();
        }
    }

    private static List<DataCheck> run(TestDatabase db, Plan plan) {
        try (Connection c = db.connect()) {
            return DataChecks.run(c, plan.checks(), Duration.ofSeconds(30));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataCheck only(List<DataCheck> checks) {
        assertEquals(1, checks.size(), checks.toString());
        return checks.get(0);
    }

    /** The values {@code shown} of t's rows in id order, NULL for null. */
    private static String values(TestDatabase db, String shown) {
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT string_agg(coalesce((" + shown + ")::text, 'NULL'), ' ' ORDER BY id) FROM t")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
