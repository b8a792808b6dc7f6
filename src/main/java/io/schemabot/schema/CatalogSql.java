package io.schemabot.schema;

/**
 * The catalog queries, one per object kind, each over all schemas at once. {@code %1$s} is the namespace
 * filter (a predicate on a namespace aliased {@code n}). Expressions come from pg_get_* so that they compare
 * across clusters; objects that belong to an extension are left to the extension.
 */
final class CatalogSql {
    private CatalogSql() {
    }

    static String notExtensionMember(String catalog, String oid) {
        // leading space: a text block before this loses its trailing blank
        return " NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog + "'::regclass"
                + " AND e.objid = " + oid + " AND e.deptype = 'e')";
    }

    /**
     * A LEFT JOIN to an object's comment. Joining beats obj_description(): that is an SQL function that runs a
     * query per row, which on 100,000 columns costs more than everything else in the snapshot.
     */
    static String comment(String alias, String catalog, String oid, String subId) {
        return " LEFT JOIN pg_description " + alias + " ON " + alias + ".objoid = " + oid + " AND " + alias
                + ".classoid = '" + catalog + "'::regclass AND " + alias + ".objsubid = " + subId + " ";
    }

    /**
     * An ACL as a JSON array of [privileges, role (null for PUBLIC), grantable], one per grantee and grant
     * option, without the owner's own privileges.
     */
    static String grants(String acl, String owner) {
        return """
                (SELECT json_agg(json_build_array(g.privileges, g.role, g.grantable) ORDER BY g.role, g.grantable)
                 FROM (SELECT string_agg(a.privilege_type, ', ' ORDER BY a.privilege_type) AS privileges,
                              CASE WHEN a.grantee <> 0 THEN pg_get_userbyid(a.grantee) END AS role,
                              a.is_grantable AS grantable
                       FROM aclexplode(%1$s) a WHERE a.grantee <> %2$s
                       GROUP BY a.grantee, a.is_grantable) g)""".formatted(acl, owner);
    }

    /**
     * A relation's storage parameters as a JSON object, its TOAST table's under {@code toast.}, or null when it has
     * none; then its access method unless heap, then its tablespace unless the database's default.
     */
    private static final String STORAGE = """
                   (SELECT json_object_agg(o.option_name, o.option_value)
                    FROM (SELECT * FROM pg_options_to_table(c.reloptions)
                          UNION ALL
                          SELECT 'toast.' || x.option_name, x.option_value
                          FROM pg_class tc, pg_options_to_table(tc.reloptions) x
                          WHERE tc.oid = c.reltoastrelid) o),
                   (SELECT am.amname FROM pg_am am WHERE am.oid = c.relam AND am.amname <> 'heap'),
                   (SELECT ts.spcname FROM pg_tablespace ts WHERE ts.oid = c.reltablespace)
            """;

    /**
     * A column's settings that differ from the defaults as a JSON object, or null: statistics target, storage when
     * not its type's, compression (read through to_jsonb so that servers before 14, without the column, still
     * answer) and attribute options. Needs the column aliased {@code a} and its type {@code t}.
     */
    private static final String COLUMN_SETTINGS = """
                   (SELECT json_object_agg(s.name, s.value)
                    FROM (SELECT 'statistics' AS name, a.attstattarget::text AS value WHERE a.attstattarget >= 0
                          UNION ALL
                          SELECT 'storage', CASE a.attstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL'
                                                WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END
                          WHERE a.attstorage <> t.typstorage
                          UNION ALL
                          SELECT 'compression', CASE to_jsonb(a) ->> 'attcompression' WHEN 'p' THEN 'pglz'
                                                    WHEN 'l' THEN 'lz4' END
                          WHERE coalesce(to_jsonb(a) ->> 'attcompression', '') <> ''
                          UNION ALL
                          SELECT x.option_name, x.option_value FROM pg_options_to_table(a.attoptions) x) s)
            """;

    static final String SCHEMAS = """
            SELECT n.nspname, dsc.description
            FROM pg_namespace n""" + comment("dsc", "pg_namespace", "n.oid", "0") + """
            WHERE %1$s AND """ + notExtensionMember("pg_namespace", "n.oid") + """
            ORDER BY n.nspname""";

    static final String EXTENSIONS = """
            SELECT x.extname, x.extversion, n.nspname,
                   -- without its control file on this server, asking for paths would fail the whole snapshot
                   CASE WHEN EXISTS (SELECT 1 FROM pg_available_extensions a WHERE a.name = x.extname)
                        THEN ARRAY(SELECT p.target FROM pg_extension_update_paths(x.extname) p
                                   WHERE p.source = x.extversion AND p.path IS NOT NULL ORDER BY p.target) END,
                   dsc.description
            FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace""" + comment("dsc", "pg_extension", "x.oid", "0") + """
            WHERE %1$s
            ORDER BY x.extname""";

    static final String ENUMS = """
            SELECT n.nspname, t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder),
                   min(dsc.description)
            FROM pg_type t
            JOIN pg_namespace n ON n.oid = t.typnamespace
            JOIN pg_enum e ON e.enumtypid = t.oid""" + comment("dsc", "pg_type", "t.oid", "0") + """
            WHERE t.typtype = 'e' AND %1$s AND """ + notExtensionMember("pg_type", "t.oid") + """
            GROUP BY n.nspname, t.typname, t.oid
            ORDER BY n.nspname, t.typname""";

    static final String DOMAINS = """
            SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull,
                   -- not typdefault: that is the text printed under the search_path of CREATE DOMAIN
                   pg_get_expr(t.typdefaultbin, 0),
                   cn.nspname, co.collname,
                   ARRAY(SELECT c.conname FROM pg_constraint c
                         WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname),
                   ARRAY(SELECT pg_get_constraintdef(c.oid, true) FROM pg_constraint c
                         WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname),
                   dsc.description
            FROM pg_type t
            JOIN pg_namespace n ON n.oid = t.typnamespace
            JOIN pg_type bt ON bt.oid = t.typbasetype""" + comment("dsc", "pg_type", "t.oid", "0") + """
            LEFT JOIN pg_collation co ON co.oid = t.typcollation AND t.typcollation <> bt.typcollation
            LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
            WHERE t.typtype = 'd' AND %1$s AND """ + notExtensionMember("pg_type", "t.oid") + """
            ORDER BY n.nspname, t.typname""";

    static final String SEQUENCES = """
            SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin,
                   s.seqmax, s.seqcache, s.seqcycle, own.nspname, own.relname, own.attname,
                   dsc.description
            FROM pg_sequence s
            JOIN pg_class c ON c.oid = s.seqrelid""" + comment("dsc", "pg_class", "c.oid", "0") + """
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN LATERAL (
                SELECT tn.nspname, tc.relname, a.attname
                FROM pg_depend d
                JOIN pg_class tc ON tc.oid = d.refobjid
                JOIN pg_namespace tn ON tn.oid = tc.relnamespace
                JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                  AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a' AND d.refobjsubid > 0
                LIMIT 1) own ON true
            WHERE %1$s AND """ + notExtensionMember("pg_class", "c.oid") + """
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'i')
            ORDER BY n.nspname, c.relname""";

    static final String TABLES = """
            SELECT c.oid, n.nspname, c.relname, c.relkind = 'p', c.relpersistence = 'u',
                   CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
                   pn.nspname, pc.relname,
                   CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,
                   ARRAY(SELECT qn.nspname FROM pg_inherits i JOIN pg_class q ON q.oid = i.inhparent
                         JOIN pg_namespace qn ON qn.oid = q.relnamespace
                         WHERE i.inhrelid = c.oid AND NOT c.relispartition ORDER BY i.inhseqno),
                   ARRAY(SELECT q.relname FROM pg_inherits i JOIN pg_class q ON q.oid = i.inhparent
                         WHERE i.inhrelid = c.oid AND NOT c.relispartition ORDER BY i.inhseqno),
                   dsc.description,
                   greatest(c.reltuples, 0)::bigint,
                   c.relpages::bigint * current_setting('block_size')::bigint,
                   c.relrowsecurity, c.relforcerowsecurity,
            """ + STORAGE + """
                   , CASE c.relreplident WHEN 'f' THEN 'FULL' WHEN 'n' THEN 'NOTHING'
                         WHEN 'i' THEN 'USING INDEX ' || coalesce((SELECT quote_ident(ri.relname) FROM pg_index x
                              JOIN pg_class ri ON ri.oid = x.indexrelid WHERE x.indrelid = c.oid AND x.indisreplident),
                              '(an index that is gone)') END
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_inherits pi ON pi.inhrelid = c.oid AND c.relispartition
            LEFT JOIN pg_class pc ON pc.oid = pi.inhparent
            LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace""" + comment("dsc", "pg_class", "c.oid", "0") + """
            WHERE c.relkind IN ('r', 'p') AND %1$s AND """ + notExtensionMember("pg_class", "c.oid") + """
            ORDER BY n.nspname, c.relname""";

    static final String COLUMNS = """
            SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
                   a.attidentity,
                   CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END,
                   cn.nspname, co.collname,
                   a.attinhcount > 0 AND NOT a.attislocal,
                   dsc.description, a.attnum,
                   ids.seqincrement, ids.seqmin, ids.seqmax, ids.seqstart, ids.seqcache, ids.seqcycle,
            """ + COLUMN_SETTINGS + """
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p')
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
            LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
            LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
            LEFT JOIN LATERAL (
                SELECT s.* FROM pg_depend d JOIN pg_sequence s ON s.seqrelid = d.objid
                WHERE a.attidentity <> '' AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
                  AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.deptype = 'i'
                LIMIT 1) ids ON true""" + comment("dsc", "pg_class", "a.attrelid", "a.attnum") + """
            WHERE a.attnum > 0 AND NOT a.attisdropped AND %1$s
            ORDER BY a.attrelid, a.attnum""";

    /** Column names of tables outside the snapshot that its foreign keys reference; %1$s is a list of oids. */
    static final String REFERENCED_COLUMNS = """
            SELECT a.attrelid, a.attnum, a.attname FROM pg_attribute a
            WHERE a.attrelid IN (%1$s) AND a.attnum > 0 AND NOT a.attisdropped""";

    static final String CONSTRAINTS = """
            SELECT con.conrelid, con.conname, con.contype, pg_get_constraintdef(con.oid, true),
                   con.conkey, fn.nspname, fc.relname, con.confrelid, con.confkey,
                   con.confdeltype, con.confupdtype, con.condeferrable, con.condeferred, con.convalidated,
                   dsc.description,
                   EXISTS (SELECT 1 FROM pg_trigger tg WHERE tg.tgconstraint = con.oid AND tg.tgenabled = 'D')
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid
            LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace""" + comment("dsc", "pg_constraint", "con.oid", "0") + """
            WHERE con.contype IN ('p', 'u', 'c', 'f', 'x') AND con.conparentid = 0 AND con.conislocal AND %1$s
            ORDER BY con.conrelid, con.conname""";

    static final String INDEXES = """
            SELECT i.indrelid, n.nspname, ic.relname, i.indisunique, am.amname,
                   -- pg_get_indexdef leaves out the tablespace; CREATE INDEX takes it before the predicate
                   CASE WHEN ts.spcname IS NULL THEN pg_get_indexdef(i.indexrelid)
                        WHEN i.indpred IS NULL
                        THEN pg_get_indexdef(i.indexrelid) || ' TABLESPACE ' || quote_ident(ts.spcname)
                        ELSE left(pg_get_indexdef(i.indexrelid), -length(' WHERE ' || pg_get_expr(i.indpred, i.indrelid)))
                             || ' TABLESPACE ' || quote_ident(ts.spcname)
                             || ' WHERE ' || pg_get_expr(i.indpred, i.indrelid) END,
                   dsc.description, NOT i.indisvalid,
                   -- a partition's index that backs its parent's index: the parent index, and whether it is valid
                   pn.nspname, pc.relname, pi.indisvalid
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_namespace n ON n.oid = ic.relnamespace
            LEFT JOIN pg_tablespace ts ON ts.oid = ic.reltablespace
            LEFT JOIN pg_inherits h ON ic.relispartition AND h.inhrelid = i.indexrelid
            LEFT JOIN pg_class pc ON pc.oid = h.inhparent
            LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
            LEFT JOIN pg_index pi ON pi.indexrelid = h.inhparent
            JOIN pg_am am ON am.oid = ic.relam""" + comment("dsc", "pg_class", "i.indexrelid", "0") + """
            WHERE %1$s
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid
                              AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
            ORDER BY n.nspname, ic.relname""";

    static final String VIEWS = """
            SELECT c.oid, n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid, true),
                   dsc.description, pg_get_userbyid(c.relowner),
                   """ + grants("c.relacl", "c.relowner") + ", c.relacl IS NOT NULL," + """
                   EXISTS (SELECT 1 FROM pg_attribute att WHERE att.attrelid = c.oid AND att.attacl IS NOT NULL),
                   c.relkind = 'm' AND NOT c.relispopulated,
            """ + STORAGE + """
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace""" + comment("dsc", "pg_class", "c.oid", "0") + """
            WHERE c.relkind IN ('v', 'm') AND %1$s AND """ + notExtensionMember("pg_class", "c.oid") + """
            ORDER BY n.nspname, c.relname""";

    /** Columns of views and materialized views that carry what the definition does not say: a default, a comment. */
    static final String VIEW_COLUMNS = """
            SELECT * FROM (
            SELECT a.attrelid, a.attname, pg_get_expr(ad.adbin, ad.adrelid) AS expression,
                   dsc.description AS description, a.attnum,
            """ + COLUMN_SETTINGS + """
                   AS settings
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('v', 'm')
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum""" + comment("dsc", "pg_class", "a.attrelid", "a.attnum") + """
            WHERE a.attnum > 0 AND NOT a.attisdropped AND %1$s) v
            WHERE v.expression IS NOT NULL OR v.description IS NOT NULL OR v.settings IS NOT NULL
            ORDER BY v.attrelid, v.attnum""";

    static final String FUNCTIONS = """
            SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), oidvectortypes(p.proargtypes),
                   p.prokind = 'p',
                   pg_get_function_result(p.oid), pg_get_functiondef(p.oid), dsc.description,
                   pg_get_userbyid(p.proowner),""" + grants("p.proacl", "p.proowner") + ", p.proacl IS NOT NULL\n" + """
            FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace""" + comment("dsc", "pg_proc", "p.oid", "0") + """
            WHERE p.prokind IN ('f', 'p') AND %1$s AND """ + notExtensionMember("pg_proc", "p.oid") + """
            ORDER BY n.nspname, p.proname, 4""";

    static final String TRIGGERS = """
            SELECT t.tgrelid, t.tgname, pg_get_triggerdef(t.oid, true), t.tgenabled,
                   dsc.description
            FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace""" + comment("dsc", "pg_trigger", "t.oid", "0") + """
            WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND %1$s
            ORDER BY t.tgrelid, t.tgname""";

    /**
     * A partition's copies of its parent's triggers whose enabled state is not the parent's (DISABLE TRIGGER on one
     * partition): the copies that follow their parent are the parent's trigger and are not read.
     */
    static final String TRIGGER_STATES = """
            SELECT t.tgrelid, t.tgname, t.tgenabled
            FROM pg_trigger t
            JOIN pg_trigger parent ON parent.oid = t.tgparentid
            JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT t.tgisinternal AND t.tgenabled <> parent.tgenabled AND %1$s
            ORDER BY t.tgrelid, t.tgname""";

    /** Rewrite rules other than a view's own SELECT rule (_RETURN), which the view's definition already is. */
    static final String RULES = """
            SELECT r.ev_class, r.rulename, pg_get_ruledef(r.oid, true), r.ev_enabled, dsc.description
            FROM pg_rewrite r
            JOIN pg_class c ON c.oid = r.ev_class
            JOIN pg_namespace n ON n.oid = c.relnamespace""" + comment("dsc", "pg_rewrite", "r.oid", "0") + """
            WHERE r.rulename <> '_RETURN' AND %1$s
            ORDER BY n.nspname, c.relname, r.rulename""";

    /** Row-level security policies; a role of 0 is PUBLIC, returned as null. */
    static final String POLICIES = """
            SELECT p.polrelid, p.polname, p.polpermissive, p.polcmd,
                   ARRAY(SELECT CASE WHEN x.role <> 0 THEN pg_get_userbyid(x.role) END
                         FROM unnest(p.polroles) AS x(role) ORDER BY 1),
                   pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid), dsc.description
            FROM pg_policy p
            JOIN pg_class c ON c.oid = p.polrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace""" + comment("dsc", "pg_policy", "p.oid", "0") + """
            WHERE %1$s
            ORDER BY n.nspname, c.relname, p.polname""";
}
