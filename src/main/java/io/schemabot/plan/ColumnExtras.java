package io.schemabot.plan;

import io.schemabot.sql.Sql;

/**
 * Keeps what DROP COLUMN takes along that the snapshot does not hold, for a column the plan drops and adds
 * again: its column-level GRANTs and the extended statistics (CREATE STATISTICS) on it, with their comments and
 * targets. The plan copies them to temporary tables (gone at COMMIT) before the DROP and makes them again after.
 */
final class ColumnExtras {
    private static final String GRANTS = "pg_temp.schemabot_column_grants";
    private static final String STATISTICS = "pg_temp.schemabot_column_statistics";

    private ColumnExtras() {
    }

    /** Statements that remember the column's grants and statistics; run them before it is dropped. */
    static String save(String table, String column) {
        String rel = Sql.literal(table) + "::regclass";
        String col = Sql.literal(column);
        return "CREATE TEMP TABLE IF NOT EXISTS schemabot_column_grants (tbl regclass, col name, acl aclitem[])"
                + " ON COMMIT DROP;\nINSERT INTO " + GRANTS + " SELECT attrelid, attname, attacl FROM pg_attribute"
                + " WHERE attrelid = " + rel + " AND attname = " + col + " AND attacl IS NOT NULL;\n"
                + "CREATE TEMP TABLE IF NOT EXISTS schemabot_column_statistics (tbl regclass, def text, target int,"
                + " note text) ON COMMIT DROP;\nINSERT INTO " + STATISTICS + " SELECT s.stxrelid,"
                + " pg_get_statisticsobjdef(s.oid), s.stxstattarget, obj_description(s.oid, 'pg_statistic_ext')"
                + " FROM pg_statistic_ext s JOIN pg_depend d ON d.classid = 'pg_statistic_ext'::regclass"
                + " AND d.objid = s.oid AND d.refclassid = 'pg_class'::regclass AND d.refobjid = s.stxrelid"
                + " JOIN pg_attribute a ON a.attrelid = s.stxrelid AND a.attnum = d.refobjsubid"
                + " WHERE s.stxrelid = " + rel + " AND a.attname = " + col + ";";
    }

    /**
     * A statement that grants the remembered privileges on the column again, to each role (or PUBLIC) as before,
     * and creates the statistics objects its DROP took along (one on two such columns is created once).
     */
    static String restore(String table, String column) {
        String rel = Sql.literal(table) + "::regclass";
        return "DO " + Sql.dollarQuoted("DECLARE g record; BEGIN FOR g IN SELECT s.tbl, s.col, a.privilege_type,"
                + " a.grantee, a.is_grantable FROM " + GRANTS + " s, aclexplode(s.acl) a WHERE s.tbl = " + rel
                + " AND s.col = " + Sql.literal(column)
                + " LOOP EXECUTE format('GRANT %s (%I) ON %s TO %s%s', g.privilege_type, g.col, g.tbl,"
                + " CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END,"
                + " CASE WHEN g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END); END LOOP;"
                + " FOR g IN SELECT DISTINCT def, target, note, substring(def FROM '^CREATE STATISTICS (.*?) (?:\\(|ON )')"
                + " AS name FROM " + STATISTICS + " WHERE tbl = " + rel
                + " LOOP EXECUTE regexp_replace(g.def, '^CREATE STATISTICS ', 'CREATE STATISTICS IF NOT EXISTS ');"
                + " IF g.target >= 0 THEN EXECUTE format('ALTER STATISTICS %s SET STATISTICS %s', g.name, g.target);"
                + " END IF; IF g.note IS NOT NULL THEN EXECUTE format('COMMENT ON STATISTICS %s IS %L', g.name, g.note);"
                + " END IF; END LOOP; END") + ";";
    }
}
