package io.schemabot.schema;

import io.schemabot.sql.Sql;

import java.util.List;

/**
 * Who owns a view or function and what other roles were granted on it. The owner is not part of a schema's shape
 * (roles differ between clusters), nor are a view's grants; a routine's grants are (see {@link Function}). A plan
 * that drops and recreates an object uses it to give the object back its owner and grants in the same
 * transaction. {@code explicit} is false while the object has its default privileges (a NULL ACL);
 * {@code columnGrants} says that column-level grants exist, which are not carried.
 */
public record Access(String owner, List<Grant> grants, boolean explicit, boolean columnGrants) {
    public Access {
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    /**
     * Privileges ({@code "INSERT, SELECT"}, as aclexplode names them) granted to a role, or to PUBLIC when
     * {@code role} is null.
     */
    public record Grant(String privileges, String role, boolean grantable) {
        /** As people read it: {@code EXECUTE to PUBLIC}, {@code SELECT to app with grant option}. */
        public String describe() {
            return privileges + " to " + (role == null ? "PUBLIC" : Sql.ident(role)) + (grantable ? " with grant option" : "");
        }
    }

    /** Grants as one line, {@code none} when there are none. */
    public static String describe(List<Grant> grants) {
        return grants.isEmpty() ? "none" : String.join("; ", grants.stream().map(Grant::describe).toList());
    }
}
