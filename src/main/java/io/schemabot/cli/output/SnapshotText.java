package io.schemabot.cli.output;

import io.schemabot.Plural;
import io.schemabot.schema.Column;
import io.schemabot.schema.Index;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.Table;
import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.util.List;
import java.util.stream.Collectors;

/** A snapshot for people: one block per object, tables with their columns, keys, indexes, triggers, rules and policies. */
public final class SnapshotText {
    private SnapshotText() {
    }

    public static String render(Snapshot s) {
        StringBuilder out = new StringBuilder();
        out.append("PostgreSQL ").append(s.serverVersion()).append(", fingerprint ").append(s.fingerprint())
                .append('\n').append(Plural.count(s.tables().size(), "table", "tables")).append(", ")
                .append(Plural.count(s.views().size(), "view", "views")).append(", ")
                .append(Plural.count(s.functions().size(), "function", "functions")).append(", ")
                .append(Plural.count(s.indexes().size(), "index", "indexes")).append('\n');
        s.schemas().forEach(n -> line(out, "schema " + n.qualifiedName(), n.comment()));
        s.extensions().forEach(x -> line(out, "extension " + x.name() + " " + x.version() + " in " + x.schema(),
                x.comment()));
        s.enums().forEach(e -> line(out, "enum " + e.qualifiedName() + " (" + String.join(", ", e.labels()) + ")",
                e.comment()));
        s.domains().forEach(d -> line(out, "domain " + d.qualifiedName() + " " + d.baseType()
                + (d.notNull() ? " NOT NULL" : "") + (d.defaultExpression() == null ? "" : " DEFAULT " + d.defaultExpression())
                + d.checks().stream().map(c -> " " + c.definition()).reduce("", String::concat), d.comment()));
        s.compositeTypes().forEach(t -> line(out, "type " + t.qualifiedName() + " AS " + t.definition(), t.comment()));
        s.sequences().forEach(q -> line(out, "sequence " + q.qualifiedName() + " " + q.options()
                + (q.ownedBy() == null ? "" : " OWNED BY " + q.ownedBy()), q.comment()));
        for (Table t : s.tables()) {
            out.append('\n');
            StringBuilder head = new StringBuilder(t.unlogged() ? "unlogged table " : "table ").append(t.qualifiedName());
            if (t.partitionKey() != null) {
                head.append(" PARTITION BY ").append(t.partitionKey());
            }
            if (t.partitionOf() != null) {
                head.append(" PARTITION OF ").append(t.partitionOf()).append(' ').append(t.partitionBound());
            }
            if (!t.inherits().isEmpty()) {
                head.append(" INHERITS (").append(String.join(", ", t.inherits())).append(')');
            }
            if (t.rowSecurity() || t.forceRowSecurity()) {
                head.append(t.rowSecurity() ? " ROW LEVEL SECURITY" : " ROW LEVEL SECURITY disabled")
                        .append(t.forceRowSecurity() ? " (forced)" : "");
            }
            line(out, head.toString(), t.comment());
            for (Column c : t.columns()) {
                line(out, "  " + Sql.ident(c.name()) + " " + c.type()
                        + (c.collation() == null ? "" : " COLLATE " + c.collation())
                        + (c.notNull() ? " NOT NULL" : "")
                        + (c.defaultExpression() == null ? "" : " DEFAULT " + c.defaultExpression())
                        + (c.identity() == null ? "" : " GENERATED " + c.identity() + " AS IDENTITY"
                        + (c.identityOptions() == null ? "" : " (" + c.identityOptions() + ")"))
                        + (c.generated() == null ? "" : " GENERATED ALWAYS AS (" + c.generated() + ") STORED"),
                        c.comment());
            }
            t.constraints().forEach(c -> line(out, "  CONSTRAINT " + Sql.ident(c.name()) + " " + c.definition(),
                    c.comment()));
            indexesOf(s.indexes(), t.qualifiedName()).forEach(i -> line(out, "  " + i.definition(), i.comment()));
            s.triggers().stream().filter(tr -> tr.table().equals(t.qualifiedName()))
                    .forEach(tr -> line(out, "  " + tr.definition(), tr.comment()));
            rulesOf(out, s, t.qualifiedName());
            s.policies().stream().filter(p -> p.table().equals(t.qualifiedName()))
                    .forEach(p -> line(out, "  " + p.definition(), p.comment()));
        }
        for (View v : s.views()) {
            out.append('\n');
            String options = v.options().isEmpty() ? "" : v.options().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", " WITH (", ")"));
            line(out, (v.materialized() ? "materialized view " : "view ") + v.qualifiedName() + options + " AS"
                    + (v.unpopulated() ? " (not populated)" : ""), v.comment());
            v.definition().strip().lines().forEach(l -> out.append("  ").append(l).append('\n'));
            v.columns().forEach(c -> line(out, "  column " + Sql.ident(c.name())
                    + (c.defaultExpression() == null ? "" : " DEFAULT " + c.defaultExpression()), c.comment()));
            indexesOf(s.indexes(), v.qualifiedName()).forEach(i -> out.append("  ").append(i.definition()).append('\n'));
            rulesOf(out, s, v.qualifiedName());
        }
        if (!s.functions().isEmpty() || !s.aggregates().isEmpty() || !s.eventTriggers().isEmpty()) {
            out.append('\n');
        }
        s.functions().forEach(f -> line(out, (f.procedure() ? "procedure " : "function ") + f.signature()
                + (f.result() == null ? "" : " RETURNS " + f.result()), f.comment()));
        s.aggregates().forEach(a -> line(out, "aggregate " + a.signature() + " RETURNS " + a.result(), a.comment()));
        s.eventTriggers().forEach(t -> line(out, t.state(), t.comment()));
        return out.toString();
    }

    private static void rulesOf(StringBuilder out, Snapshot s, String relation) {
        s.rules().stream().filter(r -> r.table().equals(relation)).forEach(r -> line(out, "  "
                + r.definition().strip().replaceAll("\\s+", " ") + ("O".equals(r.enabled()) ? "" : " [enabled="
                + r.enabled() + "]"), r.comment()));
    }

        private static List<Index> indexesOf(List<Index> indexes, String table) {
        return indexes.stream().filter(i -> i.table().equals(table)).toList();
    }

    private static void line(StringBuilder out, String text, String comment) {
        out.append(text);
        if (comment != null) {
            out.append("  -- ").append(comment.replace('\n', ' '));
        }
        out.append('\n');
    }
}
