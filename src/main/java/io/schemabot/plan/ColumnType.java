package io.schemabot.plan;

import io.schemabot.schema.Domain;
import io.schemabot.schema.Snapshot;

import java.util.Optional;

/**
 * A column's type as format_type() writes it, and the type PostgreSQL casts it as: the base type under its
 * domains (a domain has no casts of its own). {@code constrained} when a domain on the way has NOT NULL or a
 * CHECK, so converting into it can fail whatever the base type allows.
 */
record ColumnType(String written, String base, boolean constrained) {

    /** {@code type} as the domains of {@code snapshot} (the side the type belongs to) define it. */
    static ColumnType in(Snapshot snapshot, String type) {
        boolean array = type.endsWith("[]");
        String element = array ? type.substring(0, type.length() - 2) : type;
        boolean constrained = false;
        // Bounded by the number of domains, in case a hand-made snapshot names them in a circle.
        for (int i = 0; i <= snapshot.domains().size(); i++) {
            Optional<Domain> domain = domain(snapshot, element);
            if (domain.isEmpty()) {
                break;
            }
            constrained |= domain.get().notNull() || !domain.get().checks().isEmpty();
            element = domain.get().baseType();
        }
        // An array of a domain over an array is still one array type.
        return new ColumnType(type, array && !element.endsWith("[]") ? element + "[]" : element, constrained);
    }

    private static Optional<Domain> domain(Snapshot snapshot, String qualifiedName) {
        return snapshot.domains().stream().filter(d -> d.qualifiedName().equals(qualifiedName)).findFirst();
    }
}
