package io.schemabot.schema;

import io.schemabot.sql.Sql;

import java.util.List;

/**
 * Who owns a view or function and what other roles were granted on it. The owner is not part of a schema's shape
 * (roles differ between clusters), nor are a view's grants; a routine's grants are (see {@link Function}). A plan
 * that drops and recreates an object uses it to give the object back its owner and grants in the same
 * transaction. {@code explicit} is false while the object has its default privileges (a NULL ACL);
 * {@code columnGrants} says that column-level grants exist, which are not carried. {@code ignored} holds the grants
 * to roles the target's config tells the diff to ignore: no part of the diff or fingerprint, yet given back to an
 * object the plan creates again.
 */
public record Access(String owner, List<Grant> grants, boolean explicit, boolean columnGrants,
                     @com.fasterxml.jackson.annotation.JsonInclude(
                             com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY) List<Grant> ignored) {
    public Access {
        grants = grants == null ? List.of() : List.copyOf(grants);
        ignored = ignored == null ? List.of() : List.copyOf(ignored);
    }

    public Access(String owner, List<Grant> grants, boolean explicit, boolean columnGrants) {
        this(owner, grants, explicit, columnGrants, List.of());
    }

    /** This access with the grants to these roles set aside in {@link #ignored()}. */
    Access ignoring(java.util.Set<String> roles) {
        List<Grant> aside = new java.util.ArrayList<>(ignored);
        grants.stream().filter(g -> g.role() != null && roles.contains(g.role())).forEach(aside::add);
        return new Access(owner, grants.stream().filter(g -> g.role() == null || !roles.contains(g.role())).toList(),
                explicit, columnGrants, aside);
    }

    /** Every grant the object holds, the ignored ones too: what a plan that creates it again gives back. */
    public List<Grant> allGrants() {
        List<Grant> all = new java.util.ArrayList<>(grants);
        all.addAll(ignored);
        return all;
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

    /**
     * Who besides the owner may run a routine (function, procedure or aggregate) with this access: an untouched
     * ACL spelled out as PostgreSQL's default, PUBLIC may execute; null when unknown.
     */
    static List<Grant> executePrivileges(Access access) {
        if (access == null) {
            return null;
        }
        return access.explicit() ? access.grants() : Function.DEFAULT_PRIVILEGES;
    }

    /**
     * A routine's access as the fingerprint sees it: no owner, and nothing where the privileges are the default,
     * so that snapshots written before grants were compared keep their fingerprints.
     */
    static Access fingerprinted(Access access) {
        List<Grant> privileges = executePrivileges(access);
        return privileges == null || privileges.equals(Function.DEFAULT_PRIVILEGES) ? null
                : new Access(null, privileges, true, false);
    }

    /** Only the grants to PUBLIC: for a cluster that may not have the roles named in the others. */
    static Access publicGrantsOnly(Access access) {
        return access == null ? null : new Access(access.owner(),
                access.grants().stream().filter(g -> g.role() == null).toList(), access.explicit(), access.columnGrants());
    }

    /** Grants as one line, {@code none} when there are none. */
    public static String describe(List<Grant> grants) {
        return grants.isEmpty() ? "none" : String.join("; ", grants.stream().map(Grant::describe).toList());
    }
}
