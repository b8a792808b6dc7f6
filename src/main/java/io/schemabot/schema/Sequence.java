package io.schemabot.schema;

import io.schemabot.sql.Sql;

/** A sequence's options; {@code ownedBy} is "table.column" or null. Identity sequences are part of their column. */
public record Sequence(String schema, String name, String dataType, long start, long increment, long minValue,
                       long maxValue, long cache, boolean cycle, String ownedBy, String comment) {
    public String qualifiedName() {
        return Sql.qualified(schema, name);
    }

    /** The qualified name of the table whose column owns this sequence, or null. */
    public String ownerTable() {
        if (ownedBy == null) {
            return null;
        }
        java.util.List<String> parts = io.schemabot.sql.Sql.unquoteParts(ownedBy);
        return Sql.qualified(parts.get(0), parts.get(1));
    }

    /** The options that matter for a diff, in CREATE SEQUENCE order. */
    public String options() {
        return "AS " + dataType + " INCREMENT BY " + increment + " MINVALUE " + minValue + " MAXVALUE " + maxValue
                + " START WITH " + start + " CACHE " + cache + (cycle ? " CYCLE" : " NO CYCLE");
    }
}
