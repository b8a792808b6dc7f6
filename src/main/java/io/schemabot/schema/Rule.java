package io.schemabot.schema;

import io.schemabot.sql.Sql;

/**
 * A rewrite rule on a table or view other than a view's own SELECT rule, with the CREATE RULE statement
 * pg_get_ruledef prints; {@code enabled} is pg_rewrite.ev_enabled (O origin, D disabled, R replica, A always).
 */
public record Rule(String table, String name, String definition, String enabled, String comment) {

    /** How COMMENT ON and DROP RULE name it. */
    public String onTable() {
        return Sql.ident(name) + " ON " + table;
    }
}
