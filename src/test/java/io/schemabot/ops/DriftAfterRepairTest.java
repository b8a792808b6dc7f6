package io.schemabot.ops;

import io.schemabot.config.Config;
import io.schemabot.execute.Execution;
import io.schemabot.migrate.MigrationSource;
import io.schemabot.store.Store;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, point 11, as the executor meets it: a CHECK re-created from its printed text prints back otherwise
 * ({@code IN} over a varchar column), so production's fingerprint after a correct repair is not the migrations'.
 * The proof's "drift" must still say none, because the drift report, which compares definitions as one server
 * prints them, finds none.
 */
class DriftAfterRepairTest {
    private static final String OPS = "C0OPS";

    @Test
    void aRepairWhoseDefinitionsPrintOtherwiseIsProvenWithoutDrift(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__items.sql"), "CREATE TABLE items (id int PRIMARY KEY, kind varchar(10));");
        Files.writeString(dir.resolve("V2__kinds.sql"),
                "ALTER TABLE items ADD CONSTRAINT items_kind_check CHECK (kind IN ('a', 'b'));");
        try (TestDatabase prod = EmbeddedPg.createDatabase("reprint_prod");
             TestDatabase storeDb = EmbeddedPg.createDatabase("reprint_store")) {
            new MigrationSource("filesystem:" + dir, null).flyway(prod.url(), "2").migrate();
            prod.exec("ALTER TABLE items DROP CONSTRAINT items_kind_check; INSERT INTO items VALUES (1, 'a')");
            PGSimpleDataSource store = new PGSimpleDataSource();
            store.setURL(storeDb.jdbcUrl());
            new Store(store, "the test store", () -> { });
            Config config = new Config(new Config.Slack(null, null, "http://localhost/api/", OPS, "/schemabot", false),
                    Map.of("production", new Config.Target("production", prod.jdbcUrl(), "filesystem:" + dir, null, null)),
                    new Config.Approval(List.of("U0LEAD1", "U0LEAD2"), 2, Duration.ofMinutes(30)),
                    new Config.Server(0), new Config.Store(null), Config.Planning.defaults(), Config.Commands.defaults(),
                    new Config.Execute(Duration.ofSeconds(5), Duration.ofMinutes(1), 0));
            Ops ops = new Ops(EmbeddedPg.shared(), config.planning());
            Hotfixes hotfixes = Hotfixes.over(config, ops, store, Clock.systemUTC(), null);
            Config.Target target = config.targets().get("production");
            String expectedFingerprint = ops.drift(target).diff().toFingerprint();

            String id = hotfixes.propose(target, "U0ALICE", OPS, false).request().id();
            hotfixes.approve(id, "U0LEAD1", OPS);
            hotfixes.approve(id, "U0LEAD2", OPS);
            Execution run = hotfixes.execute(id, "U0LEAD1", OPS).execution();

            assertTrue(run.succeeded(), run.message());
            assertNotEquals(expectedFingerprint, io.schemabot.schema.LiveSchema.read(
                    io.schemabot.db.DatabaseUrl.parse(prod.jdbcUrl()), io.schemabot.schema.SnapshotOptions.defaults())
                    .fingerprint(), "the CHECK prints otherwise once re-created, or this test shows nothing");
            assertEquals("none", run.proof().driftAfter(), run.message());
        }
    }
}
