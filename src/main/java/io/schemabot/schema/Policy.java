package io.schemabot.schema;

import io.schemabot.sql.Sql;

import java.util.List;

/**
 * A row-level security policy. {@code command} is ALL, SELECT, INSERT, UPDATE or DELETE; {@code roles} are
 * quoted role names (PUBLIC for everyone) in name order; {@code using} and {@code withCheck} are the expressions
 * as pg_get_expr prints them, or null.
 */
public record Policy(String table, String name, boolean permissive, String command, List<String> roles,
                     String using, String withCheck, String comment) {

    public Policy {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** How COMMENT ON and DROP POLICY name it. */
    public String onTable() {
        return Sql.ident(name) + " ON " + table;
    }

    /** The CREATE POLICY statement that makes this policy, every clause spelt out. */
    public String definition() {
        return "CREATE POLICY " + onTable() + " AS " + (permissive ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + command
                + " TO " + String.join(", ", roles) + (using == null ? "" : " USING (" + using + ")")
                + (withCheck == null ? "" : " WITH CHECK (" + withCheck + ")") + ";";
    }
}
