package io.schemabot.testing;

import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.schema.CatalogReader;
import io.schemabot.schema.Snapshot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A database of the embedded server that a test owns: run SQL in it, snapshot it, drop it. */
public record TestDatabase(String name, int port) implements AutoCloseable {

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + name + "?user=postgres";
    }

    public DatabaseUrl url() {
        return DatabaseUrl.parse(jdbcUrl());
    }

    public Connection connect() {
        return Connections.open(url());
    }

    /** Runs a script (several statements separated by semicolons are fine). */
    public TestDatabase exec(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed in " + name + ": " + e.getMessage() + "\n" + sql, e);
        }
        return this;
    }

    public long queryLong(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, or null when there is no row. */
    public String queryString(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Snapshot snapshot() {
        try (Connection c = connect()) {
            return new CatalogReader().read(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        EmbeddedPg.execAsSuperuser("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
