package io.schemabot.plan;

import io.schemabot.sql.Sql;

/**
 * Keeps the column-level GRANTs of a column the plan drops and adds again: the snapshot does not hold them, so the
 * plan copies them to a temporary table (gone at COMMIT) before the DROP and grants them again after the ADD.
 */
final class ColumnGrants {
    private static final String SAVED = "pg_temp.schemabot_column_grants";

    private ColumnGrants() {
    }

    /** Statements that remember the column's grants; run them before it is dropped. */
    static String save(String table, String column) {
        return "CREATE TEMP TABLE IF NOT EXISTS schemabot_column_grants (tbl regclass, col name, acl aclitem[])"
                + " ON COMMIT DROP;\nINSERT INTO " + SAVED + " SELECT attrelid, attname, attacl FROM pg_attribute"
                + " WHERE attrelid = " + Sql.literal(table) + "::regclass AND attname = " + Sql.literal(column)
                + " AND attacl IS NOT NULL;";
    }

    /** A statement that grants the remembered privileges on the column again, to each role (or PUBLIC) as before. */
    static String restore(String table, String column) {
        return "DO " + Sql.dollarQuoted("DECLARE g record; BEGIN FOR g IN SELECT s.tbl, s.col, a.privilege_type,"
                + " a.grantee, a.is_grantable FROM " + SAVED + " s, aclexplode(s.acl) a WHERE s.tbl = "
                + Sql.literal(table) + "::regclass AND s.col = " + Sql.literal(column)
                + " LOOP EXECUTE format('GRANT %s (%I) ON %s TO %s%s', g.privilege_type, g.col, g.tbl,"
                + " CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END,"
                + " CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END); END LOOP; END") + ";";
    }
}
