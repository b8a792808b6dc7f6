package io.schemabot.config;

import io.schemabot.config.Config.HealthCheck.CheckType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The config's health section: the issue's YAML as written, its defaults, and one line per mistake. */
class HealthConfigTest {
    private static final String TARGETS = """
            slack: {channel: C0OPS}
            targets:
              production: {url: "jdbc:postgresql://db:5432/app?user=ro", migrations: "filesystem:db/migration"}
            """;

    private static Config parse(String yaml) {
        return new ConfigLoader(Map.<String, String>of()::get).parse(TARGETS + yaml, "test");
    }

    private static List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).problems();
    }

    @Test
    void theIssuesExampleIsReadAsWritten() {
        Config.Health health = parse("""
                health:
                  remindAfter: 30m
                  checks:
                    - name: backend
                      type: http
                      url: https://example.internal/health
                      target: production
                      interval: 30s
                      timeout: 5s
                      downAfter: 2
                      upAfter: 1
                      expectStatus: 200
                      expectJson:
                        status: healthy
                        database_configured: true
                      channel: C0123456789
                """).health();
        assertEquals(Duration.ofMinutes(30), health.remindAfter());
        Config.HealthCheck backend = health.checks().get(0);
        assertEquals(new Config.HealthCheck("backend", CheckType.HTTP, "https://example.internal/health", "production",
                Duration.ofSeconds(30), Duration.ofSeconds(5), 2, 1, 200,
                Map.of("status", "healthy", "database_configured", "true"), "C0123456789", Duration.ZERO), backend);
        assertEquals(List.of("status", "database_configured"), List.copyOf(backend.expectJson().keySet()));
    }

    @Test
    void defaults_driftIsSlower_channelIsTheOpsChannel() {
        Config.Health health = parse("""
                health:
                  checks:
                    - {name: db, type: database, target: production}
                    - {name: schema, type: drift, target: production}
                    - {name: migrations, type: migrations, target: production, pendingFor: 1h}
                """).health();
        assertEquals(Duration.ofMinutes(30), health.remindAfter());
        Config.HealthCheck db = health.checks().get(0);
        assertEquals(Duration.ofSeconds(30), db.interval());
        assertEquals(Duration.ofSeconds(5), db.timeout());
        assertEquals(2, db.downAfter());
        assertEquals(1, db.upAfter());
        assertNull(db.expectStatus());
        assertEquals("C0OPS", db.channel());
        assertEquals(Duration.ofMinutes(10), health.checks().get(1).interval());
        assertEquals(Duration.ofMinutes(1), health.checks().get(1).timeout());
        assertEquals(Duration.ofHours(1), health.checks().get(2).pendingFor());
        assertEquals(Duration.ZERO, db.pendingFor());
    }

    @Test
    void noHealthSectionMeansNoChecks() {
        assertTrue(parse("").health().checks().isEmpty());
    }

    @Test
    void eachMistakeIsOneLine() {
        List<String> p = problems("""
                health:
                  remindAfter: soon
                  checks:
                    - {name: backend, type: http}
                    - {name: backend, type: http, url: "https://x/health", downAfter: 0}
                    - {name: db, type: database, target: prodution}
                    - {name: m, type: migrations}
                    - {name: q, type: ping, target: production}
                    - {name: r, type: drift, target: production, interval: 0s, timeout: later, retries: 3}
                """);
        assertEquals(List.of(
                "health.remindAfter: 'soon' is not a duration; write e.g. 500ms, 5s, 15min, 2h or 1d",
                "health.checks.backend.url: missing (an http check GETs this URL)",
                "health.checks.backend.downAfter: must be a whole number of at least 1",
                "health.checks.backend: the name is used by another check; names must be unique (alerts, metrics and"
                        + " /schemabot health tell checks apart by name)",
                "health.checks.db.target: target 'prodution' is not configured; known targets: production",
                "health.checks.m.target: missing (a migrations check watches a configured target)",
                "health.checks.q.type: 'ping' is not a check type; use http, database, migrations or drift",
                "health.checks.r.retries: unknown key (known: name, type, url, target, interval, timeout, downAfter,"
                        + " upAfter, expectStatus, expectJson, channel, pendingFor)",
                "health.checks.r.interval: must be more than 0",
                "health.checks.r.timeout: 'later' is not a duration; write e.g. 500ms, 5s, 15min, 2h or 1d"), p);
    }

    @Test
    void aMisspeltSectionKeyIsNamed() {
        assertEquals(List.of("health.remindEvery: unknown key (known: remindAfter, checks)"),
                problems("health: {remindEvery: 5m}"));
    }

    @Test
    void existingConstructorsStillBuildAConfigWithoutChecks() {
        Config c = new Config(null, Map.of(), new Config.Approval(List.of(), 2, Duration.ofMinutes(30)),
                new Config.Server(0), new Config.Store(null));
        assertTrue(c.health().checks().isEmpty());
    }
}
