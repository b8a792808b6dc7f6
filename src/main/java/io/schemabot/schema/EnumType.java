package io.schemabot.schema;

import io.schemabot.sql.Sql;

import java.util.List;

/** An enum type with its labels in sort order. */
public record EnumType(String schema, String name, List<String> labels, String comment) {
    public EnumType {
        labels = List.copyOf(labels);
    }

    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }
}
