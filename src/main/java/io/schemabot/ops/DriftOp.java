package io.schemabot.ops;

/** The drift verb: loads two SOURCEs and compares them. */
public final class DriftOp {
    private final SchemaSources sources;

    public DriftOp(SchemaSources sources) {
        this.sources = sources;
    }

    public Drift between(String from, String to) {
        SchemaSources.Sides sides = sources.load(from, to);
        return new Drift(sides.diff(), sides.fromLabel(), sides.toLabel(), sources.ignoredGrantees());
    }
}
