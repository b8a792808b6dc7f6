package io.schemabot.diff;

import io.schemabot.schema.Collation;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.TextSearchConfig;
import io.schemabot.schema.TextSearchDictionary;

import java.util.List;

/**
 * Compares collations and text search dictionaries and configurations by name. A same-named collation that
 * compares otherwise (another provider, locale, rules or determinism) is a real difference: the rows of a
 * unique index on it may be duplicates under the other.
 */
final class CollationDiff {
    private CollationDiff() {
    }

    static void compare(Snapshot from, Snapshot to, List<Change> changes) {
        SchemaDiff.byKey(from.collations(), to.collations(), Collation::qualifiedName,
                c -> changes.add(new ObjectChange.CollationAdded(c.qualifiedName(), c.definition())),
                c -> changes.add(new ObjectChange.CollationDropped(c.qualifiedName(), c.definition())),
                (a, b) -> {
                    if (!a.definition().equals(b.definition())) {
                        changes.add(new ObjectChange.CollationChanged(a.qualifiedName(), a.definition(), b.definition()));
                    }
                    SchemaDiff.addComment(changes, "COLLATION", a.qualifiedName(), null, a.comment(), b.comment());
                });
        SchemaDiff.byKey(from.textSearchDictionaries(), to.textSearchDictionaries(),
                TextSearchDictionary::qualifiedName,
                d -> changes.add(new ObjectChange.TextSearchAdded("DICTIONARY", d.qualifiedName(), d.definition())),
                d -> changes.add(new ObjectChange.TextSearchDropped("DICTIONARY", d.qualifiedName(), d.definition())),
                (a, b) -> {
                    if (!a.definition().equals(b.definition())) {
                        changes.add(new ObjectChange.TextSearchChanged("DICTIONARY", a.qualifiedName(), a.definition(),
                                b.definition()));
                    }
                    SchemaDiff.addComment(changes, "TEXT SEARCH DICTIONARY", a.qualifiedName(), null, a.comment(),
                            b.comment());
                });
        SchemaDiff.byKey(from.textSearchConfigs(), to.textSearchConfigs(), TextSearchConfig::qualifiedName,
                c -> changes.add(new ObjectChange.TextSearchAdded("CONFIGURATION", c.qualifiedName(), c.definition())),
                c -> changes.add(new ObjectChange.TextSearchDropped("CONFIGURATION", c.qualifiedName(), c.definition())),
                (a, b) -> {
                    if (!a.definition().equals(b.definition())) {
                        changes.add(new ObjectChange.TextSearchChanged("CONFIGURATION", a.qualifiedName(), a.definition(),
                                b.definition()));
                    }
                    SchemaDiff.addComment(changes, "TEXT SEARCH CONFIGURATION", a.qualifiedName(), null, a.comment(),
                            b.comment());
                });
    }
}
