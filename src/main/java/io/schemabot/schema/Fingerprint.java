package io.schemabot.schema;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 of a snapshot's normalised form. Normalising drops what differs between clusters holding the same
 * schema: the server version, size estimates, column order, owners, schema public's default grants, the role list, whether
 * materialized views are populated, the versions an extension could be updated to, and names PostgreSQL generated for constraints and
 * indexes (those objects are identified by their definitions instead).
 */
final class Fingerprint {
    private Fingerprint() {
    }

    static String of(Snapshot snapshot) {
        byte[] canonical = SnapshotJson.canonicalBytes(normalise(snapshot));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    static Snapshot normalise(Snapshot s) {
        List<Table> tables = s.tables().stream().map(Fingerprint::normalise).toList();
        List<Index> indexes = s.indexes().stream().map(Index::inDefaultTablespace)
                .map(i -> GeneratedNames.isGenerated(tableName(i.table()), i.name())
                        ? new Index(i.table(), i.schema(), "", i.unique(), i.method(), i.shape(), i.comment(),
                                i.invalid(), i.attachedTo())
                        : i)
                .sorted(Comparator.comparing(Index::table).thenComparing(Index::name).thenComparing(Index::definition))
                .toList();
        return new Snapshot(null, s.schemas(), s.extensions().stream().map(Extension::withoutUpdatePaths).toList(),
                s.enums(), s.domains(), s.sequences(), tables,
                indexes, s.views().stream().map(View::withoutAccess).toList(),
                s.functions().stream().map(Function::withoutOwner).toList(), s.triggers(), s.rules(), s.policies(), s.compositeTypes(),
                s.aggregates().stream().map(Aggregate::withoutOwner).toList(),
                s.eventTriggers(), s.collations(), s.textSearchDictionaries(), s.textSearchConfigs(),
                Privileges.fingerprinted(s), null);
    }

    private static Table normalise(Table t) {
        List<Column> columns = t.columns().stream().sorted(Comparator.comparing(Column::name)).toList();
        List<Constraint> constraints = t.constraints().stream()
                .map(c -> GeneratedNames.isGenerated(t.name(), c.name()) ? renamed(c, "") : c)
                .sorted(Comparator.comparing(Constraint::type).thenComparing(Constraint::name)
                        .thenComparing(Constraint::definition))
                .toList();
        return new Table(t.schema(), t.name(), t.partitioned(), t.unlogged(), t.partitionKey(), t.partitionOf(),
                t.partitionBound(), t.inherits(), columns, constraints, t.comment(), t.rowSecurity(),
                t.forceRowSecurity(), t.options(), t.accessMethod(), null, t.replicaIdentity(),
                t.triggerStates(), null);
    }

    private static Constraint renamed(Constraint c, String name) {
        return new Constraint(name, c.type(), c.definition(), c.columns(), c.refTable(), c.refColumns(),
                c.onDelete(), c.onUpdate(), c.deferrable(), c.initiallyDeferred(), c.validated(), c.comment(),
                c.triggersDisabled());
    }

    /** The bare table name from a qualified one, for the generated-name check. */
    static String tableName(String qualified) {
        return io.schemabot.sql.Sql.unqualify(qualified);
    }
}
