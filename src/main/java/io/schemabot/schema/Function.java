package io.schemabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.schemabot.sql.Sql;

/**
 * A function or procedure. {@code arguments} is the identity argument list as people read it (names, modes, OUT
 * parameters); {@code inputTypes} is what PostgreSQL identifies the routine by (its input types, as in
 * {@code regprocedure}), so a routine whose parameters are renamed or whose OUT parameters change is the same
 * routine, changed. {@code definition} is the complete CREATE OR REPLACE statement from pg_get_functiondef;
 * {@code access} (owner and grants, null when unknown) is no part of its identity.
 */
public record Function(String schema, String name, String arguments,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String inputTypes, boolean procedure, String result,
                       String definition, String comment, @JsonInclude(JsonInclude.Include.NON_NULL) Access access) {
    public Function withoutAccess() {
        return new Function(schema, name, arguments, inputTypes, procedure, result, definition, comment, null);
    }

    /** The name PostgreSQL knows the routine by, e.g. {@code public.f(integer, text)}: for DROP, COMMENT and GRANT. */
    public String signature() {
        // snapshots written before input types were read fall back to the argument list
        return Sql.qualified(schema, name) + "(" + (inputTypes != null ? inputTypes : arguments) + ")";
    }

    /** The parameter list as declared, with defaults: the first line of the definition, after the name. */
    public String declaredParameters() {
        String header = definition.lines().findFirst().orElse("");
        int open = header.indexOf('(', header.indexOf(Sql.qualified(schema, name)) + Sql.qualified(schema, name).length());
        return open < 0 ? "" : header.substring(open);
    }
}
