package io.schemabot.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemabot.cli.output.MigrateReports;
import io.schemabot.plan.DataCheck;
import io.schemabot.schema.SnapshotOptions;
import io.schemabot.testing.CliRun;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Preflight runs the data checks of each pending migration's changes against production's rows. */
class PreflightDataChecksTest {
    private static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL,"
            + " email text, note text);";
    private static final String STATUS_CHECK =
            "ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('new','paid','shipped'));";

    @TempDir
    Path dir;

    @Test
    void preflight_newCheckThatProductionRowsViolate_willFailOnProductionData() throws IOException {
        migration("V1__orders.sql", ORDERS);
        migration("V2__status_check.sql", STATUS_CHECK);
        try (TestDatabase prod = production("pf_check", "1")) {
            prod.exec("INSERT INTO orders (id, status) VALUES (1, 'new'), (2, 'refunded'), (3, 'paid')");
            PreflightReport report = preflight(prod, Duration.ofMinutes(2));
            String text = MigrateReports.preflightText(report);
            assertFalse(report.passed(), text);
            PreflightReport.MigrationOutcome v2 = report.migrations().get(0);
            assertTrue(v2.ok(), "the shadow applied it: " + text);
            assertTrue(v2.failsOnProductionData(), text);
            DataCheck check = v2.dataChecks().get(0).check();
            assertEquals(1L, check.violations());
            assertEquals("2", check.example());
            assertNotNull(v2.dataChecks().get(0).millis());
            assertTrue(text.startsWith("Preflight of " + prod.url().describe()
                    + ": a pending migration will fail on production data\n"), text);
            assertTrue(text.contains("V2 status check: applies on the shadow in "), text);
            assertTrue(text.contains(", but WILL FAIL on production data\n"), text);
            assertTrue(text.contains("  will fail on production data: rows of public.orders violating CHECK"), text);
            assertTrue(text.contains(": 1 row would fail, e.g. 2 (took "), text);
        }
    }

    @Test
    void preflightCommand_failingDataCheck_exitsOneAndSaysSoInJson() throws Exception {
        migration("V1__orders.sql", ORDERS);
        migration("V2__unique_email.sql", "CREATE UNIQUE INDEX orders_email_key ON orders (email);");
        try (TestDatabase prod = production("pf_cli", "1")) {
            prod.exec("INSERT INTO orders (id, status, email) VALUES (1, 'new', 'a@x'), (2, 'new', 'a@x')");
            CliRun run = CliRun.of("preflight", "--url", prod.jdbcUrl(), "--migrations", "filesystem:" + dir,
                    "--check-timeout", "30s", "--format", "json");
            assertEquals(1, run.status(), run.err() + run.out());
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertFalse(json.get("passed").asBoolean());
            assertTrue(json.at("/migrations/0/ok").asBoolean());
            assertTrue(json.at("/migrations/0/failsOnProductionData").asBoolean());
            assertEquals(1, json.at("/migrations/0/dataChecks/0/check/violations").asLong());
            assertEquals("a@x", json.at("/migrations/0/dataChecks/0/check/example").asText());
        }
    }

    @Test
    void preflight_narrowedTypeAndNewForeignKey_countValuesTooLongAndOrphans() throws IOException {
        migration("V1__orders.sql", ORDERS + " CREATE TABLE customers (id bigint PRIMARY KEY);"
                + " ALTER TABLE orders ADD COLUMN customer_id bigint;");
        migration("V2__narrow_and_link.sql", "ALTER TABLE orders ALTER COLUMN status TYPE varchar(5);"
                + " ALTER TABLE orders ADD CONSTRAINT orders_customer_fkey FOREIGN KEY (customer_id)"
                + " REFERENCES customers (id);");
        try (TestDatabase prod = production("pf_types", "1")) {
            prod.exec("INSERT INTO customers VALUES (1); INSERT INTO orders (id, status, customer_id)"
                    + " VALUES (1, 'new', 1), (2, 'refunded', 1), (3, 'paid', 7)");
            PreflightReport report = preflight(prod, Duration.ofMinutes(2));
            String text = MigrateReports.preflightText(report);
            assertFalse(report.passed(), text);
            assertEquals(List.of("1 row would fail, e.g. 7", "1 row would fail, e.g. refunded"),
                    report.migrations().get(0).dataChecks().stream().filter(PreflightReport.DataCheckResult::fails)
                            .map(c -> c.check().outcome()).sorted().toList(), text);
        }
    }

    @Test
    void preflight_checksThatProductionRowsPass_sayOkAndExitZero() throws IOException {
        migration("V1__orders.sql", ORDERS);
        migration("V2__status_check.sql", STATUS_CHECK);
        migration("V3__email_required.sql", "ALTER TABLE orders ALTER COLUMN email SET NOT NULL;");
        try (TestDatabase prod = production("pf_ok", "1")) {
            prod.exec("INSERT INTO orders (id, status, email) VALUES (1, 'new', 'a@x'), (2, 'paid', 'b@x')");
            PreflightReport report = preflight(prod, Duration.ofMinutes(2));
            String text = MigrateReports.preflightText(report);
            assertTrue(report.passed(), text);
            assertTrue(text.contains(": all 2 pending migrations apply\n"), text);
            assertTrue(text.contains("  data check: rows of public.orders where email is NULL: ok: 0 rows (took "),
                    text);
            assertEquals(0, CliRun.of("preflight", "--url", prod.jdbcUrl(), "--migrations", "filesystem:" + dir)
                    .status());
        }
    }

    @Test
    void preflight_checkOnWhatAnEarlierPendingMigrationCreates_isNotCheckedNamingIt() throws IOException {
        migration("V1__orders.sql", ORDERS);
        migration("V2__refunds.sql", "CREATE TABLE refunds (id bigint PRIMARY KEY, amount numeric);"
                + " ALTER TABLE orders ADD COLUMN refunded_at timestamptz;");
        migration("V3__constraints.sql", "ALTER TABLE refunds ADD CONSTRAINT refunds_amount CHECK (amount > 0);"
                + " ALTER TABLE orders ALTER COLUMN refunded_at SET NOT NULL;"
                + " ALTER TABLE orders ALTER COLUMN note SET NOT NULL;");
        try (TestDatabase prod = production("pf_created", "1")) {
            prod.exec("INSERT INTO orders (id, status, note) VALUES (1, 'new', 'n')");
            PreflightReport report = preflight(prod, Duration.ofMinutes(2));
            String text = MigrateReports.preflightText(report);
            List<PreflightReport.DataCheckResult> v3 = report.migrations().get(1).dataChecks();
            assertEquals(List.of("not checked: created by V2", "not checked: created by V2", "ok: 0 rows"),
                    v3.stream().map(c -> c.check().outcome()).sorted().toList(), text);
            v3.stream().filter(c -> !c.check().ran()).forEach(c -> assertNull(c.millis()));
            assertTrue(report.passed(), text);
            assertTrue(text.contains(": all 2 pending migrations apply (2 data checks not run or not conclusive)\n"), text);
        }
    }

    @Test
    void preflight_rowsThatAPendingMigrationUpdatesFirst_areNotConclusiveRatherThanFailing() throws IOException {
        migration("V1__orders.sql", ORDERS);
        migration("V2__refunded_is_paid.sql", "UPDATE public.orders SET status = 'paid' WHERE status = 'refunded';");
        migration("V3__status_check.sql", STATUS_CHECK);
        try (TestDatabase prod = production("pf_writes", "1")) {
            prod.exec("INSERT INTO orders (id, status) VALUES (1, 'new'), (2, 'refunded')");
            PreflightReport report = preflight(prod, Duration.ofMinutes(2));
            String text = MigrateReports.preflightText(report);
            assertTrue(report.passed(), text);
            PreflightReport.DataCheckResult check = report.migrations().get(1).dataChecks().get(0);
            assertEquals("not conclusive: today 1 row would fail, e.g. 2, but V2 (UPDATE orders) writes these rows"
                    + " first, which the schema-only shadow cannot replay", check.outcome());
            assertTrue(text.contains(": all 2 pending migrations apply (1 data check not run or not conclusive)\n"),
                    text);
        }
    }

    @Test
    void preflight_checkThatExceedsItsTimeout_saysNotCheckedNeverOk() throws IOException {
        migration("V1__orders.sql", ORDERS);
        migration("V2__status_check.sql", STATUS_CHECK);
        try (TestDatabase prod = production("pf_timeout", "1")) {
            prod.exec("INSERT INTO orders (id, status) SELECT g, 'new' FROM generate_series(1, 300000) g");
            PreflightReport report = preflight(prod, Duration.ofMillis(1));
            String text = MigrateReports.preflightText(report);
            DataCheck check = report.migrations().get(0).dataChecks().get(0).check();
            assertFalse(check.ran(), text);
            assertTrue(check.outcome().startsWith("not checked: "), check.outcome());
            assertTrue(check.outcome().contains("statement timeout"), check.outcome());
            assertFalse(text.contains("ok: 0 rows"), text);
            assertTrue(text.contains(": the 1 pending migration applies (1 data check not run or not conclusive)\n"), text);
        }
    }

    @Test
    void preflightCommand_checkTimeoutOfZero_isRefusedBeforeConnecting() {
        CliRun run = CliRun.of("preflight", "--url", "jdbc:postgresql://localhost:1/none?user=x",
                "--migrations", "filesystem:" + dir, "--check-timeout", "0s");
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains("--check-timeout must be more than 0"), run.err());
    }

    private TestDatabase production(String prefix, String version) {
        TestDatabase prod = EmbeddedPg.createDatabase(prefix);
        source().flyway(prod.url(), version).migrate();
        return prod;
    }

    private PreflightReport preflight(TestDatabase prod, Duration checkTimeout) {
        return new Preflight(source(), ShadowServer.embedded(EmbeddedPg.shared()), SnapshotOptions.defaults(),
                checkTimeout).run(prod.url());
    }

    private MigrationSource source() {
        return new MigrationSource("filesystem:" + dir, null);
    }

    private void migration(String name, String sql) throws IOException {
        Files.writeString(dir.resolve(name), sql);
    }
}
