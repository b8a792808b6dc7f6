package io.schemabot.migrate;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The drift between production and its migrations' schema when the shadow, which built that schema, runs another
 * major version than production. pg_get_viewdef and the other pg_get_*def and pg_get_expr texts are written
 * differently from version to version, so production's text and the shadow's differ although the definitions
 * are the same. The clone of production on the shadow is production's definitions created there and read back by
 * the shadow's version: a definition differs for real only if it still differs between the clone and the
 * migrations' schema, whose texts the same version wrote. This is exact where a whitespace or cast normalisation
 * would guess; only definition texts are judged so, and only when the clone has that object unchanged otherwise.
 */
final class VersionNeutralDrift {
    /** The changes whose two sides are texts that PostgreSQL writes from its catalog. */
    private static final Set<Class<? extends Change>> DEFINITIONS = Set.of(ObjectChange.ViewDefinitionChanged.class,
            TableChange.ConstraintChanged.class, TableChange.ForeignKeyChanged.class, TableChange.IndexChanged.class,
            ObjectChange.FunctionChanged.class, TableChange.TriggerChanged.class, TableChange.RuleChanged.class,
            TableChange.PolicyChanged.class, TableChange.ColumnDefaultChanged.class, TableChange.ColumnGeneratedChanged.class,
            ObjectChange.DomainChanged.class);

    private VersionNeutralDrift() {
    }

    /**
     * {@code drift} (production to the migrations' schema) without the definition changes that {@code cloneDrift}
     * (the clone to the same schema) no longer has anything to say about.
     */
    static DiffResult of(DiffResult drift, DiffResult cloneDrift) {
        Set<String> stillDiffer = cloneDrift.changes().stream().map(Change::object).collect(Collectors.toSet());
        List<Change> real = drift.changes().stream()
                .filter(c -> !DEFINITIONS.contains(c.getClass()) || stillDiffer.contains(c.object())).toList();
        return new DiffResult(drift.fromFingerprint(), drift.toFingerprint(), real, drift.incompatibilities(),
                drift.cosmetic());
    }
}
