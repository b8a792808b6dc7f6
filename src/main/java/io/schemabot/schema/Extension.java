package io.schemabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An installed extension; its member objects are not listed separately. {@code comment} is usually the one its
 * control file gives. {@code updatableTo} lists the versions this server has an update path to from the installed
 * one (null when unknown, as in older snapshot files); it belongs to the server, not the schema, so the fingerprint
 * leaves it out. Both stay out of the JSON when absent, so older snapshot files read the same.
 */
public record Extension(String name, String version, String schema,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String comment,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> updatableTo) {

    /** The extension as the schema has it, without what the server could update it to. */
    public Extension withoutUpdatePaths() {
        return new Extension(name, version, schema, comment, null);
    }
}
