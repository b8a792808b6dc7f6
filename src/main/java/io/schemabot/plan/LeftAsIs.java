package io.schemabot.plan;

import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;

import java.util.List;

/**
 * Names what a plan leaves as it is on purpose, so that nobody takes it for something missed: the diff's cosmetic
 * differences, which no step makes.
 */
final class LeftAsIs {
    private LeftAsIs() {
    }

    static List<String> notes(DiffResult diff) {
        return diff.cosmetic().stream().map(LeftAsIs::note).toList();
    }

    private static String note(Change cosmetic) {
        if (cosmetic instanceof TableChange.ColumnOrderDiffers order) {
            // ALTER TABLE cannot move a column: only a new table, copied under an exclusive lock, could
            return "column order of " + order.table() + " (cosmetic; changing it rewrites the table)";
        }
        return cosmetic.describe();
    }
}
