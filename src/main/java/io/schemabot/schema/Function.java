package io.schemabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.schemabot.sql.Sql;

import java.util.List;

/**
 * A function or procedure. {@code arguments} is the identity argument list as people read it (names, modes, OUT
 * parameters); {@code inputTypes} is what PostgreSQL identifies the routine by (its input types, as in
 * {@code regprocedure}), so a routine whose parameters are renamed or whose OUT parameters change is the same
 * routine, changed. {@code definition} is the complete CREATE OR REPLACE statement from pg_get_functiondef;
 * {@code access} holds its owner, which is no part of its identity (roles differ between clusters), and its
 * grants, which are: who may run a routine is part of what the schema allows.
 */
public record Function(String schema, String name, String arguments,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String inputTypes, boolean procedure, String result,
                       String definition, String comment, @JsonInclude(JsonInclude.Include.NON_NULL) Access access) {
    /** What PostgreSQL gives a routine whose ACL was never touched: its owner and PUBLIC may execute it. */
    public static final List<Access.Grant> DEFAULT_PRIVILEGES = List.of(new Access.Grant("EXECUTE", null, false));

    /**
     * Who besides the owner may run the routine, with an untouched ACL spelled out as {@link #DEFAULT_PRIVILEGES};
     * null when unknown (a snapshot file written before grants were read).
     */
    public List<Access.Grant> privileges() {
        return Access.executePrivileges(access);
    }

    /** This routine with only the grants to PUBLIC: for a cluster that may not have the roles named in the others. */
    public Function withPublicGrantsOnly() {
        return new Function(schema, name, arguments, inputTypes, procedure, result, definition, comment,
                Access.publicGrantsOnly(access));
    }

    /**
     * This routine as the fingerprint sees it: without its owner, and with its privileges only where they are not
     * the default, so that snapshot files written before grants were compared keep their fingerprints.
     */
    public Function withoutOwner() {
        return new Function(schema, name, arguments, inputTypes, procedure, result, definition, comment,
                Access.fingerprinted(access));
    }

    /** This routine with the grants to these roles set aside: see {@link Privileges#ignoring}. */
    public Function ignoring(java.util.Set<String> roles) {
        return access == null ? this : new Function(schema, name, arguments, inputTypes, procedure, result, definition,
                comment, access.ignoring(roles));
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
