package io.schemabot.cli.output;

import io.schemabot.Plural;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/** Renders a {@link DiffResult} for people (grouped by table) or for machines (JSON). */
public final class DiffReport {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private DiffReport() {
    }

    /** One line per change, grouped under the table (or object) it belongs to. */
    public static String text(DiffResult diff, String fromLabel, String toLabel) {
        return text(diff, fromLabel, toLabel, java.util.List.of());
    }

    /**
     * As {@link #text(DiffResult, String, String)}, saying how many privileges FROM grants beyond TO and whose
     * grants were left out.
     */
    public static String text(DiffResult diff, String fromLabel, String toLabel, java.util.List<String> ignoredGrantees) {
        StringBuilder out = new StringBuilder(plainText(diff, fromLabel, toLabel));
        long more = diff.changes().stream().filter(c -> c instanceof ObjectChange.PrivilegeExtra).count();
        if (more > 0) {
            out.append('\n').append(fromLabel).append(" grants more than expected: ")
                    .append(Plural.count((int) more, "privilege", "privileges")).append('\n');
        }
        if (!ignoredGrantees.isEmpty()) {
            out.append("Ignoring grants to: ").append(String.join(", ", ignoredGrantees)).append('\n');
        }
        return out.toString();
    }

    private static String plainText(DiffResult diff, String fromLabel, String toLabel) {
        StringBuilder out = new StringBuilder();
        if (diff.isEmpty()) {
            out.append("No differences: ").append(fromLabel).append(" matches ").append(toLabel)
                    .append(" (fingerprint ").append(shortPrint(diff.toFingerprint())).append(")\n");
        } else {
            out.append(Plural.count(diff.changes().size(), "difference", "differences"))
                    .append(" from ").append(fromLabel).append(" to ").append(toLabel).append('\n');
            diff.changesByOwner().forEach((owner, changes) -> {
                out.append('\n').append(owner).append('\n');
                // names may hold line breaks: one line per change, whatever they hold
                changes.forEach(c -> {
                    out.append("  ").append(io.schemabot.sql.Sql.oneLine(c.describe())).append('\n');
                    c.details().forEach(d -> out.append("    ").append(io.schemabot.sql.Sql.oneLine(d)).append('\n'));
                });
            });
        }
        if (!diff.incompatibilities().isEmpty()) {
            out.append("\nForeign keys whose types do not match:\n");
            diff.incompatibilities().forEach(i -> out.append("  ").append(i.describe()).append('\n'));
        }
        if (!diff.cosmetic().isEmpty()) {
            out.append("\nCosmetic (not planned):\n");
            diff.cosmetic().forEach(c -> out.append("  ").append(io.schemabot.sql.Sql.oneLine(c.describe())).append('\n'));
        }
        return out.toString();
    }

    /** As {@link #json(DiffResult, String, String)}, with the roles whose grants were left out, when there are any. */
    public static ObjectNode json(DiffResult diff, String fromLabel, String toLabel, java.util.List<String> ignoredGrantees) {
        ObjectNode root = json(diff, fromLabel, toLabel);
        if (!ignoredGrantees.isEmpty()) {
            ignoredGrantees.forEach(root.putArray("ignoredGrantees")::add);
        }
        return root;
    }

    public static ObjectNode json(DiffResult diff, String fromLabel, String toLabel) {
        ObjectNode root = MAPPER.createObjectNode();
        root.putObject("from").put("source", fromLabel).put("fingerprint", diff.fromFingerprint());
        root.putObject("to").put("source", toLabel).put("fingerprint", diff.toFingerprint());
        ArrayNode changes = root.putArray("changes");
        diff.changes().forEach(c -> changes.add(changeJson(c)));
        ArrayNode incompatible = root.putArray("incompatibilities");
        diff.incompatibilities().forEach(i -> {
            ObjectNode node = MAPPER.valueToTree(i);
            node.put("message", i.describe());
            incompatible.add(node);
        });
        ArrayNode cosmetic = root.putArray("cosmetic");
        diff.cosmetic().forEach(c -> cosmetic.add(changeJson(c)));
        return root;
    }

    /** {@code {"kind": ..., "object": ..., <the change's own fields>}}. */
    public static ObjectNode changeJson(Change change) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", change.kind());
        node.put("object", change.object());
        for (RecordComponent rc : change.getClass().getRecordComponents()) {
            if (rc.getName().equals("object")) {
                continue;
            }
            try {
                node.set(rc.getName(), MAPPER.valueToTree(rc.getAccessor().invoke(change)));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("record accessor failed", e);
            }
        }
        node.put("message", change.describe());
        return node;
    }

    public static String shortPrint(String fingerprint) {
        return fingerprint == null ? "?" : fingerprint.substring(0, Math.min(12, fingerprint.length()));
    }
}
