package io.schemabot.diff;

import io.schemabot.diff.ObjectChange.CommentChanged;
import io.schemabot.diff.ObjectChange.ViewColumnDefaultChanged;
import io.schemabot.diff.ObjectChange.ViewOptionsChanged;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.SnapshotJson;
import io.schemabot.testing.SchemaPair;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a view's definition does not say, compared between two real databases. */
class ViewDiffTest {

    @Test
    void securityOptionsAndTheCheckOptionAreChangesOfTheirOwn() {
        SchemaPair pair = SchemaPair.of("CREATE TABLE t (a int)",
                "CREATE VIEW v AS SELECT a FROM t WHERE a > 0",
                "CREATE VIEW v WITH (security_barrier, security_invoker) AS SELECT a FROM t WHERE a > 0"
                        + " WITH CASCADED CHECK OPTION");
        assertEquals(List.of(new ViewOptionsChanged("public.v", false, Map.of(),
                Map.of("check_option", "cascaded", "security_barrier", "true", "security_invoker", "true"))),
                pair.diff.changes());
        assertEquals("view public.v options: none -> check_option=cascaded, security_barrier=true,"
                + " security_invoker=true", pair.diff.changes().get(0).describe());
    }

    @Test
    void booleanOptionsSpelledDifferentlyAreTheSame() {
        SchemaPair pair = SchemaPair.of("CREATE TABLE t (a int)",
                "CREATE VIEW v WITH (security_barrier = on, security_invoker = 1) AS SELECT a FROM t",
                "CREATE VIEW v WITH (security_barrier = true, security_invoker = yes) AS SELECT a FROM t");
        assertTrue(pair.diff.changes().isEmpty(), pair.diff.changes().toString());
        SchemaPair off = SchemaPair.of("CREATE TABLE t (a int)",
                "CREATE VIEW v WITH (security_barrier = off) AS SELECT a FROM t",
                "CREATE VIEW v WITH (security_barrier = true) AS SELECT a FROM t");
        assertEquals(1, off.diff.changes().size(), off.diff.changes().toString());
    }

    @Test
    void viewColumnDefaultsAndCommentsOfViewsAndMaterializedViews() {
        SchemaPair pair = SchemaPair.of("CREATE TABLE t (a int, b int); CREATE VIEW v AS SELECT a, b FROM t;"
                        + " CREATE MATERIALIZED VIEW m AS SELECT a FROM t",
                "ALTER VIEW v ALTER COLUMN a SET DEFAULT 7; COMMENT ON COLUMN v.a IS 'old'",
                "ALTER VIEW v ALTER COLUMN b SET DEFAULT 8; COMMENT ON COLUMN v.a IS 'new'; COMMENT ON COLUMN m.a IS 'x'");
        // like a table's columns, grouped under their view
        assertEquals(List.of(
                new CommentChanged("COLUMN", "public.m.a", "public.m", null, "x"),
                new ViewColumnDefaultChanged("public.v", "a", "7", null),
                new ViewColumnDefaultChanged("public.v", "b", null, "8"),
                new CommentChanged("COLUMN", "public.v.a", "public.v", "old", "new")), pair.diff.changes());
    }

    @Test
    void aSnapshotFileFromBeforeViewOptionsReadsAndWritesAsItDid() {
        // written, and fingerprinted, by schemabot before views had options, column details or a data state
        Snapshot old = SnapshotJson.parse("""
                {"format": "schemabot-snapshot/1", "snapshot": {"serverVersion": "17.6",
                 "tables": [{"schema": "public", "name": "t", "partitioned": false, "unlogged": false, "inherits": [],
                             "columns": [{"name": "a", "type": "integer", "notNull": false, "inherited": false}],
                             "constraints": []}],
                 "views": [{"schema": "public", "name": "m", "materialized": true,
                            "definition": " SELECT a\\n   FROM public.t;"},
                           {"schema": "public", "name": "v", "materialized": false,
                            "definition": " SELECT a\\n   FROM public.t;", "comment": "all of t",
                            "access": {"owner": "postgres", "grants": [], "explicit": false, "columnGrants": false}}]}}""",
                "test");
        assertEquals("b898410cd4103e73085d885b969e27304bcae3f197272917a9f618c03804c7ee", old.fingerprint());
        String written = SnapshotJson.write(old);
        for (String key : List.of("\"options\"", "\"columns\" : [ ]", "\"unpopulated\"")) {
            assertFalse(written.contains(key), key + " in " + written);
        }
        assertEquals(old, SnapshotJson.parse(written, "again"));
    }
}
