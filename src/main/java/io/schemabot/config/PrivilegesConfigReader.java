package io.schemabot.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a target's {@code privileges} section: {@code ignoreGrantees}, the roles whose grants are left out of the
 * comparison (roles that exist on one cluster only, such as rds_superuser, which migrations cannot create). Each
 * mistake is one problem line, and the list read is what is valid of it.
 */
final class PrivilegesConfigReader {
    private static final List<String> KEYS = List.of("ignoreGrantees");

    private PrivilegesConfigReader() {
    }

    static List<String> ignoredGrantees(JsonNode node, String path, List<String> problems) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            problems.add(path + ": must be a map, e.g. { ignoreGrantees: [rds_superuser] }");
            return List.of();
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!KEYS.contains(name)) {
                problems.add(path + "." + name + ": unknown key (known: " + String.join(", ", KEYS) + ")");
            }
        });
        JsonNode list = node.path("ignoreGrantees");
        String key = path + ".ignoreGrantees";
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            problems.add(key + ": must be a YAML list of role names, e.g. [rds_superuser, readonly_analyst]");
            return List.of();
        }
        List<String> roles = new ArrayList<>();
        for (JsonNode r : list) {
            String role = r.isTextual() ? r.asText().strip() : "";
            if (role.isEmpty()) {
                problems.add(key + ": " + (r.isTextual() ? "an empty role name" : "'" + r + "' is not a role name"));
            } else if (role.equalsIgnoreCase("public")) {
                problems.add(key + ": PUBLIC is every role, not one; grants to PUBLIC are always compared");
            } else if (role.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
                problems.add(key + ": '" + role + "' is longer than PostgreSQL's 63-byte role names");
            } else if (roles.contains(role)) {
                problems.add(key + ": '" + role + "' is listed twice");
            } else {
                roles.add(role);
            }
        }
        return roles;
    }
}
