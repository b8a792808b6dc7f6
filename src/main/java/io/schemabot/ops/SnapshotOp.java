package io.schemabot.ops;

import io.schemabot.schema.LiveSchema;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.SnapshotOptions;

/** The snapshot verb: a live database's schema, refusing a --schema that it does not have. */
public final class SnapshotOp {
    private SnapshotOp() {
    }

    public static Snapshot of(String url, SnapshotOptions options) {
        Snapshot snapshot = LiveSchema.read(SchemaSources.parseUrl(url), options);
        SchemaSources.requireSchemas(options.schemas(), snapshot);
        return snapshot;
    }
}
