package io.schemabot.ops;

import io.schemabot.diff.SchemaDiff;

/** The drift verb: loads two SOURCEs and compares them. */
public final class DriftOp {
    private final SchemaSources sources;

    public DriftOp(SchemaSources sources) {
        this.sources = sources;
    }

    public Drift between(String from, String to) {
        SchemaSources.Sides sides = sources.load(from, to);
        return new Drift(SchemaDiff.between(sides.from(), sides.to()), sides.fromLabel(), sides.toLabel(),
                sources.ignoredGrantees());
    }
}
