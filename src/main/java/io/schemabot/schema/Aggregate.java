package io.schemabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.schemabot.sql.Sql;

import java.util.List;

/**
 * A user-defined aggregate. {@code definition} is a complete CREATE AGGREGATE statement built from pg_aggregate
 * (PostgreSQL has no pg_get_aggregatedef), naming every support function and option it has; {@code inputTypes}
 * identify it, as for a {@link Function}; {@code result} decides whether CREATE OR REPLACE can change it.
 * {@code access} holds its owner and its grants, which count as a function's do: who may call it.
 */
public record Aggregate(String schema, String name, String inputTypes, String result, String definition,
                        String comment, @JsonInclude(JsonInclude.Include.NON_NULL) Access access) {

    /** The name PostgreSQL knows it by, e.g. {@code public.mysum(integer)}: for DROP, COMMENT and GRANT. */
    public String signature() {
        return Sql.qualified(schema, name) + "(" + inputTypes + ")";
    }

    /** As for {@link Function#privileges()}: the default spelled out, null when unknown (an older snapshot file). */
    public List<Access.Grant> privileges() {
        return Access.executePrivileges(access);
    }

    /** This aggregate as the fingerprint sees it: see {@link Function#withoutOwner()}. */
    public Aggregate withoutOwner() {
        return new Aggregate(schema, name, inputTypes, result, definition, comment, Access.fingerprinted(access));
    }

    /** This aggregate with the grants to these roles set aside: see {@link Privileges#ignoring}. */
    public Aggregate ignoring(java.util.Set<String> roles) {
        return access == null ? this : new Aggregate(schema, name, inputTypes, result, definition, comment,
                access.ignoring(roles));
    }

    /** This aggregate with only the grants to PUBLIC: see {@link Function#withPublicGrantsOnly()}. */
    public Aggregate withPublicGrantsOnly() {
        return new Aggregate(schema, name, inputTypes, result, definition, comment, Access.publicGrantsOnly(access));
    }
}
