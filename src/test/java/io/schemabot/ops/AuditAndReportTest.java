package io.schemabot.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemabot.config.Config;
import io.schemabot.store.Store;
import io.schemabot.testing.CliRun;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.IncidentProduction;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** After the incident's repair, the audit shows every step and the report, written from the store alone, names them. */
class AuditAndReportTest {
    @Test
    void theAuditListsEveryEventAndTheReportNamesEveryStep(@TempDir Path dir) throws Exception {
        try (TestDatabase prod = IncidentProduction.create("report_prod"); TestDatabase storeDb = EmbeddedPg.createDatabase("report_store")) {
            PGSimpleDataSource store = new PGSimpleDataSource();
            store.setURL(storeDb.jdbcUrl());
            new Store(store, "the test store", () -> { });
            Config config = CrashDuringExecutionTest.config(prod.jdbcUrl());
            Hotfixes hotfixes = Hotfixes.over(config, new Ops(EmbeddedPg.shared(), config.planning()), store, Clock.systemUTC(), null);
            String id = hotfixes.propose(config.targets().get("production"), "U0ALICE", CrashDuringExecutionTest.OPS, false)
                    .request().id();
            hotfixes.approve(id, "U0ALICE", CrashDuringExecutionTest.OPS);
            hotfixes.approve(id, "U0LEAD1", CrashDuringExecutionTest.OPS);
            hotfixes.approve(id, "U0LEAD2", CrashDuringExecutionTest.OPS);
            assertTrue(hotfixes.execute(id, "U0LEAD1", CrashDuringExecutionTest.OPS).execution().succeeded());

            Path yaml = dir.resolve("schemabot.yaml");
            Files.writeString(yaml, "slack:\n  channel: " + CrashDuringExecutionTest.OPS + "\nstore:\n  url: " + storeDb.jdbcUrl() + "\n");
            CliRun audit = CliRun.of("audit", "--config", yaml.toString(), "--format", "json");
            assertEquals(0, audit.status(), audit.err());
            List<String> events = new ArrayList<>();
            JsonNode list = new ObjectMapper().readTree(audit.out());
            list.forEach(e -> events.add(e.get("event").asText() + (e.get("user").isNull() ? "" : " " + e.get("user").asText())));
            assertEquals(List.of("proposed U0ALICE", "refused U0ALICE", "approved U0LEAD1", "approved U0LEAD2", "executing U0LEAD1",
                    "succeeded U0LEAD1"), events);
            JsonNode succeeded = list.get(list.size() - 1);
            assertEquals(id, succeeded.get("requestId").asText());
            assertEquals("none", succeeded.at("/detail/proof/drift").asText(), succeeded.toString());
            assertEquals(500, succeeded.at("/detail/proof/tables/1/before").asLong(), succeeded.toString());

            CliRun report = CliRun.of("report", "--config", yaml.toString(), id);
            assertEquals(0, report.status(), report.err());
            String md = report.out();
            for (String expected : List.of("# Hotfix request " + id + ": production", "State: **SUCCEEDED**",
                    "alter table public.documents", "TABLE_REWRITE", "proposed by U0ALICE", "approved by U0LEAD1",
                    "approved by U0LEAD2", "executing by U0LEAD1", "| public.documents | 500 | 500 |",
                    "public.documents.id: checksums equal", "- drift after: none", "deploy")) {
                assertTrue(md.contains(expected), expected + " in:\n" + md);
            }
        }
    }
}
