package io.schemabot.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemabot.chat.CommandRouter;
import io.schemabot.chat.Invocation;
import io.schemabot.config.Config;
import io.schemabot.console.ConsoleText;
import io.schemabot.testing.CliRun;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.OneTargetChat;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, point 7, as a target sees it: production's grants beyond its migrations are called a security finding,
 * and grants to the roles a target's config ignores make no change and are named in every reply.
 */
class PrivilegeDriftTest {
    private static final String ROLES = """
            DO $$ BEGIN CREATE ROLE priv_ops_app; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
            DO $$ BEGIN CREATE ROLE priv_ops_rds; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
            """;

    @TempDir
    Path dir;

    private String migrations() throws IOException {
        Files.writeString(dir.resolve("V1__first.sql"), ROLES
                + "CREATE TABLE t (id int PRIMARY KEY); GRANT SELECT ON t TO priv_ops_app;");
        return "filesystem:" + dir;
    }

    private static CommandRouter router(String url, String migrations, List<String> ignored) {
        Config config = new Config(new Config.Slack("s", "xoxb-1", "http://127.0.0.1:1/", OneTargetChat.CHANNEL,
                "/schemabot", false), Map.of("prod", new Config.Target("prod", url, migrations, null, null, "1", null,
                ignored)), new Config.Approval(List.of(), 1, Duration.ofMinutes(1)), new Config.Server(0),
                new Config.Store(null), Config.Planning.defaults());
        return new CommandRouter(config, new Ops(EmbeddedPg.shared(), config.planning()));
    }

    private static String say(CommandRouter router, String text) {
        return ConsoleText.render(router.handle(new Invocation("U0ALICE", OneTargetChat.CHANNEL, text)));
    }

    @Test
    void productionsExtraGrantIsASecurityFinding_andIgnoredGranteesMakeNoChangeButAreNamed() throws IOException {
        try (TestDatabase db = EmbeddedPg.createDatabase("priv_drift").exec(ROLES + """
                CREATE TABLE t (id int PRIMARY KEY);
                GRANT SELECT, DELETE ON t TO priv_ops_app;
                GRANT SELECT, UPDATE ON t TO priv_ops_rds;""")) {
            CommandRouter router = router(db.jdbcUrl(), migrations(), List.of("priv_ops_rds"));
            String diff = say(router, "diff prod");
            assertTrue(diff.startsWith("prod: 1 difference from its migrations"), diff);
            assertTrue(diff.contains("grants more than expected: DELETE on table public.t to priv_ops_app"
                    + " (granted → none)"), diff);
            assertTrue(diff.contains("Production grants more than its migrations: 1 privilege"), diff);
            assertTrue(diff.contains("Ignoring grants to: priv_ops_rds (config)"), diff);
            assertEquals(1, diff.split("priv_ops_rds", -1).length - 1, diff);

            String hotfix = say(router, "hotfix prod");
            assertTrue(hotfix.contains("REVOKE DELETE ON TABLE public.t FROM priv_ops_app;"), hotfix);
            assertTrue(hotfix.contains("Ignoring grants to: priv_ops_rds (config)"), hotfix);
            assertEquals(1, hotfix.split("priv_ops_rds", -1).length - 1, hotfix);

            String unignored = say(router(db.jdbcUrl(), migrations(), List.of()), "diff prod");
            assertTrue(unignored.contains("grants more than expected: UPDATE on table public.t to priv_ops_rds"),
                    unignored);
            assertFalse(unignored.contains("Ignoring grants"), unignored);
        }
    }

    @Test
    void cliDiff_ignoresTheGranteesItIsGiven_andSaysSoInTextAndJson() throws IOException {
        try (TestDatabase db = EmbeddedPg.createDatabase("priv_cli").exec(ROLES + """
                CREATE TABLE t (id int PRIMARY KEY);
                GRANT SELECT ON t TO priv_ops_app;
                GRANT SELECT ON t TO priv_ops_rds;""")) {
            String to = "migrations:" + migrations() + "@1";
            CliRun text = CliRun.of("diff", "--from", db.jdbcUrl(), "--to", to, "--ignore-grantee", "priv_ops_rds");
            assertEquals(0, text.status(), text.out() + text.err());
            assertTrue(text.out().contains("Ignoring grants to: priv_ops_rds"), text.out());
            CliRun json = CliRun.of("diff", "--from", db.jdbcUrl(), "--to", to, "--ignore-grantee", "priv_ops_rds",
                    "--format", "json");
            JsonNode report = new ObjectMapper().readTree(json.out());
            assertEquals("[\"priv_ops_rds\"]", report.get("ignoredGrantees").toString(), json.out());
            CliRun all = CliRun.of("diff", "--from", db.jdbcUrl(), "--to", to, "--format", "json");
            assertEquals(1, all.status(), all.out() + all.err());
            JsonNode change = new ObjectMapper().readTree(all.out()).get("changes").get(0);
            assertEquals("PrivilegeExtra", change.get("kind").asText(), all.out());
            assertEquals("priv_ops_rds", change.get("grantee").asText(), all.out());
        }
    }
}
