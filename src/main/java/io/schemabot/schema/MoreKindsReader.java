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
 * Reads the kinds {@link CatalogReader} hands over, one set-based query each: composite types (their attributes
 * come along as JSON), aggregates and event triggers, in the reader's transaction. {@code namespaceFilter} is a predicate on a namespace {@code n}.
 */
final class MoreKindsReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String COMPOSITE_TYPES = """
            SELECT n.nspname, t.typname,
                   (SELECT json_agg(json_build_array(a.attname, format_type(a.atttypid, a.atttypmod),
                                    cn.nspname, co.collname, ad.description) ORDER BY a.attnum)
                    FROM pg_attribute a
                    JOIN pg_type at ON at.oid = a.atttypid
                    LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> at.typcollation
                    LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace""" + CatalogSql.comment("ad", "pg_class", "a.attrelid", "a.attnum") + """
                    WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped),
                   dsc.description
            FROM pg_type t
            JOIN pg_namespace n ON n.oid = t.typnamespace
            JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'""" + CatalogSql.comment("dsc", "pg_type", "t.oid", "0") + """
            WHERE t.typtype = 'c' AND %1$s AND""" + CatalogSql.notExtensionMember("pg_type", "t.oid") + """
            ORDER BY n.nspname, t.typname""";

    /** Every option of the aggregate that differs from CREATE AGGREGATE's default, in the order the manual lists them. */
    private static final String AGGREGATES = """
            SELECT n.nspname, p.proname, oidvectortypes(p.proargtypes), pg_get_function_result(p.oid),
                   'CREATE AGGREGATE ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname)
                   || '(' || pg_get_function_arguments(p.oid) || ') (' || concat_ws(', ',
                      'SFUNC = ' || a.aggtransfn::regproc,
                      'STYPE = ' || format_type(a.aggtranstype, NULL),
                      'SSPACE = ' || nullif(a.aggtransspace, 0),
                      'FINALFUNC = ' || nullif(a.aggfinalfn, 0)::regproc,
                      CASE WHEN a.aggfinalextra THEN 'FINALFUNC_EXTRA' END,
                      CASE WHEN a.aggfinalfn <> 0 THEN 'FINALFUNC_MODIFY = ' || %2$s END,
                      'COMBINEFUNC = ' || nullif(a.aggcombinefn, 0)::regproc,
                      'SERIALFUNC = ' || nullif(a.aggserialfn, 0)::regproc,
                      'DESERIALFUNC = ' || nullif(a.aggdeserialfn, 0)::regproc,
                      'INITCOND = ' || quote_literal(a.agginitval),
                      'MSFUNC = ' || nullif(a.aggmtransfn, 0)::regproc,
                      'MINVFUNC = ' || nullif(a.aggminvtransfn, 0)::regproc,
                      'MSTYPE = ' || format_type(nullif(a.aggmtranstype, 0), NULL),
                      'MSSPACE = ' || nullif(a.aggmtransspace, 0),
                      'MFINALFUNC = ' || nullif(a.aggmfinalfn, 0)::regproc,
                      CASE WHEN a.aggmfinalextra THEN 'MFINALFUNC_EXTRA' END,
                      CASE WHEN a.aggmfinalfn <> 0 THEN 'MFINALFUNC_MODIFY = ' || %3$s END,
                      'MINITCOND = ' || quote_literal(a.aggminitval),
                      'SORTOP = OPERATOR(' || nullif(a.aggsortop, 0)::regoper || ')',
                      CASE p.proparallel WHEN 's' THEN 'PARALLEL = SAFE' WHEN 'r' THEN 'PARALLEL = RESTRICTED' END,
                      CASE WHEN a.aggkind = 'h' THEN 'HYPOTHETICAL' END) || ')',
                   dsc.description, pg_get_userbyid(p.proowner),""" + CatalogSql.grants("p.proacl", "p.proowner") + """
                   , p.proacl IS NOT NULL
            FROM pg_aggregate a
            JOIN pg_proc p ON p.oid = a.aggfnoid
            JOIN pg_namespace n ON n.oid = p.pronamespace""" + CatalogSql.comment("dsc", "pg_proc", "p.oid", "0") + """
            WHERE %1$s AND""" + CatalogSql.notExtensionMember("pg_proc", "p.oid") + """
            ORDER BY n.nspname, p.proname, 3""";

    /** Database-wide, yet kept with the schema of the function it runs, so a snapshot of some schemas stays whole. */
    private static final String EVENT_TRIGGERS = """
            SELECT et.evtname, et.evtevent, ARRAY(SELECT t FROM unnest(et.evttags) t ORDER BY t), n.nspname, f.proname,
                   et.evtenabled, dsc.description
            FROM pg_event_trigger et
            JOIN pg_proc f ON f.oid = et.evtfoid
            JOIN pg_namespace n ON n.oid = f.pronamespace""" + CatalogSql.comment("dsc", "pg_event_trigger", "et.oid", "0") + """
            WHERE %1$s AND""" + CatalogSql.notExtensionMember("pg_event_trigger", "et.oid") + """
            ORDER BY et.evtname""";

    private final Statement st;
    private final String namespaceFilter;

    MoreKindsReader(Statement st, String namespaceFilter) {
        this.st = st;
        this.namespaceFilter = namespaceFilter;
    }

    List<CompositeType> compositeTypes() throws SQLException {
        List<CompositeType> types = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(COMPOSITE_TYPES.formatted(namespaceFilter))) {
            while (rs.next()) {
                List<CompositeType.Attribute> attributes = new ArrayList<>();
                for (JsonNode a : json(rs.getString(3))) {
                    attributes.add(new CompositeType.Attribute(a.get(0).asText(), a.get(1).asText(),
                            CatalogReader.collation(text(a.get(2)), text(a.get(3))), text(a.get(4))));
                }
                types.add(new CompositeType(rs.getString(1), rs.getString(2), attributes, rs.getString(4)));
            }
        }
        return types;
    }

    List<Aggregate> aggregates() throws SQLException {
        List<Aggregate> aggregates = new ArrayList<>();
        String sql = AGGREGATES.formatted(namespaceFilter, modify("a.aggfinalmodify"), modify("a.aggmfinalmodify"));
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                aggregates.add(new Aggregate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6),
                        new Access(rs.getString(7), CatalogValues.grants(rs.getString(8)), rs.getBoolean(9), false)));
            }
        }
        return aggregates;
    }

    List<EventTrigger> eventTriggers() throws SQLException {
        List<EventTrigger> triggers = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(EVENT_TRIGGERS.formatted(namespaceFilter))) {
            while (rs.next()) {
                triggers.add(new EventTrigger(rs.getString(1), rs.getString(2), CatalogValues.strings(rs.getArray(3)),
                        Sql.qualified(rs.getString(4), rs.getString(5)), rs.getString(6), rs.getString(7)));
            }
        }
        return triggers;
    }

    /** A FINALFUNC_MODIFY code as CREATE AGGREGATE spells it. */
    private static String modify(String column) {
        return "CASE " + column + " WHEN 'r' THEN 'READ_ONLY' WHEN 's' THEN 'SHAREABLE' ELSE 'READ_WRITE' END";
    }

    private static String text(JsonNode value) {
        return value.isNull() ? null : value.asText();
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
