package io.schemabot.plan;

import io.schemabot.schema.Column;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Sequence;
import io.schemabot.schema.Table;
import io.schemabot.schema.Access;
import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;

/** SQL text for objects of a snapshot: every name goes through {@link Sql}. */
final class Ddl {
    private Ddl() {
    }

    /** A column as CREATE TABLE or ADD COLUMN spells it. */
    static String column(Column c) {
        StringBuilder sb = new StringBuilder(Sql.ident(c.name())).append(' ').append(c.type());
        if (c.collation() != null) {
            sb.append(" COLLATE ").append(c.collation());
        }
        if (c.generated() != null) {
            sb.append(" GENERATED ALWAYS AS (").append(c.generated()).append(") STORED");
        } else if (c.defaultExpression() != null) {
            sb.append(" DEFAULT ").append(c.defaultExpression());
        }
        if (c.identity() != null) {
            sb.append(" GENERATED ").append(c.identity()).append(" AS IDENTITY");
        }
        if (c.notNull()) {
            sb.append(" NOT NULL");
        }
        return sb.toString();
    }

    /** CREATE TABLE with columns and every constraint except foreign keys, which come after all tables exist. */
    static String createTable(Table t) {
        StringBuilder sb = new StringBuilder("CREATE ");
        if (t.unlogged()) {
            sb.append("UNLOGGED ");
        }
        sb.append("TABLE ").append(t.qualifiedName());
        List<String> parts = new ArrayList<>();
        if (t.partitionOf() == null) {
            t.columns().stream().filter(c -> !c.inherited()).forEach(c -> parts.add(column(c)));
        } else {
            // a partition's columns come from its parent; only local NOT NULL / defaults would differ
            t.columns().stream().filter(c -> !c.inherited()).forEach(c -> parts.add(column(c)));
        }
        t.constraints().stream().filter(Ddl::inlineInCreateTable)
                .forEach(c -> parts.add("CONSTRAINT " + Sql.ident(c.name()) + " " + c.definition()));
        if (t.partitionOf() != null) {
            sb.append(" PARTITION OF ").append(t.partitionOf());
            if (!parts.isEmpty()) {
                sb.append(" (\n    ").append(String.join(",\n    ", parts)).append("\n)");
            }
            sb.append(' ').append(t.partitionBound());
        } else {
            sb.append(" (\n    ").append(String.join(",\n    ", parts)).append("\n)");
            if (!t.inherits().isEmpty()) {
                sb.append(" INHERITS (").append(String.join(", ", t.inherits())).append(')');
            }
        }
        if (t.partitionKey() != null) {
            sb.append(" PARTITION BY ").append(t.partitionKey());
        }
        return sb.append(';').toString();
    }

    /**
     * Foreign keys wait until every table exists; NOT VALID constraints are added afterwards because CREATE
     * TABLE ignores NOT VALID and would make them valid.
     */
    static boolean inlineInCreateTable(Constraint c) {
        return c.type() != Constraint.Type.FOREIGN_KEY && c.validated();
    }

    static String addConstraint(String table, Constraint c) {
        return "ALTER TABLE " + table + " ADD CONSTRAINT " + Sql.ident(c.name()) + " " + c.definition() + ";";
    }

    static String dropConstraint(String table, String quotedName) {
        return "ALTER TABLE " + table + " DROP CONSTRAINT " + quotedName + ";";
    }

    static String createSequence(Sequence s) {
        return "CREATE SEQUENCE " + s.qualifiedName() + " " + s.options() + ";";
    }

    /**
     * Gives a recreated object (kind: "VIEW", "MATERIALIZED VIEW", "FUNCTION", "PROCEDURE") its owner and
     * privileges back: the owner first, so the grants are recorded as the owner's; an explicit ACL starts from
     * nothing, as a new function would otherwise keep the default EXECUTE for PUBLIC.
     */
    static String restoreAccess(String kind, String name, Access access) {
        StringBuilder sql = new StringBuilder("ALTER " + kind + " " + name + " OWNER TO " + Sql.ident(access.owner()) + ";");
        if (access.explicit()) {
            sql.append("\nREVOKE ALL ON ").append(kind.endsWith("VIEW") ? "" : kind + " ").append(name).append(" FROM PUBLIC;");
        }
        for (Access.Grant g : access.grants()) {
            sql.append("\nGRANT ").append(g.privileges()).append(" ON ").append(kind.endsWith("VIEW") ? "" : kind + " ")
                    .append(name).append(" TO ").append(g.role() == null ? "PUBLIC" : Sql.ident(g.role()))
                    .append(g.grantable() ? " WITH GRANT OPTION;" : ";");
        }
        return sql.toString();
    }

    static String createView(View v) {
        String body = v.definition().strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1);
        }
        return "CREATE " + (v.materialized() ? "MATERIALIZED VIEW " : "VIEW ") + v.qualifiedName() + " AS\n" + body
                + ";";
    }

    static String dropView(String name, boolean materialized) {
        return "DROP " + (materialized ? "MATERIALIZED VIEW " : "VIEW ") + name + ";";
    }

    /** A trigger definition ends without a semicolon. */
    static String statement(String definition) {
        String s = definition.strip();
        return s.endsWith(";") ? s : s + ";";
    }

    static String comment(String target, String object, String text) {
        return "COMMENT ON " + target + " " + object + " IS " + Sql.literal(text) + ";";
    }
}
