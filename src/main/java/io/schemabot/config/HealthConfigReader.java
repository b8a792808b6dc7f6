package io.schemabot.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemabot.config.Config.HealthCheck.CheckType;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code health} section (remindAfter and the checks) for {@link ConfigLoader}, adding one line per
 * problem to the loader's list.
 */
final class HealthConfigReader {
    private static final List<String> SECTION_KEYS = List.of("remindAfter", "checks");
    private static final List<String> CHECK_KEYS = List.of("name", "type", "url", "target", "interval", "timeout",
            "downAfter", "upAfter", "expectStatus", "expectJson", "channel", "pendingFor");
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    /** The drift check compares whole schemas through a shadow database: not something to do every 30 s. */
    private static final Duration DRIFT_INTERVAL = Duration.ofMinutes(10);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Building the expected schema in a shadow database takes seconds; 5 s would page people for a slow shadow. */
    private static final Duration DRIFT_TIMEOUT = Duration.ofMinutes(1);

    private HealthConfigReader() {
    }

    static Config.Health read(JsonNode health, Set<String> targets, String slackChannel, List<String> problems) {
        if (health.isMissingNode() || health.isNull()) {
            return Config.Health.defaults();
        }
        if (!health.isObject()) {
            problems.add("health: must be a map with remindAfter and checks");
            return Config.Health.defaults();
        }
        unknownKeys(health, SECTION_KEYS, "health", problems);
        Duration remindAfter = ConfigLoader.duration(health, "health", "remindAfter",
                Config.Health.defaults().remindAfter(), problems);
        JsonNode list = health.path("checks");
        List<Config.HealthCheck> checks = new ArrayList<>();
        if (!list.isMissingNode() && !list.isNull() && !list.isArray()) {
            problems.add("health.checks: must be a YAML list of checks, each with a name and a type");
            return new Config.Health(remindAfter, checks);
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Config.HealthCheck check = check(list.get(i), i, targets, slackChannel, problems);
            if (check == null) {
                continue;
            }
            if (!names.add(check.name())) {
                problems.add("health.checks." + check.name() + ": the name is used by another check; names must be"
                        + " unique (alerts, metrics and /schemabot health tell checks apart by name)");
            }
            checks.add(check);
        }
        return new Config.Health(remindAfter, checks);
    }

    /** One check, or null when it is too broken to be one (its problems are added). */
    private static Config.HealthCheck check(JsonNode node, int index, Set<String> targets, String slackChannel,
                                            List<String> problems) {
        String name = ConfigLoader.text(node, "name");
        String key = name != null && name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")
                ? "health.checks." + name : "health.checks[" + index + "]";
        if (!node.isObject()) {
            problems.add(key + ": must be a map with name, type and url or target");
            return null;
        }
        unknownKeys(node, CHECK_KEYS, key, problems);
        if (name == null) {
            problems.add(key + ".name: missing");
            return null;
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            problems.add(key + ".name: '" + name + "' must be letters, digits, '.', '-' and '_'");
        }
        String typeText = ConfigLoader.text(node, "type");
        CheckType type = null;
        if (typeText == null) {
            problems.add(key + ".type: missing (http, database, migrations or drift)");
        } else {
            try {
                type = CheckType.valueOf(typeText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(key + ".type: '" + typeText + "' is not a check type; use http, database, migrations"
                        + " or drift");
            }
        }
        String url = ConfigLoader.text(node, "url");
        String target = ConfigLoader.text(node, "target");
        if (type == CheckType.HTTP) {
            if (url == null) {
                problems.add(key + ".url: missing (an http check GETs this URL)");
            } else if (!isHttpUrl(url)) {
                problems.add(key + ".url: must be an http(s) URL");
            }
        } else if (type != null) {
            if (url != null) {
                problems.add(key + ".url: only http checks have a url; a " + type.key() + " check names a target");
            }
            if (target == null) {
                problems.add(key + ".target: missing (a " + type.key() + " check watches a configured target)");
            }
        }
        if (target != null && !targets.contains(target)) {
            problems.add(key + ".target: target '" + target + "' is not configured; known targets: "
                    + (targets.isEmpty() ? "none" : String.join(", ", targets)));
        }
        Duration interval = positive(node, key, "interval", type == CheckType.DRIFT ? DRIFT_INTERVAL : DEFAULT_INTERVAL,
                problems);
        Duration timeout = positive(node, key, "timeout", type == CheckType.DRIFT ? DRIFT_TIMEOUT : DEFAULT_TIMEOUT,
                problems);
        int downAfter = count(node, key, "downAfter", 2, problems);
        int upAfter = count(node, key, "upAfter", 1, problems);
        Integer expectStatus = null;
        String status = ConfigLoader.text(node, "expectStatus");
        if (status != null) {
            if (status.matches("[1-5][0-9][0-9]")) {
                expectStatus = Integer.parseInt(status);
            } else {
                problems.add(key + ".expectStatus: '" + status + "' is not an HTTP status such as 200");
            }
        }
        Map<String, String> expectJson = new LinkedHashMap<>();
        JsonNode json = node.path("expectJson");
        if (json.isObject()) {
            json.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode()) {
                    expectJson.put(e.getKey(), e.getValue().asText());
                } else {
                    problems.add(key + ".expectJson." + e.getKey() + ": must be a plain value such as healthy,"
                            + " true or 3");
                }
            });
        } else if (!json.isMissingNode() && !json.isNull()) {
            problems.add(key + ".expectJson: must be a map of field names to values, e.g. status: healthy");
        }
        if (type != null && type != CheckType.HTTP && (expectStatus != null || !expectJson.isEmpty())) {
            problems.add(key + ": expectStatus and expectJson belong to http checks");
        }
        String channel = ConfigLoader.text(node, "channel");
        if (channel == null && slackChannel == null) {
            problems.add(key + ".channel: missing, and slack.channel is not set; alerts need a channel");
        }
        Duration pendingFor = ConfigLoader.duration(node, key, "pendingFor", Duration.ZERO, problems);
        if (type == null) {
            return null;
        }
        return new Config.HealthCheck(name, type, url, target, interval, timeout, downAfter, upAfter, expectStatus,
                expectJson, channel != null ? channel : slackChannel, pendingFor);
    }

    private static Duration positive(JsonNode node, String key, String field, Duration fallback, List<String> problems) {
        Duration d = ConfigLoader.duration(node, key, field, fallback, problems);
        if (d.isZero()) {
            problems.add(key + "." + field + ": must be more than 0");
            return fallback;
        }
        return d;
    }

    private static int count(JsonNode node, String key, String field, int fallback, List<String> problems) {
        String text = ConfigLoader.text(node, field);
        if (text == null) {
            return fallback;
        }
        if (!text.matches("[0-9]{1,3}") || Integer.parseInt(text) < 1) {
            problems.add(key + "." + field + ": must be a whole number of at least 1");
            return fallback;
        }
        return Integer.parseInt(text);
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void unknownKeys(JsonNode node, List<String> known, String path, List<String> problems) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(path + "." + name + ": unknown key (known: " + String.join(", ", known) + ")");
            }
        });
    }
}
