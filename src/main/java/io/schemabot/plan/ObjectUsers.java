package io.schemabot.plan;

import io.schemabot.schema.Column;
import io.schemabot.schema.CompositeType;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Domain;
import io.schemabot.schema.Function;
import io.schemabot.schema.Index;
import io.schemabot.schema.Policy;
import io.schemabot.schema.Rule;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.schema.TextSearchConfig;
import io.schemabot.schema.Trigger;
import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lists what in a snapshot PostgreSQL ties to a collation or text search object: the columns, domains and
 * attributes declared with it, and every stored expression that names it (indexes, constraints, defaults,
 * generated columns, views, triggers, rules, policies, routine signatures and SQL-standard bodies). A routine body
 * kept as a string is no dependency and is not listed.
 */
final class ObjectUsers {
    private ObjectUsers() {
    }

    /** Users of the collation (qualified, as a column's collation names it), described for people. */
    static List<String> ofCollation(Snapshot s, String collation) {
        List<String> users = new ArrayList<>();
        for (Table t : s.tables()) {
            t.columns().stream().filter(c -> collation.equals(c.collation()))
                    .forEach(c -> users.add("column " + t.qualifiedName() + "." + Sql.ident(c.name())));
        }
        s.domains().stream().filter(d -> collation.equals(d.collation()))
                .forEach(d -> users.add("domain " + d.qualifiedName()));
        for (CompositeType type : s.compositeTypes()) {
            type.attributes().stream().filter(a -> collation.equals(a.collation()))
                    .forEach(a -> users.add("attribute " + type.qualifiedName() + "." + Sql.ident(a.name())));
        }
        users.addAll(naming(s, text -> Dependents.mentions(text, "COLLATE " + collation)));
        return users.stream().distinct().toList();
    }

    /** Users of the text search configuration: expressions that name it as a regconfig constant. */
    static List<String> ofTextSearchConfig(Snapshot s, String config) {
        String constant = Sql.literal(config) + "::regconfig";
        return naming(s, text -> text.contains(constant)).stream().distinct().toList();
    }

    /** Configurations of the snapshot that consult the dictionary. */
    static List<TextSearchConfig> configsUsing(Snapshot s, String dictionary) {
        return s.textSearchConfigs().stream().filter(c -> c.mappings().stream()
                .anyMatch(m -> m.dictionaries().contains(dictionary))).toList();
    }

    /** Stored expressions and signatures for which {@code names} holds. */
    static List<String> naming(Snapshot s, Predicate<String> names) {
        List<String> users = new ArrayList<>();
        for (Table t : s.tables()) {
            for (Column c : t.columns()) {
                String where = "column " + t.qualifiedName() + "." + Sql.ident(c.name());
                if (c.generated() != null && names.test(c.generated())) {
                    users.add("generated " + where);
                } else if (c.defaultExpression() != null && names.test(c.defaultExpression())) {
                    users.add("default of " + where);
                }
            }
            for (Constraint k : t.constraints()) {
                if (names.test(k.definition())) {
                    users.add("constraint " + Sql.ident(k.name()) + " on " + t.qualifiedName());
                }
            }
            if (t.partitionKey() != null && names.test(t.partitionKey())) {
                users.add("partition key of " + t.qualifiedName());
            }
        }
        for (Domain d : s.domains()) {
            if ((d.defaultExpression() != null && names.test(d.defaultExpression()))
                    || d.checks().stream().anyMatch(k -> names.test(k.definition()))) {
                users.add("domain " + d.qualifiedName());
            }
        }
        for (Index i : s.indexes()) {
            if (names.test(i.definition())) {
                users.add("index " + i.qualifiedName());
            }
        }
        for (View v : s.views()) {
            if (names.test(v.definition()) || v.columns().stream()
                    .anyMatch(c -> c.defaultExpression() != null && names.test(c.defaultExpression()))) {
                users.add((v.materialized() ? "materialized view " : "view ") + v.qualifiedName());
            }
        }
        for (Function f : s.functions()) {
            if (names.test(f.arguments() + " " + f.result()) || (RoutineSteps.standardBody(f) && names.test(f.definition()))) {
                users.add((f.procedure() ? "procedure " : "function ") + f.signature());
            }
        }
        for (Trigger t : s.triggers()) {
            if (names.test(t.definition())) {
                users.add("trigger " + Sql.ident(t.name()) + " on " + t.table());
            }
        }
        for (Rule r : s.rules()) {
            if (names.test(r.definition())) {
                users.add("rule " + Sql.ident(r.name()) + " on " + r.table());
            }
        }
        for (Policy p : s.policies()) {
            if (names.test(p.definition())) {
                users.add("policy " + Sql.ident(p.name()) + " on " + p.table());
            }
        }
        return users;
    }

    /** At most {@code limit} users by name, then how many more. */
    static String named(List<String> users, int limit) {
        return String.join(", ", users.subList(0, Math.min(limit, users.size())))
                + (users.size() > limit ? " and " + (users.size() - limit) + " more" : "");
    }
}
