package io.schemabot.schema;

/** An installed extension; its member objects are not listed separately. */
public record Extension(String name, String version, String schema) {
}
