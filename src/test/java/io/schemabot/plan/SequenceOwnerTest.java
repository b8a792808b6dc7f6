package io.schemabot.plan;

import org.junit.jupiter.api.Test;

import static io.schemabot.testing.PlanRoundTrip.oneWay;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A serial column on a table the application's role owns: OWNED BY needs the sequence to have that owner too. */
class SequenceOwnerTest {

    @Test
    void aNewSerialOnATableOwnedByAnotherRoleIsAttachedAndKeepsCounting() {
        String app = "seq_app_" + ProcessHandle.current().pid();
        String common = "DO $$ BEGIN CREATE ROLE " + app + " NOLOGIN; EXCEPTION WHEN duplicate_object THEN END $$;";
        oneWay(common, "CREATE TABLE t (id int PRIMARY KEY, v text); ALTER TABLE t OWNER TO " + app + ";"
                        + " INSERT INTO t VALUES (1, 'a'), (2, 'b');",
                "CREATE TABLE t (id serial PRIMARY KEY, v text); ALTER TABLE t OWNER TO " + app + ";",
                (db, plan) -> {
                    assertEquals(app, db.queryString("SELECT pg_get_userbyid(relowner) FROM pg_class"
                            + " WHERE relname = 't_id_seq'"));
                    assertEquals(3L, db.queryLong("INSERT INTO t (v) VALUES ('c') RETURNING id"));
                });
    }
}
