package io.schemabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A column. {@code type} is as format_type() prints it ("character varying(36)"); {@code identity} is
 * ALWAYS, BY DEFAULT or null; {@code generated} is the stored generation expression or null;
 * {@code collation} is set only when it differs from the type's default. {@code inherited} columns come
 * from a parent table or partitioned table. {@code identityOptions} are an identity's sequence options that are
 * not the defaults (see {@link IdentitySequence}), or null. {@code settings} are the per-column settings that
 * differ from the defaults, by name: {@code statistics} (SET STATISTICS), {@code storage} (SET STORAGE, when not
 * the type's own), {@code compression} and the attribute options ({@code n_distinct}, {@code n_distinct_inherited});
 * left out of the JSON when empty, so older files and their fingerprints read the same.
 */
public record Column(String name, String type, boolean notNull, String defaultExpression, String identity,
                     String generated, String collation, boolean inherited, String comment,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String identityOptions,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> settings) {

    public Column {
        settings = settings == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(settings));
    }
}
