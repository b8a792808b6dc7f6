package io.schemabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.schemabot.sql.Sql;

/**
 * One privilege that a role other than the object's owner holds on a table, view, materialized view, sequence,
 * column or schema, as aclexplode lists it. {@code on} is TABLE (views too), SEQUENCE or SCHEMA; {@code object} is
 * the name GRANT takes (qualified and quoted as needed; a schema's own name); {@code column} is the raw column name
 * for a column privilege, else null; {@code grantee} is the raw role name, null for PUBLIC. The owner's own
 * privileges are left out: owners differ between clusters and are no part of the schema.
 */
public record Privilege(String on, String object, @JsonInclude(JsonInclude.Include.NON_NULL) String column,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String grantee, String privilege,
                        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean grantable) {

    /** The grantee as GRANT and REVOKE name it: PUBLIC, or the quoted role. */
    public String granteeSql() {
        return grantee == null ? "PUBLIC" : Sql.ident(grantee);
    }

    /** What the privilege is on, as GRANT and REVOKE take it: {@code SELECT (email) ON TABLE public.users}. */
    public String clause() {
        return privilege + (column == null ? "" : " (" + Sql.ident(column) + ")") + " ON " + on + " " + object;
    }

    /** The object as people read it: {@code table public.users}, {@code column public.users.email}. */
    public String describeObject() {
        return column != null ? "column " + object + "." + Sql.ident(column)
                : on.toLowerCase(java.util.Locale.ROOT) + " " + object;
    }

    /** The table (or view) the privilege is on, for grouping reports; null for sequences and schemas. */
    public String table() {
        return "TABLE".equals(on) ? object : null;
    }

    /** What identifies the privilege apart from its grant option. */
    public String key() {
        return on + " " + object + " " + (column == null ? "" : Sql.ident(column)) + " " + granteeSql() + " " + privilege;
    }

    /** The same privilege without its grant option. */
    public Privilege withoutGrantOption() {
        return new Privilege(on, object, column, grantee, privilege, false);
    }
}
