package io.schemabot.testing;

import io.schemabot.diff.DiffResult;
import io.schemabot.diff.SchemaDiff;
import io.schemabot.schema.Snapshot;

/** Two fresh databases built from SQL, snapshotted and compared; both are dropped afterwards. */
public final class SchemaPair {
    public final Snapshot from;
    public final Snapshot to;
    public final DiffResult diff;

    private SchemaPair(Snapshot from, Snapshot to) {
        this.from = from;
        this.to = to;
        this.diff = SchemaDiff.between(from, to);
    }

    /** {@code common} runs on both sides first, then {@code fromSql} on one and {@code toSql} on the other. */
    public static SchemaPair of(String common, String fromSql, String toSql) {
        try (TestDatabase a = EmbeddedPg.createDatabase("from"); TestDatabase b = EmbeddedPg.createDatabase("to")) {
            if (!common.isBlank()) {
                a.exec(common);
                b.exec(common);
            }
            if (!fromSql.isBlank()) {
                a.exec(fromSql);
            }
            if (!toSql.isBlank()) {
                b.exec(toSql);
            }
            return new SchemaPair(a.snapshot(), b.snapshot());
        }
    }
}
