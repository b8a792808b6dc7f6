package io.schemabot.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.schemabot.sql.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads user-defined collations and text search dictionaries and configurations, one set-based query each, in
 * {@link CatalogReader}'s transaction. Columns a server lacks (the ICU locale moved from collcollate to
 * colliculocale in 15 and to colllocale in 17; ICU rules came in 16) are read through to_jsonb, so every version
 * answers the same query.
 */
final class CollationReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String COLLATIONS = """
            SELECT n.nspname, co.collname,
                   CASE co.collprovider WHEN 'i' THEN 'icu' WHEN 'b' THEN 'builtin' ELSE 'libc' END,
                   CASE WHEN co.collprovider <> 'c' THEN coalesce(to_jsonb(co) ->> 'colllocale',
                        to_jsonb(co) ->> 'colliculocale', co.collcollate) END,
                   CASE WHEN co.collprovider = 'c' THEN co.collcollate END,
                   CASE WHEN co.collprovider = 'c' THEN co.collctype END,
                   coalesce((to_jsonb(co) ->> 'collisdeterministic')::boolean, true),
                   to_jsonb(co) ->> 'collicurules',
                   dsc.description
            FROM pg_collation co
            JOIN pg_namespace n ON n.oid = co.collnamespace""" + CatalogSql.comment("dsc", "pg_collation", "co.oid", "0") + """
            WHERE %1$s AND""" + CatalogSql.notExtensionMember("pg_collation", "co.oid") + """
            ORDER BY n.nspname, co.collname""";

    private static final String DICTIONARIES = """
            SELECT n.nspname, d.dictname, tn.nspname, t.tmplname, d.dictinitoption, dsc.description
            FROM pg_ts_dict d
            JOIN pg_namespace n ON n.oid = d.dictnamespace
            JOIN pg_ts_template t ON t.oid = d.dicttemplate
            JOIN pg_namespace tn ON tn.oid = t.tmplnamespace""" + CatalogSql.comment("dsc", "pg_ts_dict", "d.oid", "0") + """
            WHERE %1$s AND""" + CatalogSql.notExtensionMember("pg_ts_dict", "d.oid") + """
            ORDER BY n.nspname, d.dictname""";

    /** Mappings as JSON: [token alias, [[dictionary schema, name], ...]] by alias, dictionaries in their order. */
    private static final String CONFIGS = """
            SELECT n.nspname, c.cfgname, pn.nspname, p.prsname,
                   (SELECT json_agg(json_build_array(tt.alias, m.dicts) ORDER BY tt.alias)
                    FROM (SELECT mm.maptokentype,
                                 json_agg(json_build_array(dn.nspname, d.dictname) ORDER BY mm.mapseqno) AS dicts
                          FROM pg_ts_config_map mm
                          JOIN pg_ts_dict d ON d.oid = mm.mapdict
                          JOIN pg_namespace dn ON dn.oid = d.dictnamespace
                          WHERE mm.mapcfg = c.oid
                          GROUP BY mm.maptokentype) m
                    JOIN ts_token_type(c.cfgparser) tt ON tt.tokid = m.maptokentype),
                   dsc.description
            FROM pg_ts_config c
            JOIN pg_namespace n ON n.oid = c.cfgnamespace
            JOIN pg_ts_parser p ON p.oid = c.cfgparser
            JOIN pg_namespace pn ON pn.oid = p.prsnamespace""" + CatalogSql.comment("dsc", "pg_ts_config", "c.oid", "0") + """
            WHERE %1$s AND""" + CatalogSql.notExtensionMember("pg_ts_config", "c.oid") + """
            ORDER BY n.nspname, c.cfgname""";

    private final Statement st;
    private final String namespaceFilter;

    CollationReader(Statement st, String namespaceFilter) {
        this.st = st;
        this.namespaceFilter = namespaceFilter;
    }

    List<Collation> collations() throws SQLException {
        List<Collation> collations = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(COLLATIONS.formatted(namespaceFilter))) {
            while (rs.next()) {
                String rules = rs.getString(8);
                collations.add(new Collation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7), rules == null || rules.isEmpty() ? null
                        : rules, rs.getString(9)));
            }
        }
        return collations;
    }

    List<TextSearchDictionary> dictionaries() throws SQLException {
        List<TextSearchDictionary> dictionaries = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(DICTIONARIES.formatted(namespaceFilter))) {
            while (rs.next()) {
                dictionaries.add(new TextSearchDictionary(rs.getString(1), rs.getString(2),
                        Sql.qualified(rs.getString(3), rs.getString(4)), rs.getString(5), rs.getString(6)));
            }
        }
        return dictionaries;
    }

    List<TextSearchConfig> configs() throws SQLException {
        List<TextSearchConfig> configs = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(CONFIGS.formatted(namespaceFilter))) {
            while (rs.next()) {
                List<TextSearchConfig.Mapping> mappings = new ArrayList<>();
                for (JsonNode m : json(rs.getString(5))) {
                    List<String> dictionaries = new ArrayList<>();
                    m.get(1).forEach(d -> dictionaries.add(Sql.qualified(d.get(0).asText(), d.get(1).asText())));
                    mappings.add(new TextSearchConfig.Mapping(m.get(0).asText(), dictionaries));
                }
                configs.add(new TextSearchConfig(rs.getString(1), rs.getString(2),
                        Sql.qualified(rs.getString(3), rs.getString(4)), mappings, rs.getString(6)));
            }
        }
        return configs;
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return JSON.createArrayNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON from the catalog: " + text, e);
        }
    }
}
