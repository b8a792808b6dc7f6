package io.schemabot.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemabot.config.Config;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthHttpTest {
    @Test
    void anUnreachableTargetMakesHealthDegradedButStill200AndNeverShowsItsPassword() throws Exception {
        try (TestDatabase store = EmbeddedPg.createDatabase("health_store")) {
            Config config = new Config(
                    new Config.Slack("secret", "xoxb-test", "http://127.0.0.1:1/api/", "C0OPS", "/schemabot", false),
                    Map.of("down", new Config.Target("down",
                            "postgres://app:hunter2-secret@127.0.0.1:1/prod", null, null, null)),
                    new Config.Approval(List.of("U0LEAD1", "U0LEAD2"), 2, Duration.ofMinutes(30)),
                    new Config.Server(0), new Config.Store(store.jdbcUrl()));
            try (SchemabotServer server = new SchemabotServer(config, Clock.systemUTC(), Path.of("target/test-data"), EmbeddedPg.shared()).start()) {
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());

                assertEquals(200, health.statusCode());
                JsonNode body = new ObjectMapper().readTree(health.body());
                assertEquals("degraded", body.get("status").asText(), health.body());
                assertFalse(body.at("/targets/down/reachable").asBoolean(true), health.body());
                assertTrue(body.at("/store/reachable").asBoolean(), health.body());
                assertFalse(health.body().contains("hunter2"), health.body());
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // a safety net: before the probe had a login limit, /health never answered
    void aTargetThatAcceptsConnectionsButNeverAnswersIsUnreachable() throws Exception {
        try (TestDatabase store = EmbeddedPg.createDatabase("health_hung_store");
             io.schemabot.testing.SilentServer hung = new io.schemabot.testing.SilentServer()) {
            Config config = new Config(
                    new Config.Slack("secret", "xoxb-test", "http://127.0.0.1:1/api/", "C0OPS", "/schemabot", false),
                    Map.of("hung", new Config.Target("hung", hung.url(null), null, null, null)),
                    new Config.Approval(List.of("U0LEAD1", "U0LEAD2"), 2, Duration.ofMinutes(30)),
                    new Config.Server(0), new Config.Store(store.jdbcUrl()));
            try (SchemabotServer server = new SchemabotServer(config, Clock.systemUTC(), Path.of("target/test-data"), EmbeddedPg.shared()).start()) {
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode body = new ObjectMapper().readTree(health.body());
                assertEquals(200, health.statusCode());
                assertFalse(body.at("/targets/hung/reachable").asBoolean(true), health.body());
                assertEquals("degraded", body.get("status").asText(), health.body());
            }
        }
    }
}
