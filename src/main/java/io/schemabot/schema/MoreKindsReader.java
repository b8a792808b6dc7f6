package io.schemabot.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the kinds {@link CatalogReader} hands over, one set-based query each: composite types (their attributes
 * come along as JSON), in the reader's transaction. {@code namespaceFilter} is a predicate on a namespace {@code n}.
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
