package io.schemabot.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.schemabot.config.Config;
import io.schemabot.secret.Redactor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GETs a URL: healthy when the status is the expected one (any 2xx unless {@code expectStatus} says) and every
 * {@code expectJson} field equals the body's field of that name, compared as text ({@code a.b} reaches into
 * objects).
 */
public final class HttpCheck implements Check {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** A health endpoint answers in a few hundred bytes; a runaway body must not fill the heap. */
    private static final int MAX_BODY = 64 * 1024;

    private final Config.HealthCheck spec;
    private final HttpClient http;
    private final String command;

    HttpCheck(Config.HealthCheck spec, HttpClient http, String command) {
        this.spec = spec;
        this.http = http;
        this.command = command;
    }

    @Override
    public Config.HealthCheck spec() {
        return spec;
    }

    @Override
    public CheckResult run() {
        String where = Redactor.endpoint(spec.url());
        long start = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(spec.url())).timeout(spec.timeout())
                    .header("User-Agent", "schemabot-health").header("Accept", "application/json").GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            }
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            int status = response.statusCode();
            String summary = "HTTP " + status + " in " + Evidence.took(latency);
            boolean statusOk = spec.expectStatus() == null ? status / 100 == 2 : status == spec.expectStatus();
            if (!statusOk) {
                String expected = spec.expectStatus() == null ? "a 2xx" : String.valueOf(spec.expectStatus());
                return CheckResult.failed(latency, summary + " (expected " + expected + ") from " + where,
                        Evidence.firstLines(body), nextStep());
            }
            List<String> mismatches = mismatches(body);
            if (!mismatches.isEmpty()) {
                return CheckResult.failed(latency, summary + " from " + where + ", but "
                        + String.join("; ", mismatches), Evidence.firstLines(body), nextStep());
            }
            return CheckResult.healthy(latency, summary);
        } catch (HttpTimeoutException e) {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            return CheckResult.failed(latency, "no answer from " + where + " within " + Evidence.took(spec.timeout()),
                    "", nextStep());
        } catch (IOException | RuntimeException e) {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            return CheckResult.failed(latency, "GET " + where + " failed: " + Evidence.error(e), "", nextStep());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.failed(Duration.ofNanos(System.nanoTime() - start), "check interrupted", "", null);
        }
    }

    /** Each expected field that the body does not have as expected, said in a few words. */
    private List<String> mismatches(String body) {
        List<String> out = new ArrayList<>();
        if (spec.expectJson().isEmpty()) {
            return out;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            out.add("the body is not JSON");
            return out;
        }
        for (Map.Entry<String, String> e : spec.expectJson().entrySet()) {
            JsonNode node = root;
            for (String part : e.getKey().split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            if (node == null || node.isMissingNode()) {
                out.add(e.getKey() + " is missing (expected " + e.getValue() + ")");
            } else {
                String actual = node.isValueNode() ? node.asText() : node.toString();
                if (!actual.equals(e.getValue())) {
                    out.add(e.getKey() + " is " + actual + " (expected " + e.getValue() + ")");
                }
            }
        }
        return out;
    }

    private String nextStep() {
        return spec.target() != null ? command + " status " + spec.target() : "curl -i " + Redactor.endpoint(spec.url());
    }
}
