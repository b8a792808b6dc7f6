package io.schemabot.ops;

import io.schemabot.config.Config;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.db.EmbeddedServer;
import io.schemabot.demo.IncidentDemo;
import io.schemabot.plan.Plan;
import io.schemabot.plan.PlanOptions;
import io.schemabot.testing.CliRun;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chat and the command line plan a hotfix through the same verb class; only where the settings come from differs. */
class OneCodePathTest {
    @Test
    void chatPlansWithTheConfigsPlanSettingsAndTheCliWithItsFlags_sameSettingsSamePlan() {
        DatabaseUrl production = IncidentDemo.createProduction(EmbeddedPg.shared(), "ops_one_path");
        Config base = IncidentDemo.config(production);
        Config config = new Config(base.slack(), base.targets(), base.approval(), base.server(), base.store(),
                new Config.Planning(Duration.ofSeconds(7), Duration.ofMinutes(20), Duration.ofSeconds(30)));
        Config.Target target = config.targets().get("production");

        Plan chat = new Ops(EmbeddedPg.shared(), config.planning()).hotfix(target);
        assertTrue(chat.sql().contains("SET LOCAL lock_timeout = '7s';\nSET LOCAL statement_timeout = '20min';\n"),
                chat.sql());
        assertFalse(chat.checks().isEmpty());
        assertTrue(chat.checks().stream().allMatch(c -> c.ran()), "the data checks ran against production");

        CliRun cli = CliRun.of("plan", "--from", target.url(), "--to", "migrations:" + target.migrations(),
                "--lock-timeout", "7s", "--statement-timeout", "20min", "--format", "json");
        assertEquals(1, cli.status(), cli.err());
        assertTrue(cli.out().contains("\"hash\" : \"" + chat.hash() + "\""), "the same plan, byte for byte:\n" + cli.out());

        Plan direct = new HotfixOp(new SchemaSources(io.schemabot.schema.SnapshotOptions.defaults(),
                io.schemabot.migrate.ShadowServer.embedded(EmbeddedPg.shared()), null, null),
                PlanOptions.defaults().withTimeouts(Duration.ofSeconds(7), Duration.ofMinutes(20)), Duration.ofSeconds(30))
                .plan(target.url(), "migrations:" + target.migrations(), null);
        assertEquals(chat.hash(), direct.hash());
    }

    @Test
    void aDiffBetweenTwoLiveDatabasesNeverStartsTheEmbeddedServer() throws Exception {
        try (TestDatabase a = EmbeddedPg.createDatabase("ops_lazy_a"); TestDatabase b = EmbeddedPg.createDatabase("ops_lazy_b");
             EmbeddedServer unused = new EmbeddedServer()) {
            a.exec("CREATE TABLE t (id int)");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = io.schemabot.cli.Main.run(new String[] {"diff", "--from", a.jdbcUrl(), "--to", b.jdbcUrl()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), unused);
            assertEquals(1, status, out.toString(StandardCharsets.UTF_8));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("table public.t"), out.toString(StandardCharsets.UTF_8));
            assertFalse(unused.started(), "no side needed a shadow database, so no server was started");
        }
    }

    @Test
    void chatPreflightGivesEachDataCheckTheConfigsCheckTimeout(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("V1__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, status text);");
        java.nio.file.Files.writeString(dir.resolve("V2__status.sql"),
                "ALTER TABLE orders ADD CONSTRAINT orders_status CHECK (status IN ('new', 'paid'));");
        try (TestDatabase prod = EmbeddedPg.createDatabase("ops_check_timeout")) {
            new io.schemabot.migrate.MigrationSource("filesystem:" + dir, null).flyway(prod.url(), "1").migrate();
            prod.exec("INSERT INTO orders SELECT g, 'new' FROM generate_series(1, 300000) g");
            Config.Target target = new Config.Target("prod", prod.jdbcUrl(), "filesystem:" + dir, null, null);
            Config.Planning oneMillisecond = new Config.Planning(Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofMillis(1));

            var report = new Ops(EmbeddedPg.shared(), oneMillisecond).preflight(target);

            var check = report.migrations().get(0).dataChecks().get(0).check();
            assertFalse(check.ran(), "a 1 ms limit cannot count 300,000 rows: " + check.outcome());
            assertTrue(check.outcome().startsWith("not checked"), check.outcome());
        }
    }
}
