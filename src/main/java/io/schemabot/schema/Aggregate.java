package io.schemabot.schema;

import io.schemabot.sql.Sql;

/**
 * A user-defined aggregate. {@code definition} is a complete CREATE AGGREGATE statement built from pg_aggregate
 * (PostgreSQL has no pg_get_aggregatedef), naming every support function and option it has; {@code inputTypes}
 * identify it, as for a {@link Function}; {@code result} decides whether CREATE OR REPLACE can change it.
 */
public record Aggregate(String schema, String name, String inputTypes, String result, String definition,
                        String comment) {

    /** The name PostgreSQL knows it by, e.g. {@code public.mysum(integer)}: for DROP and COMMENT. */
    public String signature() {
        return Sql.qualified(schema, name) + "(" + inputTypes + ")";
    }
}
