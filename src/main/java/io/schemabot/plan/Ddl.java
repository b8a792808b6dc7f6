package io.schemabot.plan;

import io.schemabot.schema.Column;
import io.schemabot.schema.Constraint;
import io.schemabot.schema.Sequence;
import io.schemabot.schema.Table;
import io.schemabot.schema.Trigger;
import io.schemabot.schema.Access;
import io.schemabot.schema.Function;
import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

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
            if (c.identityOptions() != null) {
                sb.append(" (").append(c.identityOptions()).append(")");
            }
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
            // a partition's columns come from its parent; a NOT NULL of its own is said with the column's options
            t.columns().stream().filter(c -> !c.inherited()).forEach(c -> parts.add(column(c)));
            t.columns().stream().filter(c -> c.inherited() && c.notNull())
                    .forEach(c -> parts.add(Sql.ident(c.name()) + " WITH OPTIONS NOT NULL"));
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

    /** A constraint that binds new rows at once and leaves the rows already there to {@link #validateConstraint}. */
    static String addConstraintNotValid(String table, Constraint c) {
        return "ALTER TABLE " + table + " ADD CONSTRAINT " + Sql.ident(c.name()) + " " + c.definition() + " NOT VALID;";
    }

    static String validateConstraint(String table, Constraint c) {
        return "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + Sql.ident(c.name()) + ";";
    }

    static String dropConstraint(String table, String quotedName) {
        return "ALTER TABLE " + table + " DROP CONSTRAINT " + quotedName + ";";
    }

    static String createSequence(Sequence s) {
        return "CREATE SEQUENCE " + s.qualifiedName() + " " + s.options() + ";";
    }

    /** A recreated view or materialized view gets production's owner and exactly its grants back. */
    static String restoreAccess(View v, Access access) {
        String acl = "SELECT a.grantee FROM pg_class c, aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a"
                + " WHERE c.oid = "
                + Sql.literal(v.qualifiedName()) + "::regclass AND a.grantee <> c.relowner";
        return restoreAccess(v.materialized() ? "MATERIALIZED VIEW" : "VIEW", "", v.qualifiedName(), acl, access);
    }

    /**
     * A recreated function gets production's owner and exactly its privileges back; one that had the default
     * (PUBLIC may execute) gets that default written out.
     */
    static String restoreAccess(Function f, Access access) {
        String kind = f.procedure() ? "PROCEDURE" : "FUNCTION";
        String acl = "SELECT a.grantee FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a"
                + " WHERE p.oid = " + Sql.literal(f.signature()) + "::regprocedure AND a.grantee <> p.proowner";
        return restoreAccess(kind, kind + " ", f.signature(), acl, explicit(access));
    }

    /**
     * The owner first, so the grants are recorded as the owner's. Then every grant the new object holds, the
     * implicit defaults (PUBLIC's EXECUTE on a function) and whatever the default privileges of whoever runs the
     * plan added, is revoked (a DO block, as those roles are only known then), and production's grants are made
     * again. The block reads the catalog with an empty search_path, as the snapshot did, so that argument types
     * print the same; it puts the caller's search_path back.
     */
    /** An aggregate created again gets production's owner and privileges back, as a function does. */
    static String restoreAccess(io.schemabot.schema.Aggregate a, Access access) {
        String acl = "SELECT a.grantee FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a"
                + " WHERE p.oid = " + Sql.literal(a.signature()) + "::regprocedure AND a.grantee <> p.proowner";
        return restoreAccess("AGGREGATE", "FUNCTION ", a.signature(), acl, explicit(access));
    }

    /** The access with a default ACL written out: PUBLIC may execute. */
    private static Access explicit(Access access) {
        return access.explicit() ? access : new Access(access.owner(),
                java.util.stream.Stream.concat(access.grants().stream(), java.util.stream.Stream.of(
                        new Access.Grant("EXECUTE", null, false))).toList(), true, false, access.ignored());
    }

    private static String restoreAccess(String kind, String grantKind, String name, String aclQuery, Access access) {
        StringBuilder sql = new StringBuilder("ALTER " + kind + " " + name + " OWNER TO " + Sql.ident(access.owner()) + ";");
        String revoke = Sql.literal("REVOKE ALL ON " + grantKind + name + " FROM ");
        sql.append("\nDO ").append(Sql.dollarQuoted("DECLARE g oid; path text := current_setting('search_path'); BEGIN"
                + " PERFORM set_config('search_path', '', true); FOR g IN " + aclQuery + " LOOP EXECUTE " + revoke
                + " || CASE WHEN g = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g)) END; END LOOP;"
                + " PERFORM set_config('search_path', path, true); END")).append(";");
        for (Access.Grant g : access.allGrants()) {
            sql.append("\nGRANT ").append(g.privileges()).append(" ON ").append(grantKind).append(name).append(" TO ")
                    .append(g.role() == null ? "PUBLIC" : Sql.ident(g.role()))
                    .append(g.grantable() ? " WITH GRANT OPTION;" : ";");
        }
        return sql.toString();
    }

    /**
     * CREATE VIEW with what pg_get_viewdef leaves out: the options (a check option among them), the column
     * defaults, and a materialized view's access method, tablespace and column settings. A materialized view is
     * created WITH NO DATA unless {@code fill}.
     */
    static String createView(View v, boolean fill) {
        String body = v.definition().strip();
        if (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1);
        }
        StringBuilder sql = new StringBuilder("CREATE ").append(viewKind(v.materialized())).append(v.qualifiedName());
        // CREATE VIEW .. WITH CHECK OPTION stores the check option after the other options: written that way, the
        // rebuilt view's reloptions read as production's usually do
        Map<String, String> with = new TreeMap<>(v.options());
        String check = v.materialized() ? null : with.remove("check_option");
        if (v.accessMethod() != null) {
            sql.append(" USING ").append(Sql.ident(v.accessMethod()));
        }
        if (!with.isEmpty()) {
            sql.append(" WITH (").append(options(with)).append(')');
        }
        if (v.tablespace() != null) {
            sql.append(" TABLESPACE ").append(Sql.ident(v.tablespace()));
        }
        sql.append(" AS\n").append(body);
        if (check != null) {
            sql.append("\nWITH ").append(check.toUpperCase(java.util.Locale.ROOT)).append(" CHECK OPTION");
        }
        if (v.materialized() && !fill) {
            sql.append("\nWITH NO DATA");
        }
        sql.append(';');
        List<String> settings = new ArrayList<>();
        for (View.ViewColumn c : v.columns()) {
            if (c.defaultExpression() != null) {
                sql.append('\n').append(viewColumnDefault(v.qualifiedName(), Sql.ident(c.name()), c.defaultExpression()));
            }
            settings.addAll(StorageSteps.columnSettings(Sql.ident(c.name()), Map.of(), c.settings(), true));
        }
        if (!settings.isEmpty()) {
            sql.append("\nALTER MATERIALIZED VIEW ").append(v.qualifiedName()).append("\n    ")
                    .append(String.join(",\n    ", settings)).append(';');
        }
        return sql.toString();
    }

    /** RESET what TO no longer has, SET what it adds or changes. */
    static String alterViewOptions(String name, boolean materialized, Map<String, String> from,
                                   Map<String, String> to) {
        String alter = "ALTER " + viewKind(materialized) + name;
        List<String> reset = from.keySet().stream().filter(k -> !to.containsKey(k)).map(Ddl::optionName).toList();
        Map<String, String> set = new TreeMap<>(to);
        set.entrySet().removeIf(e -> e.getValue().equals(from.get(e.getKey())));
        List<String> sql = new ArrayList<>();
        if (!reset.isEmpty()) {
            sql.add(alter + " RESET (" + String.join(", ", reset) + ");");
        }
        if (!set.isEmpty()) {
            sql.add(alter + " SET (" + options(set) + ");");
        }
        return String.join("\n", sql);
    }

    /** {@code column} is quoted already; a null default drops it. */
    static String viewColumnDefault(String view, String column, String expression) {
        return "ALTER VIEW " + view + " ALTER COLUMN " + column
                + (expression == null ? " DROP DEFAULT;" : " SET DEFAULT " + expression + ";");
    }

    /** Values as literals: PostgreSQL reads every reloption from a string, whatever its type. */
    static String options(Map<String, String> options) {
        return options.entrySet().stream().map(e -> optionName(e.getKey()) + "=" + Sql.literal(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** A TOAST table's parameters are named {@code toast.name}: the prefix is a name of its own, not quoted with it. */
    static String optionName(String key) {
        return java.util.Arrays.stream(key.split("\\.", 2)).map(Sql::ident).collect(Collectors.joining("."));
    }

    private static String viewKind(boolean materialized) {
        return materialized ? "MATERIALIZED VIEW " : "VIEW ";
    }

    static String dropView(String name, boolean materialized) {
        return "DROP " + viewKind(materialized) + name + ";";
    }

    /** CREATE TRIGGER, then the state pg_get_triggerdef leaves out when it is not the default (enabled). */
    static String createTrigger(Trigger t) {
        String enabled = switch (t.enabled() == null ? "O" : t.enabled()) {
            case "D" -> "DISABLE TRIGGER ";
            case "R" -> "ENABLE REPLICA TRIGGER ";
            case "A" -> "ENABLE ALWAYS TRIGGER ";
            default -> null;
        };
        return statement(t.definition()) + (enabled == null ? ""
                : "\nALTER TABLE " + t.table() + " " + enabled + Sql.ident(t.name()) + ";");
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
