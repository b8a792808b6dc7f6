package io.schemabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A column. {@code type} is as format_type() prints it ("character varying(36)"); {@code identity} is
 * ALWAYS, BY DEFAULT or null; {@code generated} is the stored generation expression or null;
 * {@code collation} is set only when it differs from the type's default. {@code inherited} columns come
 * from a parent table or partitioned table. {@code identityOptions} are an identity's sequence options that are
 * not the defaults (see {@link IdentitySequence}), or null.
 */
public record Column(String name, String type, boolean notNull, String defaultExpression, String identity,
                     String generated, String collation, boolean inherited, String comment,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String identityOptions) {
}
