package io.schemabot.config;

import io.schemabot.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    private static final Map<String, String> ENV = Map.of(
            "SLACK_SIGNING_SECRET", "s3cr3t-signing", "SLACK_BOT_TOKEN", "xoxb-123-abc",
            "PROD_URL", "postgres://app:p#ss:word@db.internal:5432/prod", "PORT", "9090");

    private static ConfigLoader loader() {
        return new ConfigLoader(ENV::get);
    }

    @Test
    void placeholdersAndDefaultsResolvePerValue() {
        Config c = loader().parse("""
                slack:
                  signingSecret: ${SLACK_SIGNING_SECRET}
                  botToken: ${SLACK_BOT_TOKEN}
                  apiUrl: ${SLACK_API_URL:-http://localhost:1234/api/}
                  channel: C0OPS
                targets:
                  production:
                    url: ${PROD_URL}
                    migrations: filesystem:db/migration
                approval:
                  approvers: [U01, S02GROUP]
                  ttl: 20min
                server:
                  port: ${PORT:-8080}
                """, "test");
        assertEquals("s3cr3t-signing", c.slack().signingSecret());
        assertEquals("http://localhost:1234/api/", c.slack().apiUrl());
        assertEquals("/schemabot", c.slack().command());
        assertEquals("postgres://app:p#ss:word@db.internal:5432/prod", c.targets().get("production").url());
        assertEquals(List.of("U01", "S02GROUP"), c.approval().approvers());
        assertEquals(2, c.approval().required());
        assertEquals(Duration.ofMinutes(20), c.approval().ttl());
        assertEquals(9090, c.server().port());
        assertNull(c.store().url());
        assertFalse(c.toString().contains("s3cr3t") || c.toString().contains("xoxb") || c.toString().contains("p#ss"),
                c.toString());
    }

    /** One approver besides the proposer is one person deciding alone: the two-person rule is not configurable away. */
    @Test
    void aSingleRequiredApproverIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader().parse("""
                slack:
                  signingSecret: ${SLACK_SIGNING_SECRET}
                  botToken: ${SLACK_BOT_TOKEN}
                  channel: C0OPS
                targets:
                  production:
                    url: ${PROD_URL}
                    migrations: filesystem:db/migration
                approval:
                  approvers: [U01, U02]
                  required: 1
                """, "test"));
        assertEquals(List.of("approval.required: must be at least 2 (two people other than the proposer approve every"
                + " hotfix); got 1"), e.problems());
    }

    @Test
    void everyProblemIsListedAtOnceOneLineEachWithoutSecrets() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader().parse("""
                slack:
                  signingSecert: oops
                  command: schemabot
                  botToken: ${MISSING_TOKEN}
                targets:
                  Prod:
                    url: mysql://root:hunter2@db/prod
                    migrations: db/migration
                approval:
                  approvers: [bob]
                  required: 0
                  ttl: soon
                server:
                  port: eighty
                """, "test"));
        List<String> p = e.problems();
        assertTrue(p.contains("slack.signingSecert: unknown key (known: signingSecret, botToken, apiUrl, channel, command, allowDirectMessages)"), p.toString());
        assertTrue(p.contains("slack.botToken: environment variable MISSING_TOKEN is not set"), p.toString());
        assertTrue(p.contains("slack.command: must start with / (e.g. /schemabot)"), p.toString());
        assertTrue(p.contains("targets.Prod: target names are lower-case letters, digits, - and _"), p.toString());
        assertTrue(p.stream().anyMatch(l -> l.startsWith("targets.Prod.url: not a PostgreSQL URL")), p.toString());
        assertTrue(p.contains("targets.Prod.migrations: must start with filesystem: or classpath:"), p.toString());
        assertTrue(p.contains("approval.approvers: 'bob' is not a Slack user id (U...) or user group id (S...)"), p.toString());
        assertTrue(p.contains("approval.required: must be at least 2 (two people other than the proposer approve every"
                + " hotfix); got 0"), p.toString());
        assertTrue(p.stream().anyMatch(l -> l.startsWith("approval.ttl: 'soon' is not a duration")), p.toString());
        assertTrue(p.contains("server.port: 'eighty' is not a port number"), p.toString());
        assertEquals(10, p.size(), p.toString());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void serveStopsWithExitTwoListingProblemsAndNeverPrintsSecrets(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                slack:
                  signingSecret: super-secret-value
                  botToken: not-a-bot-token
                targets:
                  production:
                    url: postgres://app:hunter2@localhost:1/prod
                """);
        CliRun run = CliRun.of("serve", "--config", file.toString());
        assertEquals(2, run.status());
        List<String> lines = run.err().strip().lines().toList();
        assertEquals(List.of(
                "schemabot: config: slack.botToken: must be a bot token (xoxb-...)",
                "schemabot: config: slack.channel: missing (the ops channel's id, e.g. C0123456789)",
                "schemabot: config: approval.approvers: list who may approve hotfixes (Slack user ids or a user group id)"),
                lines);
        assertFalse(run.err().contains("super-secret") || run.err().contains("hunter2"));
        assertEquals(2, CliRun.of("serve", "--config", dir.resolve("nope.yaml").toString()).status());
    }

    @Test
    void shippedConfigFilesAreValid() {
        ConfigLoader withEnv = new ConfigLoader(name -> switch (name) {
            case "SLACK_SIGNING_SECRET" -> "x";
            case "SLACK_BOT_TOKEN" -> "xoxb-1";
            case "BACKEND_HEALTH_URL" -> "https://backend.internal/health";
            default -> name.endsWith("DATABASE_URL") ? "postgres://u:p@localhost:5432/db" : null;
        });
        Config defaults = withEnv.load(Path.of("config/schemabot.yaml"));
        assertEquals(8080, defaults.server().port());
        assertEquals("https://slack.com/api/", defaults.slack().apiUrl());
        Config example = withEnv.load(Path.of("config/example.yaml"));
        assertEquals(2, example.targets().size());
        assertEquals(3, example.approval().approvers().size());
        assertEquals(List.of("backend", "production-database", "production-migrations", "production-drift"),
                example.health().checks().stream().map(Config.HealthCheck::name).toList());
        ServeRequirements.check(example);
    }

    @Test
    void aMissingEnvironmentVariableIsReportedOnceNamingEveryKeyThatUsesIt() {
        ConfigLoader loader = new ConfigLoader(name -> name.equals("SLACK_BOT_TOKEN") ? "xoxb-1" : null);
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
                slack:
                  signingSecret: s
                  botToken: ${SLACK_BOT_TOKEN}
                  channel: C0OPS
                targets:
                  production:
                    url: ${DATABASE_URL}
                store:
                  url: ${DATABASE_URL}
                """, "test"));
        assertEquals(List.of("targets.production.url, store.url: environment variable DATABASE_URL is not set"),
                e.problems());
    }

    @Test
    void serveRefusesATokenThatIsOnlyThePrefixOfABotToken() {
        Config config = new ConfigLoader(name -> null).parse("""
                slack: {signingSecret: s, botToken: xoxb-, channel: C0OPS}
                targets: {production: {url: "postgres://u@h/db"}}
                approval: {approvers: [U0ALICE]}
                """, "test");
        ConfigException e = assertThrows(ConfigException.class, () -> ServeRequirements.check(config));
        assertEquals(List.of("slack.botToken: must be a bot token (xoxb-...)"), e.problems());
    }

    @Test
    void aTargetsBaselineVersionIsReadAndChecked() {
        ConfigLoader loader = new ConfigLoader(name -> null);
        Config config = loader.parse("""
                targets: {legacy: {url: "postgres://u@h/db", baselineVersion: "2.1"}}
                """, "test");
        assertEquals("2.1", config.targets().get("legacy").baselineVersion());
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
                targets: {legacy: {url: "postgres://u@h/db", baselineVersion: two}}
                """, "test"));
        assertEquals(List.of("targets.legacy.baselineVersion: 'two' is not a version such as 1 or 2.1"), e.problems());
    }
}
