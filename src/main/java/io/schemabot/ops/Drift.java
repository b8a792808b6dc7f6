package io.schemabot.ops;

import io.schemabot.diff.DiffResult;

/** How one schema differs from another (for a target: production against its migrations), with report labels. */
public record Drift(DiffResult diff, String fromLabel, String toLabel) {
}
