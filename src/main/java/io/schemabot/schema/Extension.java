package io.schemabot.schema;

import java.util.List;

/**
 * An installed extension; its member objects are not listed separately. {@code updatableTo} lists the versions
 * this server has an update path to from the installed one (null when unknown, as in older snapshot files); it
 * belongs to the server, not the schema, so the fingerprint leaves it out.
 */
public record Extension(String name, String version, String schema, List<String> updatableTo) {

    /** The extension as the schema has it, without what the server could update it to. */
    public Extension withoutUpdatePaths() {
        return new Extension(name, version, schema, null);
    }
}
