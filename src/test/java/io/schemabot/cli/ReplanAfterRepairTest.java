package io.schemabot.cli;

import io.schemabot.testing.CliRun;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, point 11, end to end: the plan that repairs a database against its migrations, applied as psql would,
 * leaves nothing to do: {@code plan} run again exits 0 and {@code diff} finds nothing. The migrations' view, CHECK
 * and trigger compare {@code varchar IN (...)}, whose printed text, created again by the plan, prints otherwise.
 */
class ReplanAfterRepairTest {
    private static final String TABLE = "CREATE TABLE t (id int PRIMARY KEY, kind varchar(10));"
            + " CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;";

    @Test
    void planAppliedThenPlanAgain_nothingToDo(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__schema.sql"), TABLE
                + " CREATE VIEW v AS SELECT id FROM t WHERE kind IN ('a', 'b');"
                + " ALTER TABLE t ADD CONSTRAINT kind_known CHECK (kind IN ('a', 'b', 'c'));"
                + " CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW WHEN (NEW.kind IN ('a', 'b'))"
                + " EXECUTE FUNCTION touch();");
        String migrations = "migrations:filesystem:" + dir + "@latest";
        try (TestDatabase prod = EmbeddedPg.createDatabase("replan_prod")) {
            prod.exec(TABLE + " CREATE VIEW v AS SELECT id FROM t WHERE kind = 'a';");

            CliRun plan = CliRun.of("plan", "--from", prod.jdbcUrl(), "--to", migrations, "--format", "sql");
            assertEquals(1, plan.status(), plan.err() + plan.out());
            try (Connection c = io.schemabot.db.Connections.openForScripts(prod.url());
                 Statement st = c.createStatement()) {
                st.execute(plan.out());
            }

            CliRun again = CliRun.of("plan", "--from", prod.jdbcUrl(), "--to", migrations, "--format", "sql");
            assertEquals(0, again.status(), again.err() + again.out());
            assertTrue(again.out().startsWith("-- nothing to do"), again.out());
            CliRun diff = CliRun.of("diff", "--from", prod.jdbcUrl(), "--to", migrations);
            assertEquals(0, diff.status(), diff.err() + diff.out());
            // the other way round the migrations' side is FROM, and the database's texts are printed on its server
            CliRun back = CliRun.of("diff", "--from", migrations, "--to", prod.jdbcUrl());
            assertEquals(0, back.status(), back.err() + back.out());
        }
    }
}
