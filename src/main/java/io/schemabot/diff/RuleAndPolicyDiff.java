package io.schemabot.diff;

import io.schemabot.schema.Policy;
import io.schemabot.schema.Rule;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;

import java.util.List;

/** Compares what decides which rows a statement reaches: rewrite rules, row-level security policies and switches. */
final class RuleAndPolicyDiff {
    private RuleAndPolicyDiff() {
    }

    static void compare(Snapshot from, Snapshot to, List<Change> changes) {
        SchemaDiff.byKey(from.rules(), to.rules(), Rule::onTable,
                r -> changes.add(new TableChange.RuleAdded(r.table(), r.onTable(), r.definition())),
                r -> changes.add(new TableChange.RuleDropped(r.table(), r.onTable(), r.definition())),
                (a, b) -> {
                    if (!ruleState(a).equals(ruleState(b))) {
                        changes.add(new TableChange.RuleChanged(a.table(), a.onTable(), ruleState(a), ruleState(b)));
                    }
                    SchemaDiff.addComment(changes, "RULE", a.onTable(), a.table(), a.comment(), b.comment());
                });
        SchemaDiff.byKey(from.policies(), to.policies(), Policy::onTable,
                p -> changes.add(new TableChange.PolicyAdded(p.table(), p.onTable(), p.definition())),
                p -> changes.add(new TableChange.PolicyDropped(p.table(), p.onTable(), p.definition())),
                (a, b) -> {
                    if (!a.definition().equals(b.definition())) {
                        changes.add(new TableChange.PolicyChanged(a.table(), a.onTable(), a.definition(), b.definition()));
                    }
                    SchemaDiff.addComment(changes, "POLICY", a.onTable(), a.table(), a.comment(), b.comment());
                });
        SchemaDiff.byKey(from.tables(), to.tables(), Table::qualifiedName, t -> { }, t -> { }, (a, b) -> {
            if (!rowSecurity(a).equals(rowSecurity(b))) {
                changes.add(new TableChange.RowSecurityChanged(a.qualifiedName(), rowSecurity(a), rowSecurity(b)));
            }
        });
    }

    private static String ruleState(Rule r) {
        return r.definition() + ("O".equals(r.enabled()) ? "" : " [enabled=" + r.enabled() + "]");
    }

    /** As the ALTER TABLE clauses say it. */
    private static String rowSecurity(Table t) {
        return (t.rowSecurity() ? "ENABLE" : "DISABLE") + " ROW LEVEL SECURITY, "
                + (t.forceRowSecurity() ? "FORCE" : "NO FORCE") + " ROW LEVEL SECURITY";
    }
}
