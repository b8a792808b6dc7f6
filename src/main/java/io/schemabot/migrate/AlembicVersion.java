package io.schemabot.migrate;

import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Alembic keeps its revision (one per head) in alembic_version; many teams run it beside or instead of Flyway. */
final class AlembicVersion {
    private AlembicVersion() {
    }

    static List<String> read(DatabaseUrl db) {
        List<String> revisions = new ArrayList<>();
        try (Connection c = Connections.open(db); Statement st = c.createStatement()) {
            c.setReadOnly(true);
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('alembic_version') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return revisions;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT version_num FROM alembic_version ORDER BY version_num")) {
                while (rs.next()) {
                    revisions.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw Connections.explain(db, e);
        }
        return revisions;
    }
}
