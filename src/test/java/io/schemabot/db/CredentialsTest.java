package io.schemabot.db;

import io.schemabot.UserError;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where a connection's credentials come from, as libpq takes them, and what is said when one is missing. */
class CredentialsTest {
    @BeforeAll
    static void role() {
        EmbeddedPg.execAsSuperuser("postgres", "DO $$BEGIN CREATE ROLE pgenv_app LOGIN PASSWORD 'env-password';"
                + " EXCEPTION WHEN duplicate_object THEN NULL; END$$");
    }

    @Test
    void noPasswordProvided_saysToGiveOneAndDoesNotBlameHostOrPort() {
        try (TestDatabase db = EmbeddedPg.createDatabase("cred_nopass")) {
            DatabaseUrl url = DatabaseUrl.parse("postgres://pgenv_app@127.0.0.1:" + db.port() + "/" + db.name(), Map.<String, String>of()::get);
            UserError e = assertThrows(UserError.class, () -> Connections.open(url).close());
            assertEquals("the server at 127.0.0.1:" + db.port() + "/" + db.name() + " asks user 'pgenv_app' for a password"
                    + " and none was given; give it in the URL or set PGPASSWORD",
                    e.getMessage());
        }
    }

    @Test
    void pgpasswordIsUsedWhenTheUrlHasNone() throws Exception {
        try (TestDatabase db = EmbeddedPg.createDatabase("cred_pgpass")) {
            Map<String, String> env = Map.of("PGPASSWORD", "env-password");
            DatabaseUrl postgres = DatabaseUrl.parse("postgres://pgenv_app@127.0.0.1:" + db.port() + "/" + db.name(), env::get);
            DatabaseUrl jdbc = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:" + db.port() + "/" + db.name()
                    + "?user=pgenv_app", env::get);
            for (DatabaseUrl url : new DatabaseUrl[] {postgres, jdbc}) {
                try (Connection c = Connections.open(url)) {
                    assertTrue(c.isValid(5));
                }
                assertFalse(url.toString().contains("env-password"));
            }
            assertEquals("in-url", DatabaseUrl.parse("postgres://u:in-url@h/db", env::get).password());
        }
    }

    @Test
    void aPostgresUrlTakesWhatItLacksFromPgUserPgHostPgPortAndPgDatabase() {
        Map<String, String> env = Map.of("PGUSER", "envuser", "PGHOST", "db.internal", "PGPORT", "6543",
                "PGDATABASE", "shop");
        DatabaseUrl url = DatabaseUrl.parse("postgres://", env::get);
        assertEquals("envuser@db.internal:6543/shop", url.toString());
        DatabaseUrl given = DatabaseUrl.parse("postgres://me@h:5433/mine", env::get);
        assertEquals("me@h:5433/mine", given.toString());
        DatabaseUrl jdbc = DatabaseUrl.parse("jdbc:postgresql://h/db", env::get);
        assertNull(jdbc.user(), "the JDBC form is the driver's: only PGPASSWORD, which it lacks, is added");
        assertEquals(5432, jdbc.port());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> DatabaseUrl.parse("postgres://h/db", Map.<String, String>of("PGPORT", "x")::get));
        assertEquals("PGPORT 'x' is not a port number", bad.getMessage());
    }
}
