package io.schemabot.schema;

import io.schemabot.testing.EveryKind;
import io.schemabot.testing.SchemaPair;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FingerprintTest {
    private static final String DDL = """
            CREATE TYPE mood AS ENUM ('a', 'b');
            CREATE TABLE users (id uuid PRIMARY KEY, email text UNIQUE, mood mood);
            CREATE TABLE orders (id bigserial PRIMARY KEY, user_id uuid REFERENCES users (id), total int CHECK (total > 0));
            CREATE INDEX ON orders (user_id);
            CREATE VIEW big AS SELECT * FROM orders WHERE total > 100;
            CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'SELECT x';
            """;

    @Test
    void identicalDdlOfEveryKindOnTwoDatabasesGivesNoChangesAndEqualFingerprints() {
        SchemaPair pair = SchemaPair.of(EveryKind.DDL, "", "");
        assertTrue(pair.diff.changes().isEmpty(), pair.diff.changes().toString());
        assertEquals(pair.from.fingerprint(), pair.to.fingerprint());
        assertEquals(64, pair.from.fingerprint().length());
    }

    @Test
    void namesPostgresGeneratedDifferentlyDoNotMakeEqualSchemasDiffer() {
        // On one side a clash forces PostgreSQL to pick orders_user_id_fkey1 and orders_user_id_idx1.
        String plain = """
                CREATE TABLE users (id int PRIMARY KEY);
                CREATE TABLE orders (id int PRIMARY KEY, user_id int REFERENCES users (id));
                CREATE INDEX ON orders (user_id);""";
        String clashing = """
                CREATE TABLE users (id int PRIMARY KEY);
                CREATE TABLE orders (id int PRIMARY KEY, user_id int);
                CREATE TABLE orders_user_id_idx (x int CONSTRAINT orders_user_id_fkey CHECK (x > 0));
                ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id);
                CREATE INDEX ON orders (user_id);
                DROP TABLE orders_user_id_idx;""";
        SchemaPair pair = SchemaPair.of("", plain, clashing);
        assertTrue(pair.to.table("public.orders").orElseThrow().foreignKeys().get(0).name().endsWith("fkey1"),
                "the test must really produce a different generated name");
        assertEquals("orders_user_id_idx1", pair.to.indexes().get(0).name());
        assertTrue(pair.diff.changes().isEmpty(), pair.diff.changes().toString());
        assertEquals(pair.from.fingerprint(), pair.to.fingerprint());
    }

    @Test
    void anyRealDifferenceChangesTheFingerprint() {
        SchemaPair pair = SchemaPair.of(DDL, "", "ALTER TABLE users ALTER COLUMN email SET NOT NULL");
        assertNotEquals(pair.from.fingerprint(), pair.to.fingerprint());
    }
}
