package io.schemabot.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.schemabot.Durations;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.migrate.ExpectedSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code schemabot.yaml}: resolves {@code ${VAR}} and {@code ${VAR:-default}} in every string value, then
 * validates the whole file and reports every problem at once, one line per key. Messages never hold a value
 * that could be a secret.
 */
public final class ConfigLoader {
    public static final String DEFAULT_PATH = "config/schemabot.yaml";
    public static final String DEFAULT_SLACK_API = "https://slack.com/api/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Function<String, String> env;

    public ConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    public static ConfigLoader fromEnvironment() {
        return new ConfigLoader(System::getenv);
    }

    /** The file to read: --config, else SCHEMABOT_CONFIG, else config/schemabot.yaml. */
    public Path resolvePath(String option) {
        if (option != null && !option.isBlank()) {
            return Path.of(option);
        }
        String fromEnv = env.apply("SCHEMABOT_CONFIG");
        return Path.of(fromEnv == null || fromEnv.isBlank() ? DEFAULT_PATH : fromEnv);
    }

    public Config load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(List.of("config file " + file + " not found; pass --config PATH or set SCHEMABOT_CONFIG"));
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ConfigException(List.of("config file " + file + " cannot be read: " + e.getMessage()));
        }
    }

    public Config parse(String yaml, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException(List.of(origin + " is not valid YAML (line "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? p.getLocation().getLineNr() : 0) + ")"));
        }
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            root = YAML.createObjectNode();
        }
        Map<String, List<String>> unset = new LinkedHashMap<>();
        resolve(root, "", unset);
        unset.forEach((variable, keys) -> problems.add(String.join(", ", keys) + ": environment variable " + variable
                + " is not set"));
        Config config = read((ObjectNode) root, problems);
        // a key whose variable is unset is reported above; "missing" would say the same thing a second time
        unset.values().forEach(keys -> keys.forEach(key -> problems.remove(key + ": missing")));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    /** Replaces placeholders in every string scalar, in place; collects each unset variable with its keys. */
    private void resolve(JsonNode node, String path, Map<String, List<String>> unset) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            fields.forEachRemaining(entries::add);
            for (Map.Entry<String, JsonNode> e : entries) {
                String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getValue().isTextual()) {
                    ((ObjectNode) node).set(e.getKey(), new TextNode(substitute(e.getValue().asText(), key, unset)));
                } else {
                    resolve(e.getValue(), key, unset);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isTextual()) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i,
                            new TextNode(substitute(item.asText(), path + "[" + i + "]", unset)));
                } else {
                    resolve(item, path + "[" + i + "]", unset);
                }
            }
        }
    }

    private String substitute(String value, String key, Map<String, List<String>> unset) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String resolved = env.apply(m.group(1));
            if (resolved == null || resolved.isEmpty()) {
                resolved = m.group(2);
            }
            if (resolved == null) {
                List<String> keys = unset.computeIfAbsent(m.group(1), variable -> new ArrayList<>());
                if (!keys.contains(key)) {
                    keys.add(key);
                }
                resolved = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final Map<String, List<String>> KNOWN = Map.of(
            "", List.of("slack", "targets", "approval", "server", "store", "plan", "commands", "execute", "health"),
            "slack", List.of("signingSecret", "botToken", "apiUrl", "channel", "command", "allowDirectMessages"),
            "target", List.of("url", "migrations", "shadowUrl", "historyTable", "baselineVersion", "executeUrl",
                    "privileges"),
            "approval", List.of("approvers", "required", "ttl", "autoExecute"),
            "execute", List.of("lockTimeout", "statementTimeout", "retries"),
            "server", List.of("port"),
            "plan", List.of("lockTimeout", "statementTimeout", "checkTimeout"),
            "commands", List.of("deadline", "perTarget", "progressEvery"),
            "store", List.of("url"));

    /** A misspelt key would otherwise be silently ignored, and its default used instead. */
    private static void unknownKeys(JsonNode node, String section, String path, List<String> problems) {
        if (!node.isObject()) {
            return;
        }
        List<String> known = KNOWN.get(section);
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add((path.isEmpty() ? "" : path + ".") + name + ": unknown key (known: " + String.join(", ", known) + ")");
            }
        });
    }

    private Config read(ObjectNode root, List<String> problems) {
        unknownKeys(root, "", "", problems);
        for (String section : List.of("slack", "approval", "server", "store", "plan", "commands", "execute")) {
            unknownKeys(root.path(section), section, section, problems);
        }
        root.path("targets").fields().forEachRemaining(e -> unknownKeys(e.getValue(), "target", "targets." + e.getKey(), problems));
        JsonNode slack = root.path("slack");
        Config.Slack slackConfig = new Config.Slack(text(slack, "signingSecret"), text(slack, "botToken"),
                orDefault(text(slack, "apiUrl"), DEFAULT_SLACK_API), text(slack, "channel"),
                orDefault(text(slack, "command"), "/schemabot"), slack.path("allowDirectMessages").asBoolean(false));
        if (!slackConfig.command().startsWith("/")) {
            problems.add("slack.command: must start with / (e.g. /schemabot)");
        }
        if (!slackConfig.apiUrl().startsWith("http://") && !slackConfig.apiUrl().startsWith("https://")) {
            problems.add("slack.apiUrl: must be an http(s) URL");
        }

        Map<String, Config.Target> targets = new LinkedHashMap<>();
        JsonNode targetsNode = root.path("targets");
        if (!targetsNode.isMissingNode() && !targetsNode.isNull() && !targetsNode.isObject()) {
            problems.add("targets: must be a map of target names to {url, migrations}");
        }
        targetsNode.fields().forEachRemaining(e -> {
            String name = e.getKey();
            String key = "targets." + name;
            JsonNode t = e.getValue();
            if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
                problems.add(key + ": target names are lower-case letters, digits, - and _");
            }
            String url = text(t, "url");
            if (url == null) {
                problems.add(key + ".url: missing");
            } else {
                checkUrl(key + ".url", url, problems);
            }
            String migrations = text(t, "migrations");
            if (migrations != null && !migrations.startsWith("filesystem:") && !migrations.startsWith("classpath:")) {
                problems.add(key + ".migrations: must start with filesystem: or classpath:");
            }
            String shadow = text(t, "shadowUrl");
            if (shadow != null) {
                checkUrl(key + ".shadowUrl", shadow, problems);
            }
            String baseline = text(t, "baselineVersion");
            if (baseline != null && !ExpectedSchema.isVersion(baseline)) {
                problems.add(key + ".baselineVersion: '" + baseline + "' is not a version such as 1 or 2.1");
            }
            String executeUrl = text(t, "executeUrl");
            if (executeUrl != null) {
                checkUrl(key + ".executeUrl", executeUrl, problems);
            }
            targets.put(name, new Config.Target(name, url, migrations, shadow, text(t, "historyTable"), baseline,
                    executeUrl, PrivilegesConfigReader.ignoredGrantees(t.path("privileges"), key + ".privileges",
                            problems)));
        });

        JsonNode approval = root.path("approval");
        List<String> approvers = new ArrayList<>();
        JsonNode list = approval.path("approvers");
        if (list.isArray()) {
            list.forEach(a -> approvers.add(a.asText()));
        } else if (!list.isMissingNode() && !list.isNull()) {
            problems.add("approval.approvers: must be a YAML list of Slack user ids (U...) or user group ids (S...)");
        }
        for (String a : approvers) {
            if (!a.matches("[USW][A-Z0-9]{2,}")) {
                problems.add("approval.approvers: '" + a + "' is not a Slack user id (U...) or user group id (S...)");
            }
        }
        int required = approval.path("required").asInt(2);
        if (required < 2) {
            // one approver would let a single person besides the proposer push SQL to production: the promise is two
            problems.add("approval.required: must be at least 2 (two people other than the proposer approve every"
                    + " hotfix); got " + approval.path("required").asText());
        }
        Duration ttl = duration(approval, "approval", "ttl", Duration.ofMinutes(30), problems);
        JsonNode plan = root.path("plan");
        Config.Planning defaults = Config.Planning.defaults();
        Config.Planning planning = new Config.Planning(
                duration(plan, "plan", "lockTimeout", defaults.lockTimeout(), problems),
                duration(plan, "plan", "statementTimeout", defaults.statementTimeout(), problems),
                duration(plan, "plan", "checkTimeout", defaults.checkTimeout(), problems));
        try {
            io.schemabot.plan.PlanOptions.defaults().withTimeouts(planning.lockTimeout(), planning.statementTimeout());
        } catch (IllegalArgumentException e) {
            problems.add("plan: " + e.getMessage());
        }
        if (planning.checkTimeout().isZero() || planning.checkTimeout().isNegative()) {
            problems.add("plan.checkTimeout: must be more than 0; a data check without a limit could hold production's"
                    + " connection for hours");
        }

        int port = 8080;
        String portText = text(root.path("server"), "port");
        if (portText != null) {
            try {
                port = Integer.parseInt(portText.strip());
                if (port < 0 || port > 65535) {
                    problems.add("server.port: must be between 0 and 65535");
                }
            } catch (NumberFormatException e) {
                problems.add("server.port: '" + portText + "' is not a port number");
            }
        }
        String storeUrl = text(root.path("store"), "url");
        if (storeUrl != null) {
            checkUrl("store.url", storeUrl, problems);
        }
        return new Config(slackConfig, targets, new Config.Approval(approvers, required, ttl,
                approval.path("autoExecute").asBoolean(false)), new Config.Server(port), new Config.Store(storeUrl),
                planning, commands(root.path("commands"), problems), execute(root.path("execute"), problems),
                HealthConfigReader.read(root.path("health"), targets.keySet(), slackConfig.channel(), problems));
    }

    private static Config.Execute execute(JsonNode node, List<String> problems) {
        Config.Execute defaults = Config.Execute.defaults();
        Duration lock = duration(node, "execute", "lockTimeout", defaults.lockTimeout(), problems);
        Duration statement = duration(node, "execute", "statementTimeout", defaults.statementTimeout(), problems);
        if (lock.isZero() || statement.isZero()) {
            problems.add("execute: timeouts must be more than 0; 0 would mean no limit on production");
        }
        int retries = defaults.retries();
        String text = text(node, "retries");
        if (text != null) {
            retries = text.matches("[0-9]{1,2}") ? Integer.parseInt(text) : -1;
            if (retries < 0 || retries > 20) {
                problems.add("execute.retries: must be a whole number from 0 to 20");
                retries = defaults.retries();
            }
        }
        return new Config.Execute(lock, statement, retries);
    }

    private static Config.Commands commands(JsonNode node, List<String> problems) {
        Config.Commands defaults = Config.Commands.defaults();
        Duration deadline = duration(node, "commands", "deadline", defaults.deadline(), problems);
        if (deadline.isZero()) {
            problems.add("commands.deadline: must be more than 0");
        }
        int perTarget = defaults.perTarget();
        String text = text(node, "perTarget");
        if (text != null) {
            try {
                perTarget = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                perTarget = 0;
            }
            if (perTarget < 1 || perTarget > 16) {
                problems.add("commands.perTarget: must be a whole number from 1 to 16");
                perTarget = defaults.perTarget();
            }
        }
        return new Config.Commands(deadline, perTarget,
                duration(node, "commands", "progressEvery", defaults.progressEvery(), problems));
    }

    /** A duration such as 5s, 2min or 1h; absent gives the default. */
    static Duration duration(JsonNode node, String section, String field, Duration fallback, List<String> problems) {
        String value = text(node, field);
        if (value == null) {
            return fallback;
        }
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(section + "." + field + ": " + e.getMessage());
            return fallback;
        }
    }

    private static void checkUrl(String key, String url, List<String> problems) {
        try {
            DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
        }
    }

    /** A string value; blank counts as absent. Numbers and booleans are read as their text. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s.strip();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
