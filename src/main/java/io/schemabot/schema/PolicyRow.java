package io.schemabot.schema;

import io.schemabot.sql.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Turns a row of the POLICIES catalog query into a {@link Policy}, its codes into the words CREATE POLICY takes. */
final class PolicyRow {
    private PolicyRow() {
    }

    static Policy read(String table, ResultSet rs) throws SQLException {
        String command = switch (rs.getString(4)) {
            case "r" -> "SELECT";
            case "a" -> "INSERT";
            case "w" -> "UPDATE";
            case "d" -> "DELETE";
            default -> "ALL";
        };
        List<String> roles = new ArrayList<>();
        for (String role : CatalogValues.strings(rs.getArray(5))) {
            roles.add(role == null ? "PUBLIC" : Sql.ident(role));
        }
        return new Policy(table, rs.getString(2), rs.getBoolean(3), command, roles, rs.getString(6), rs.getString(7),
                rs.getString(8));
    }
}
