package io.schemabot.schema;

import io.schemabot.sql.Sql;

import java.util.List;
import java.util.stream.Collectors;

/** A composite type (CREATE TYPE .. AS (..)): its attributes in order, as row values lay them out. */
public record CompositeType(String schema, String name, List<Attribute> attributes, String comment) {
    public CompositeType {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /** One attribute; {@code collation} only where it differs from its type's default. */
    public record Attribute(String name, String type, String collation, String comment) {
        /** As CREATE TYPE and ALTER TYPE .. ADD ATTRIBUTE spell it. */
        public String definition() {
            return Sql.ident(name) + " " + type + (collation == null ? "" : " COLLATE " + collation);
        }
    }

    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }

    /** The attribute list as CREATE TYPE takes it, e.g. {@code (x integer, y text COLLATE "C")}. */
    public String definition() {
        return attributes.stream().map(Attribute::definition).collect(Collectors.joining(", ", "(", ")"));
    }
}
