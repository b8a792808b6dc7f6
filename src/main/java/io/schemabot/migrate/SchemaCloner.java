package io.schemabot.migrate;

import io.schemabot.schema.LiveSchema;
import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.diff.SchemaDiff;
import io.schemabot.plan.Plan;
import io.schemabot.plan.PlanOptions;
import io.schemabot.plan.Planner;
import io.schemabot.schema.Aggregate;
import io.schemabot.schema.Function;
import io.schemabot.schema.Index;
import io.schemabot.schema.Privileges;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.SnapshotOptions;
import io.schemabot.schema.Table;
import io.schemabot.schema.View;
import io.schemabot.sql.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Copies a database's schema, without data, into a shadow database: the planner writes the SQL that turns the
 * empty shadow into the source's snapshot. The Flyway history table is copied with its rows, so that Flyway in
 * the shadow sees exactly what production has applied.
 */
final class SchemaCloner {
    private SchemaCloner() {
    }

    /** Snapshot options that keep the history table, which a clone needs. */
    static SnapshotOptions withHistory(SnapshotOptions options) {
        return new SnapshotOptions(options.schemas(), Set.of(), options.statementTimeout(), options.ignoredGrantees());
    }

    static void cloneInto(Snapshot source, DatabaseUrl sourceUrl, DatabaseUrl shadow, String historyTable)
            throws SQLException {
        Snapshot empty = LiveSchema.read(shadow, SnapshotOptions.defaults());
        // the shadow cluster may lack production's roles; grants to them do not matter for trying migrations
        Snapshot target = shadowable(source.withFunctions(source.functions().stream()
                .map(Function::withPublicGrantsOnly).toList())
                .withAggregates(source.aggregates().stream().map(Aggregate::withPublicGrantsOnly).toList())
                .withPrivileges(Privileges.publicGrantsOnly(source).privileges()));
        Plan plan = Planner.plan(SchemaDiff.between(empty, target), empty, target,
                PlanOptions.defaults().withTimeouts(Duration.ofSeconds(30), Duration.ofMinutes(10)));
        try (Connection c = Connections.openForScripts(shadow); Statement st = c.createStatement()) {
            for (String role : policyRoles(source)) {
                st.execute("DO " + Sql.dollarQuoted("BEGIN CREATE ROLE " + role + " NOLOGIN;"
                        + " EXCEPTION WHEN duplicate_object THEN NULL; END"));
            }
            if (!plan.isEmpty()) {
                st.execute(plan.sql());
            }
        }
        copyHistory(sourceUrl, shadow, historyTable);
    }

    /** Tablespaces belong to production's cluster, not to the schema: the shadow keeps everything in its default. */
    private static Snapshot shadowable(Snapshot s) {
        return s.withTables(s.tables().stream().map(Table::inDefaultTablespace).toList()).withIndexesAndViews(
                s.indexes().stream().map(Index::inDefaultTablespace).toList(),
                s.views().stream().map(View::inDefaultTablespace).toList());
    }

    /**
     * Roles the source's policies name (quoted). CREATE POLICY needs them, and a shadow server seldom has
     * production's roles: they are created there without login, as placeholders.
     */
    private static Set<String> policyRoles(Snapshot source) {
        Set<String> roles = new java.util.TreeSet<>();
        source.policies().forEach(p -> roles.addAll(p.roles()));
        roles.remove("PUBLIC");
        return roles;
    }

    private static void copyHistory(DatabaseUrl from, DatabaseUrl to, String table) throws SQLException {
        if (!StatusReader.tableExists(from, table)) {
            return;
        }
        String qualified = Sql.dotted(table);
        try (Connection src = Connections.open(from); Connection dst = Connections.open(to);
             Statement read = src.createStatement(); ResultSet rs = read.executeQuery("SELECT * FROM " + qualified)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(Sql.ident(meta.getColumnName(i)));
            }
            String insert = "INSERT INTO " + qualified + " (" + String.join(", ", columns) + ") VALUES ("
                    + "?, ".repeat(columns.size() - 1) + "?)";
            try (PreparedStatement write = dst.prepareStatement(insert)) {
                while (rs.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        write.setObject(i, rs.getObject(i));
                    }
                    write.addBatch();
                }
                write.executeBatch();
            }
        }
    }
}
