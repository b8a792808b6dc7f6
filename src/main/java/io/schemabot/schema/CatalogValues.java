package io.schemabot.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the values the catalog queries return (arrays, JSON the queries build, reloptions typed as people typed
 * them) into the plain values of a snapshot, spelt one way so that equal settings compare equal.
 */
final class CatalogValues {
    private static final ObjectMapper CATALOG_JSON = new ObjectMapper();

    private CatalogValues() {
    }

    static int[] ints(Array array) throws SQLException {
        if (array == null) {
            return new int[0];
        }
        Object value = array.getArray();
        if (value instanceof Short[] shorts) {
            return Arrays.stream(shorts).mapToInt(Short::intValue).toArray();
        }
        return Arrays.stream((Integer[]) value).mapToInt(Integer::intValue).toArray();
    }

    /** The VIEWS query's grants: a JSON array of [privileges, role or null for PUBLIC, grantable]. */
    static List<Access.Grant> grants(String json) {
        if (json == null) {
            return List.of();
        }
        List<Access.Grant> grants = new ArrayList<>();
        try {
            for (JsonNode g : CATALOG_JSON.readTree(json)) {
                grants.add(new Access.Grant(g.get(0).asText(), g.get(1).isNull() ? null : g.get(1).asText(),
                        g.get(2).asBoolean()));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable grants from the catalog: " + json, e);
        }
        return grants;
    }

    /** Reloptions or column settings as the queries give them: a JSON object of name to value, or null for none. */
    static Map<String, String> options(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            Map<String, String> options = new HashMap<>();
            CATALOG_JSON.readTree(json).fields().forEachRemaining(e -> options.put(e.getKey(),
                    BOOLEAN_OPTIONS.contains(e.getKey()) ? booleanSpelling(e.getValue().asText()) : e.getValue().asText()));
            return options;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable options from the catalog: " + json, e);
        }
    }

    /** Boolean reloptions a relation can carry; PostgreSQL stores them as they were typed. */
    private static final java.util.Set<String> BOOLEAN_OPTIONS = java.util.Set.of("security_barrier", "security_invoker",
            "autovacuum_enabled", "vacuum_truncate", "user_catalog_table", "toast.autovacuum_enabled", "toast.vacuum_truncate",
            "vacuum_index_cleanup", "toast.vacuum_index_cleanup");

    /** {@code on}, {@code yes}, {@code 1}, {@code t} all mean true to PostgreSQL: compared as one spelling, no false drift. */
    static String booleanSpelling(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("on") || v.equals("1") || (!v.isEmpty() && ("true".startsWith(v) || "yes".startsWith(v)))) {
            return "true";
        }
        if (v.equals("off") || v.equals("of") || v.equals("0") || (!v.isEmpty() && ("false".startsWith(v) || "no".startsWith(v)))) {
            return "false";
        }
        return value;
    }

    static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.asList((String[]) array.getArray());
    }
}
