package io.schemabot.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The snapshot file format: {@code {"format": "schemabot-snapshot/1", "fingerprint": ..., "snapshot": {...}}}.
 * The fingerprint is informative; on reading, it is computed again from the content.
 */
public final class SnapshotJson {
    public static final String FORMAT = "schemabot-snapshot/1";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SnapshotJson() {
    }

    /** The on-disk document. */
    public record SnapshotFile(String format, String fingerprint, Snapshot snapshot) {
    }

    public static String write(Snapshot snapshot) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(new SnapshotFile(FORMAT, snapshot.fingerprint(), snapshot));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a snapshot is always serialisable", e);
        }
    }

    /** Reads a snapshot file; a file that is not one gives an IllegalArgumentException saying why. */
    public static Snapshot read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshot file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public static Snapshot parse(String text, String origin) {
        SnapshotFile doc;
        try {
            com.fasterxml.jackson.databind.JsonNode tree = MAPPER.readTree(text);
            com.fasterxml.jackson.databind.JsonNode content = tree == null ? null : tree.get("snapshot");
            // a file with the format but no tables (a typo in the key) would read as an empty schema, and a plan
            // against it would drop everything
            for (String key : new String[] {"tables"}) {
                if (content != null && content.isObject() && !(content.get(key) != null && content.get(key).isArray())) {
                    throw new IllegalArgumentException(origin + " is not a schemabot snapshot (its \"snapshot\" has"
                            + " no \"" + key + "\" list; make one with: schemabot snapshot --url URL > file.json)");
                }
            }
            doc = MAPPER.treeToValue(tree, SnapshotFile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + " is not a schemabot snapshot (invalid at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
        if (doc == null || !FORMAT.equals(doc.format()) || doc.snapshot() == null) {
            throw new IllegalArgumentException(origin + " is not a schemabot snapshot (expected \"format\": \""
                    + FORMAT + "\"; make one with: schemabot snapshot --url URL > file.json)");
        }
        return doc.snapshot();
    }

    static byte[] canonicalBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a snapshot is always serialisable", e);
        }
    }
}
