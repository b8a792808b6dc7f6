package io.schemabot.migrate;

import io.schemabot.testing.EmbeddedPg;
import io.schemabot.cli.output.MigrateReports;
import io.schemabot.diff.TableChange;
import io.schemabot.diff.DiffResult;
import io.schemabot.diff.SchemaDiff;
import io.schemabot.plan.Plan;
import io.schemabot.plan.Planner;
import io.schemabot.schema.SnapshotOptions;
import io.schemabot.ops.SchemaSources;
import io.schemabot.testing.CliRun;
import io.schemabot.testing.IncidentProduction;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.schemabot.testing.IncidentProduction.MIGRATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The incident end to end: status, drift, preflight, hotfix, preflight again, then the real migration. */
class IncidentMigrationsTest {
    private final MigrationSource source = new MigrationSource(MIGRATIONS, null);

    @Test
    void fromDriftToASuccessfulDeploy() {
        try (TestDatabase prod = IncidentProduction.create("inc_mig")) {
            // status: version 2, V3 pending
            MigrationStatus status = StatusReader.read(prod.url(), source);
            assertEquals("2", status.currentVersion());
            assertEquals(List.of("1", "2"), status.applied().stream().map(MigrationStatus.Entry::version).toList());
            assertEquals(List.of("3"), status.pending().stream().map(MigrationStatus.Entry::version).toList());
            assertTrue(status.healthy(), status.problems().toString());

            // drift: the migrations' schema at the applied version against production
            SchemaSources sources = new SchemaSources(SnapshotOptions.defaults(), ShadowServer.embedded(EmbeddedPg.shared()), null, null);
            SchemaSources.Sides sides = sources.load(prod.jdbcUrl(), "migrations:" + MIGRATIONS);
            assertEquals("migrations:" + MIGRATIONS + "@2", sides.toLabel());
            DiffResult drift = SchemaDiff.between(sides.from(), sides.to());
            assertEquals(List.of(
                    new TableChange.TableAdded("public.admin_activities", drift.changes().get(0) instanceof TableChange.TableAdded t
                            ? t.contents() : null),
                    new TableChange.ColumnTypeChanged("public.document_questions", "document_id", "uuid", "character varying(36)"),
                    new TableChange.ColumnTypeChanged("public.documents", "id", "uuid", "character varying(36)"),
                    new TableChange.ColumnTypeChanged("public.documents", "parent_document_id", "uuid", "character varying(36)")),
                    drift.changes());
            assertEquals(List.of("column id bigint NOT NULL DEFAULT nextval('public.admin_activities_id_seq'::regclass)",
                    "column actor text NOT NULL", "column action text NOT NULL",
                    "column created_at timestamp with time zone NOT NULL DEFAULT now()",
                    "constraint admin_activities_pkey: PRIMARY KEY (id)"), drift.changes().get(0).details());

            // preflight: V3 fails with 42804 on the new FK and 42P01 on admin_activities, both tied to the drift
            PreflightReport report = new Preflight(source, ShadowServer.embedded(EmbeddedPg.shared()), SnapshotOptions.defaults(), Duration.ofMinutes(2)).run(prod.url());
            assertFalse(report.passed());
            PreflightReport.MigrationOutcome v3 = report.migrations().get(0);
            assertEquals("3", v3.version());
            assertEquals(List.of("42804", "42P01", "42P01"), v3.failures().stream().map(PreflightReport.Failure::sqlState).toList());
            PreflightReport.Failure fk = v3.failures().get(0);
            assertTrue(fk.statement().startsWith("CREATE TABLE document_share_links"), fk.statement());
            assertTrue(fk.detail().contains("incompatible types: character varying and uuid"), fk.detail());
            assertEquals(List.of("production has public.documents.id as uuid while the migrations made it character varying(36)"),
                    fk.explanations());
            PreflightReport.Failure missing = v3.failures().get(1);
            assertEquals("relation \"admin_activities\" does not exist", missing.message());
            assertTrue(missing.explanations().get(0).startsWith("public.admin_activities is missing in production"));
            assertEquals(4, report.drift().size());

            // the hotfix: plan production -> migrations@2, apply, and the drift is gone
            Plan hotfix = Planner.plan(drift, sides.from(), sides.to());
            PlanRoundTrip.apply(prod, hotfix);
            SchemaSources.Sides after = sources.load(prod.jdbcUrl(), "migrations:" + MIGRATIONS);
            assertTrue(SchemaDiff.between(after.from(), after.to()).isEmpty());
            assertEquals(500, prod.queryLong("SELECT count(*) FROM documents"));

            // preflight now passes, and lints V3
            PreflightReport again = new Preflight(source, ShadowServer.embedded(EmbeddedPg.shared()), SnapshotOptions.defaults(), Duration.ofMinutes(2)).run(prod.url());
            assertTrue(again.passed(), MigrateReports.preflightText(again));
            assertTrue(again.drift().isEmpty());
            assertTrue(again.migrations().get(0).hazards().stream().anyMatch(h -> h.object().contains("admin_activities")),
                    again.migrations().get(0).hazards().toString());

            // and migrating production for real succeeds
            source.flyway(prod.url(), null).migrate();
            assertEquals("3", StatusReader.read(prod.url(), source).currentVersion());
        }
    }

    @Test
    void preflightCommandExitsOneAndCarriesSqlStateInJson() throws Exception {
        try (TestDatabase prod = IncidentProduction.create("inc_cli")) {
            CliRun run = CliRun.of("preflight", "--url", prod.jdbcUrl(), "--migrations", MIGRATIONS, "--format", "json");
            assertEquals(1, run.status(), run.err());
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertEquals("42804", json.at("/migrations/0/failures/0/sqlState").asText());
            assertFalse(json.get("passed").asBoolean());
            CliRun text = CliRun.of("preflight", "--url", prod.jdbcUrl(), "--migrations", MIGRATIONS);
            assertTrue(text.out().contains("V3 share links and activity targets: FAILED"), text.out());
            assertTrue(text.out().contains("because: production has public.documents.id as uuid"), text.out());

            CliRun status = CliRun.of("status", "--url", prod.jdbcUrl(), "--migrations", MIGRATIONS, "--format", "json");
            assertEquals(0, status.status(), status.err());
            JsonNode s = new ObjectMapper().readTree(status.out());
            assertEquals("2", s.get("currentVersion").asText());
            assertEquals("3", s.at("/pending/0/version").asText());
            assertEquals(2, s.get("applied").size());
            assertEquals(0, s.get("failed").size());
            assertEquals(0, s.get("problems").size());

            CliRun diff = CliRun.of("diff", "--from", prod.jdbcUrl(), "--to", "migrations:" + MIGRATIONS, "--format", "json");
            assertEquals(1, diff.status(), diff.err());
            assertTrue(diff.out().contains("\"to\" : \"character varying(36)\""), diff.out());
        }
    }
}
