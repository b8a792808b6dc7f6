package io.schemabot.schema;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.schemabot.sql.Sql;

/**
 * Reads the privileges of tables, views, materialized views, sequences, their columns and schemas (one set-based
 * query each, in the reader's transaction), and the names of the cluster's roles, so that a plan can tell a grant
 * to a role that does not exist there. A NULL ACL is the default, which gives nothing to anyone but the owner;
 * what the owner holds itself is left out, as owners differ between clusters.
 */
final class PrivilegeReader {
    private static final String GRANTEE = "CASE WHEN a.grantee <> 0 THEN pg_get_userbyid(a.grantee) END";

    /** Relations and sequences, then their columns; identity sequences are part of their column and left out. */
    private static final String RELATIONS = """
            SELECT CASE WHEN c.relkind = 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind, n.nspname, c.relname,
                   NULL::name AS attname, a.privilege_type, """ + GRANTEE + """
             AS grantee, a.is_grantable
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relacl IS NOT NULL AND a.grantee <> c.relowner
              AND %1$s AND""" + CatalogSql.notExtensionMember("pg_class", "c.oid") + """
              AND (c.relkind <> 'S' OR NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                                  AND d.objid = c.oid AND d.deptype = 'i'))
            UNION ALL
            SELECT 'TABLE', n.nspname, c.relname, att.attname, a.privilege_type, """ + GRANTEE + """
            , a.is_grantable
            FROM pg_attribute att JOIN pg_class c ON c.oid = att.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(att.attacl) a
            WHERE c.relkind IN ('r', 'p', 'v', 'm') AND att.attnum > 0 AND NOT att.attisdropped
              AND att.attacl IS NOT NULL AND a.grantee <> c.relowner
              AND %1$s AND""" + CatalogSql.notExtensionMember("pg_class", "c.oid") + """
            ORDER BY 2, 3, 4 NULLS FIRST, 6 NULLS FIRST, 5""";

    private static final String SCHEMAS = """
            SELECT n.nspname, a.privilege_type, """ + GRANTEE + """
            , a.is_grantable
            FROM pg_namespace n, aclexplode(n.nspacl) a
            WHERE n.nspacl IS NOT NULL AND a.grantee <> n.nspowner AND %1$s AND"""
            + CatalogSql.notExtensionMember("pg_namespace", "n.oid") + """
            ORDER BY 1, 3 NULLS FIRST, 2""";

    /** Predefined roles (pg_*) exist on every cluster of a version and may be granted to; they are not listed. */
    private static final String ROLES = "SELECT rolname FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY 1";

    private final Statement st;
    private final String namespaceFilter;
    private final Set<String> excludedTables;

    PrivilegeReader(Statement st, String namespaceFilter, Set<String> excludedTables) {
        this.st = st;
        this.namespaceFilter = namespaceFilter;
        this.excludedTables = excludedTables;
    }

    List<Privilege> privileges() throws SQLException {
        List<Privilege> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(SCHEMAS.formatted(namespaceFilter))) {
            while (rs.next()) {
                out.add(new Privilege("SCHEMA", Sql.ident(rs.getString(1)), null, rs.getString(3), rs.getString(2),
                        rs.getBoolean(4)));
            }
        }
        try (ResultSet rs = st.executeQuery(RELATIONS.formatted(namespaceFilter))) {
            while (rs.next()) {
                // the Flyway history table is bookkeeping, not schema: what it grants is not either
                if ("TABLE".equals(rs.getString(1)) && excludedTables.contains(rs.getString(3))) {
                    continue;
                }
                out.add(new Privilege(rs.getString(1), Sql.qualified(rs.getString(2), rs.getString(3)),
                        rs.getString(4), rs.getString(6), rs.getString(5), rs.getBoolean(7)));
            }
        }
        return out;
    }

    List<String> roles() throws SQLException {
        List<String> roles = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(ROLES)) {
            while (rs.next()) {
                roles.add(rs.getString(1));
            }
        }
        return roles;
    }
}
