package io.schemabot.migrate;

import io.schemabot.UserError;
import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads a {@link MigrationStatus} through Flyway's info, in a session that refuses writes. */
public final class StatusReader {
    private StatusReader() {
    }

    public static MigrationStatus read(DatabaseUrl db, MigrationSource source) {
        boolean historyExists = tableExists(db, source.historyTable());
        MigrationInfo[] all;
        try {
            all = source.flyway(db, null, true).info().all();
        } catch (FlywayException e) {
            throw new UserError("reading the Flyway history of " + db.describe() + " failed: "
                    + firstLine(e.getMessage()), e);
        }
        List<MigrationStatus.Entry> applied = new ArrayList<>();
        List<MigrationStatus.Entry> pending = new ArrayList<>();
        List<MigrationStatus.Entry> failed = new ArrayList<>();
        List<MigrationStatus.Problem> problems = new ArrayList<>();
        String current = null;
        for (MigrationInfo info : all) {
            MigrationState state = info.getState();
            String version = info.getVersion() == null ? null : info.getVersion().getVersion();
            MigrationStatus.Entry entry = new MigrationStatus.Entry(version, info.getDescription(),
                    info.getType() == null ? null : info.getType().name(), info.getScript(), state.name(),
                    info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant().toString(), info.getInstalledBy(),
                    info.isApplied() ? !state.isFailed() : null, info.getExecutionTime());
            if (state == MigrationState.PENDING || state == MigrationState.OUTDATED) {
                pending.add(entry);
                continue;
            }
            if (!info.isApplied()) {
                continue;
            }
            applied.add(entry);
            if (state.isFailed()) {
                failed.add(entry);
                problems.add(new MigrationStatus.Problem(MigrationStatus.Problem.Kind.FAILED, version,
                        "migration " + label(info) + " failed" + (info.getInstalledOn() == null ? ""
                                : " on " + info.getInstalledOn().toInstant()) + "; repair it before deploying"));
            } else if (info.isVersioned() && state != MigrationState.BASELINE) {
                current = version;
            } else if (state == MigrationState.BASELINE) {
                current = version;
            }
            if (!source.hasLocation()) {
                continue; // without the files, only the history can be shown
            }
            if (state == MigrationState.MISSING_SUCCESS || state == MigrationState.MISSING_FAILED) {
                problems.add(new MigrationStatus.Problem(MigrationStatus.Problem.Kind.MISSING_FILE, version,
                        "migration " + label(info) + " is applied but its file is not in " + source.location()));
            } else if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
                problems.add(new MigrationStatus.Problem(MigrationStatus.Problem.Kind.FUTURE_VERSION, version,
                        "migration " + label(info) + " is applied but newer than every file: the database runs ahead"
                                + " of this code"));
            } else if (state == MigrationState.OUT_OF_ORDER) {
                problems.add(new MigrationStatus.Problem(MigrationStatus.Problem.Kind.OUT_OF_ORDER, version,
                        "migration " + label(info) + " was applied out of order, after a higher version"));
            }
            if (info.getResolvedChecksum() != null && info.getAppliedChecksum() != null && !info.isChecksumMatching()) {
                problems.add(new MigrationStatus.Problem(MigrationStatus.Problem.Kind.CHECKSUM_MISMATCH, version,
                        "migration " + label(info) + " was edited after it was applied (checksum "
                                + info.getAppliedChecksum() + " in the history, " + info.getResolvedChecksum()
                                + " in the file)"));
            }
        }
        return new MigrationStatus(db.describe(), source.historyTable(), historyExists, current, applied, pending,
                failed, problems, AlembicVersion.read(db), source.hasLocation());
    }

    private static String label(MigrationInfo info) {
        return (info.getVersion() == null ? "" : "V" + info.getVersion().getVersion() + " ") + info.getDescription();
    }

    static boolean tableExists(DatabaseUrl db, String table) {
        try (Connection c = Connections.open(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass("
                     + io.schemabot.sql.Sql.literal(io.schemabot.sql.Sql.dotted(table)) + ") IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw Connections.explain(db, e);
        }
    }

    static String firstLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("");
    }
}
