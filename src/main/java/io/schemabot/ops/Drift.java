package io.schemabot.ops;

import io.schemabot.diff.DiffResult;

import java.util.List;

/**
 * How one schema differs from another (for a target: production against its migrations), with report labels and
 * the roles whose grants were left out of the comparison (a target's {@code privileges.ignoreGrantees}), which a
 * report names so that nobody reads "no drift" as "no grants to them".
 */
public record Drift(DiffResult diff, String fromLabel, String toLabel, List<String> ignoredGrantees) {
    public Drift {
        ignoredGrantees = ignoredGrantees == null ? List.of() : ignoredGrantees.stream().sorted().toList();
    }

    public Drift(DiffResult diff, String fromLabel, String toLabel) {
        this(diff, fromLabel, toLabel, List.of());
    }
}
