package io.schemabot.plan;

import io.schemabot.db.Connections;
import io.schemabot.diff.SchemaDiff;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Converting timestamp to timestamptz reads wall-clock times in a time zone: the plan names it, so the values it
 * stores do not depend on the TimeZone of whoever runs it.
 */
class TimeZoneConversionTest {

    @Test
    void theSamePlanStoresTheSameInstantsInAnySession() throws Exception {
        for (String session : new String[] {"UTC", "America/New_York"}) {
            assertEquals("2024-06-01 12:00:00", convert(PlanOptions.defaults(), session));
        }
        assertEquals("2024-06-01 10:00:00", convert(PlanOptions.defaults().withTimeZone("Europe/Berlin"), "UTC"));
    }

    @Test
    void aRangeOfTimestampsIsReadInTheNamedZoneToo() {
        assertTrue(TypeChange.readsTimeZone("tsrange", "tstzrange"));
        assertTrue(TypeChange.readsTimeZone("tsmultirange", "tstzmultirange"));
        assertTrue(TypeChange.readsTimeZone("daterange", "tstzrange"));
        assertTrue(!TypeChange.readsTimeZone("tsrange", "daterange"));
    }

    /** The value of ts after the plan, as UTC wall-clock time. */
    private static String convert(PlanOptions options, String sessionZone) throws Exception {
        try (TestDatabase prod = EmbeddedPg.createDatabase("tz_prod"); TestDatabase target = EmbeddedPg.createDatabase("tz_target")) {
            prod.exec("CREATE TABLE t (id int PRIMARY KEY, ts timestamp); INSERT INTO t VALUES (1, '2024-06-01 12:00')");
            target.exec("CREATE TABLE t (id int PRIMARY KEY, ts timestamptz)");
            Plan plan = PlanFixtures.plan(prod, target, options);
            assertTrue(plan.sql().contains("SET LOCAL TimeZone = '" + options.timeZone() + "';"), plan.sql());
            try (Connection c = Connections.openForScripts(prod.url()); Statement st = c.createStatement()) {
                st.execute("SET TimeZone = '" + sessionZone + "'");
                st.execute(plan.sql());
            }
            assertTrue(SchemaDiff.between(prod.snapshot(), target.snapshot()).isEmpty());
            return prod.queryString("SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM t");
        }
    }
}
