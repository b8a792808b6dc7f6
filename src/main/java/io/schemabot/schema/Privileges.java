package io.schemabot.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What the privileges of a snapshot mean beyond its rows: schema public's grants that each version starts with,
 * the form the fingerprint sees, and leaving out the grants to roles a target ignores.
 */
public final class Privileges {
    private Privileges() {
    }

    /**
     * The grants to others that a new database's schema public starts with: PUBLIC may use it, and before
     * PostgreSQL 15 create in it too. An unknown version (0) counts as a current one.
     */
    public static List<Privilege> publicSchemaDefault(int major) {
        List<Privilege> grants = new ArrayList<>();
        if (major > 0 && major < 15) {
            grants.add(new Privilege("SCHEMA", "public", null, null, "CREATE", false));
        }
        grants.add(new Privilege("SCHEMA", "public", null, null, "USAGE", false));
        return grants;
    }

    /**
     * The privileges as the fingerprint sees them: sorted, without schema public's grants where they are that
     * version's default, and null where nothing is left, so that fingerprints of schemas without grants stay as
     * they were before privileges were read.
     */
    static List<Privilege> fingerprinted(Snapshot s) {
        if (s.privileges() == null) {
            return null;
        }
        List<Privilege> onPublic = s.privileges().stream().filter(p -> isPublicSchema(p)).toList();
        boolean defaultPublic = sorted(onPublic).equals(sorted(publicSchemaDefault(s.serverMajor())));
        List<Privilege> kept = sorted(s.privileges().stream().filter(p -> !(defaultPublic && isPublicSchema(p))).toList());
        return kept.isEmpty() ? null : kept;
    }

    private static boolean isPublicSchema(Privilege p) {
        return "SCHEMA".equals(p.on()) && "public".equals(p.object());
    }

    /** In a fixed order: by object, column, grantee (PUBLIC first) and privilege. */
    public static List<Privilege> sorted(List<Privilege> privileges) {
        return privileges.stream().sorted(Comparator.comparing(Privilege::key).thenComparing(Privilege::grantable))
                .toList();
    }

    /**
     * The snapshot without grants to these roles, wherever the diff reads grants (tables, sequences, columns,
     * schemas, routines); a routine keeps them aside, so that a plan that creates it again gives them back.
     */
    public static Snapshot ignoring(Snapshot s, Set<String> grantees) {
        if (grantees.isEmpty()) {
            return s;
        }
        Snapshot out = s.withPrivileges(s.privileges() == null ? null : s.privileges().stream()
                .filter(p -> p.grantee() == null || !grantees.contains(p.grantee())).toList());
        return out.withFunctions(out.functions().stream().map(f -> f.ignoring(grantees)).toList())
                .withAggregates(out.aggregates().stream().map(a -> a.ignoring(grantees)).toList());
    }

    /** Only the grants to PUBLIC: for a cluster that may not have the roles named in the others. */
    public static Snapshot publicGrantsOnly(Snapshot s) {
        return s.withPrivileges(s.privileges() == null ? null
                : s.privileges().stream().filter(p -> p.grantee() == null).toList());
    }

    /** Whether the object the privilege is on (not its column) exists in {@code s}. */
    /**
     * Whether both servers know the privilege: MAINTAIN came with PostgreSQL 17, where {@code GRANT ALL} includes it,
     * so a shadow on 17 holds it where production on 16 cannot, and a plan must not grant it there.
     */
    public static boolean knownToBoth(Privilege p, Snapshot a, Snapshot b) {
        return !p.privilege().equals("MAINTAIN") || (atLeast17(a) && atLeast17(b));
    }

    private static boolean atLeast17(Snapshot s) {
        return s.serverMajor() == 0 || s.serverMajor() >= 17;
    }

    public static boolean objectIn(Privilege p, Snapshot s) {
        return switch (p.on()) {
            case "SCHEMA" -> s.schemas().stream().anyMatch(n -> n.qualifiedName().equals(p.object()));
            case "SEQUENCE" -> s.sequences().stream().anyMatch(q -> q.qualifiedName().equals(p.object()));
            default -> s.table(p.object()).isPresent()
                    || s.views().stream().anyMatch(v -> v.qualifiedName().equals(p.object()));
        };
    }
}
