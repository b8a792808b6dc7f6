package io.schemabot.plan;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import io.schemabot.plan.Hazard.Kind;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.TextSearchConfig;
import io.schemabot.schema.TextSearchDictionary;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Text search dictionaries and configurations. Mappings and dictionary options can be altered in place; a new
 * parser or template needs the object made anew. Either way, a configuration that an index, a generated column or
 * another stored expression uses is BLOCKING, with its users named: their stored tsvectors were made under the old
 * one, so an index would no longer find what the expression now gives and generated values would be stale.
 */
final class TextSearchSteps {
    private static final String DICTIONARY = "DICTIONARY";
    private static final String CONFIGURATION = "CONFIGURATION";

    private final Planner planner;
    private final DiffResult diff;
    private final Snapshot from;
    private final Snapshot to;

    TextSearchSteps(Planner planner, DiffResult diff, Snapshot from, Snapshot to) {
        this.planner = planner;
        this.diff = diff;
        this.from = from;
        this.to = to;
    }

    /** Dictionaries before the configurations that consult them. */
    void create() {
        for (String kind : List.of(DICTIONARY, CONFIGURATION)) {
            for (Change c : diff.changes()) {
                if (c instanceof ObjectChange.TextSearchAdded a && a.kind().equals(kind)) {
                    planner.step("create text search " + lower(kind) + " " + a.object(), create(kind, a.object()),
                            a.object());
                    planner.remember("TEXT SEARCH " + kind, a.object(), comment(kind, a.object()));
                } else if (c instanceof ObjectChange.TextSearchChanged changed && changed.kind().equals(kind)) {
                    if (kind.equals(DICTIONARY)) {
                        changeDictionary(changed);
                    } else {
                        changeConfig(changed);
                    }
                }
            }
        }
    }

    /** Configurations before the dictionaries they consulted. */
    void drop() {
        for (String kind : List.of(CONFIGURATION, DICTIONARY)) {
            for (Change c : diff.changes()) {
                if (c instanceof ObjectChange.TextSearchDropped d && d.kind().equals(kind)) {
                    planner.step("drop text search " + lower(kind) + " " + d.object(),
                            "DROP TEXT SEARCH " + kind + " " + d.object() + ";", d.object());
                }
            }
        }
    }

    private void changeConfig(ObjectChange.TextSearchChanged c) {
        List<String> users = ObjectUsers.ofTextSearchConfig(from, c.object());
        if (!users.isEmpty()) {
            block(c, users);
            return;
        }
        TextSearchConfig before = config(from, c.object());
        TextSearchConfig after = config(to, c.object());
        if (!before.parser().equals(after.parser())) {
            planner.step("make text search configuration " + c.object() + " anew (another parser; nothing uses it)",
                    "DROP TEXT SEARCH CONFIGURATION " + c.object() + ";\n" + create(CONFIGURATION, c.object()),
                    c.object());
            planner.remember("TEXT SEARCH CONFIGURATION", c.object(), after.comment());
            return;
        }
        Map<String, List<String>> was = mappings(before);
        Map<String, List<String>> will = mappings(after);
        List<String> sql = new ArrayList<>();
        Set<String> gone = new TreeSet<>(was.keySet());
        gone.removeAll(will.keySet());
        if (!gone.isEmpty()) {
            sql.add("ALTER TEXT SEARCH CONFIGURATION " + c.object() + " DROP MAPPING FOR " + tokens(gone) + ";");
        }
        Map<List<String>, List<String>> added = new LinkedHashMap<>();
        Map<List<String>, List<String>> altered = new LinkedHashMap<>();
        will.forEach((token, dictionaries) -> {
            if (!was.containsKey(token)) {
                added.computeIfAbsent(dictionaries, k -> new ArrayList<>()).add(token);
            } else if (!was.get(token).equals(dictionaries)) {
                altered.computeIfAbsent(dictionaries, k -> new ArrayList<>()).add(token);
            }
        });
        altered.forEach((dictionaries, tokens) -> sql.add("ALTER TEXT SEARCH CONFIGURATION " + c.object()
                + " ALTER MAPPING FOR " + tokens(tokens) + " WITH " + String.join(", ", dictionaries) + ";"));
        added.forEach((dictionaries, tokens) -> sql.add("ALTER TEXT SEARCH CONFIGURATION " + c.object()
                + " ADD MAPPING FOR " + tokens(tokens) + " WITH " + String.join(", ", dictionaries) + ";"));
        planner.step("change the mappings of text search configuration " + c.object(), String.join("\n", sql),
                c.object());
    }

    private void changeDictionary(ObjectChange.TextSearchChanged c) {
        TextSearchDictionary before = dictionary(from, c.object());
        TextSearchDictionary after = dictionary(to, c.object());
        List<TextSearchConfig> configs = ObjectUsers.configsUsing(from, c.object());
        if (configs.isEmpty()) {
            planner.step("make text search dictionary " + c.object() + " anew (nothing uses it)",
                    "DROP TEXT SEARCH DICTIONARY " + c.object() + ";\n" + create(DICTIONARY, c.object()), c.object());
            planner.remember("TEXT SEARCH DICTIONARY", c.object(), after.comment());
            return;
        }
        List<String> users = new ArrayList<>();
        configs.forEach(k -> users.addAll(ObjectUsers.ofTextSearchConfig(from, k.qualifiedName())));
        if (!before.template().equals(after.template()) || !users.isEmpty()) {
            List<String> named = new ArrayList<>(configs.stream().map(k -> "text search configuration "
                    + k.qualifiedName()).toList());
            named.addAll(users);
            block(c, named.stream().distinct().toList());
            return;
        }
        // ALTER sets the options it names and removes those named without a value
        Map<String, String> was = options(before.options());
        Map<String, String> will = options(after.options());
        List<String> set = new ArrayList<>(will.values());
        was.keySet().stream().filter(k -> !will.containsKey(k)).forEach(set::add);
        planner.step("change the options of text search dictionary " + c.object(),
                "ALTER TEXT SEARCH DICTIONARY " + c.object() + " (" + String.join(", ", set) + ");", c.object());
    }

    private void block(ObjectChange.TextSearchChanged c, List<String> users) {
        String named = ObjectUsers.named(users, 5);
        String kind = lower(c.kind());
        planner.step("text search " + kind + " " + c.object() + " cannot be changed under its users",
                Sql.comment("BLOCKED: text search " + kind + " " + c.object() + " differs (" + c.from() + " -> "
                        + c.to() + ") and " + named + " use it. Manually: make the change, then REINDEX the indexes"
                        + " and recompute the generated columns (UPDATE ... SET col = DEFAULT) that use it."),
                c.object(), new Hazard(Kind.BLOCKING, c.object(), "text search " + kind + " " + c.object()
                        + " changes while " + named + " use it: values stored under the old one would no longer match"
                        + " what their expressions give"));
    }

    private String create(String kind, String name) {
        if (kind.equals(DICTIONARY)) {
            return "CREATE TEXT SEARCH DICTIONARY " + name + " (" + dictionary(to, name).definition() + ");";
        }
        TextSearchConfig c = config(to, name);
        List<String> sql = new ArrayList<>(List.of("CREATE TEXT SEARCH CONFIGURATION " + name + " (PARSER = "
                + c.parser() + ");"));
        Map<List<String>, List<String>> byDictionaries = new LinkedHashMap<>();
        c.mappings().forEach(m -> byDictionaries.computeIfAbsent(m.dictionaries(), k -> new ArrayList<>()).add(m.token()));
        byDictionaries.forEach((dictionaries, tokens) -> sql.add("ALTER TEXT SEARCH CONFIGURATION " + name
                + " ADD MAPPING FOR " + tokens(tokens) + " WITH " + String.join(", ", dictionaries) + ";"));
        return String.join("\n", sql);
    }

    private String comment(String kind, String name) {
        return kind.equals(DICTIONARY) ? dictionary(to, name).comment() : config(to, name).comment();
    }

    private static Map<String, List<String>> mappings(TextSearchConfig c) {
        Map<String, List<String>> byToken = new LinkedHashMap<>();
        c.mappings().forEach(m -> byToken.put(m.token(), m.dictionaries()));
        return byToken;
    }

    /**
     * Dictionary options as PostgreSQL keeps them ({@code language = 'english', stopwords = 'english'}): each
     * option's name (lower case) to its whole {@code name = value} text. Commas inside quoted values stay.
     */
    static Map<String, String> options(String text) {
        Map<String, String> options = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return options;
        }
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || (!quoted && text.charAt(i) == ',')) {
                String option = text.substring(start, i).strip();
                int eq = option.indexOf('=');
                options.put((eq < 0 ? option : option.substring(0, eq)).strip().toLowerCase(java.util.Locale.ROOT),
                        option);
                start = i + 1;
            } else if (text.charAt(i) == '\'') {
                quoted = !quoted;
            }
        }
        return options;
    }

    private static String tokens(java.util.Collection<String> tokens) {
        return tokens.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }

    private static String lower(String kind) {
        return kind.toLowerCase(java.util.Locale.ROOT);
    }

    private static TextSearchConfig config(Snapshot s, String name) {
        return s.textSearchConfigs().stream().filter(c -> c.qualifiedName().equals(name)).findFirst().orElseThrow();
    }

    private static TextSearchDictionary dictionary(Snapshot s, String name) {
        return s.textSearchDictionaries().stream().filter(d -> d.qualifiedName().equals(name)).findFirst()
                .orElseThrow();
    }
}
