package io.schemabot.migrate;

import io.schemabot.UnreadableFile;
import io.schemabot.UserError;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.db.UrlDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a project's Flyway migrations are ({@code filesystem:db/migration}, {@code classpath:db/migration})
 * and which history table records them; builds Flyway instances for a database.
 */
public record MigrationSource(String location, String historyTable) {
    public static final String DEFAULT_TABLE = "flyway_schema_history";

    public MigrationSource {
        if (location != null && !location.startsWith("filesystem:") && !location.startsWith("classpath:")) {
            throw new UserError("migrations location '" + location + "' must start with filesystem: or classpath:"
                    + " (e.g. filesystem:db/migration)");
        }
        if (location != null && location.startsWith("filesystem:")) {
            Path folder = Path.of(location.substring("filesystem:".length()));
            if (!Files.isDirectory(folder)) {
                throw new UserError("migrations location " + location + " is not a directory");
            }
            requireReadable(folder);
        }
        historyTable = historyTable == null || historyTable.isBlank() ? DEFAULT_TABLE : historyTable;
    }

    /**
     * Flyway skips a folder or script it cannot read, so an unreadable one looked like a missing migration, or
     * like a database that runs ahead of the code, instead of the error it is.
     */
    private static void requireReadable(Path folder) {
        Path current = folder;
        try (Stream<Path> paths = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                current = path;
                if (path.getFileName().toString().endsWith(".sql") && !Files.isDirectory(path)) {
                    Files.newInputStream(path).close();
                }
            }
        } catch (IOException e) {
            throw unreadable(current, e);
        } catch (UncheckedIOException e) {
            throw unreadable(current, e.getCause());
        }
    }

    private static UserError unreadable(Path fallback, IOException e) {
        Path file = e instanceof FileSystemException f && f.getFile() != null ? Path.of(f.getFile()) : fallback;
        return new UserError("cannot read filesystem:" + file + ": " + UnreadableFile.reason(file, e), e);
    }

    public boolean hasLocation() {
        return location != null;
    }

    /** Flyway for this database; never cleans, never creates schemas, targets the given version (or latest). */
    public Flyway flyway(DatabaseUrl db, String target) {
        return flyway(db, target, false);
    }

    /**
     * With {@code readOnly}, the session itself refuses writes (default_transaction_read_only), so that reading
     * the status can never change the target, whatever Flyway would try.
     */
    public Flyway flyway(DatabaseUrl db, String target, boolean readOnly) {
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>(db.parameters());
        if (readOnly) {
            params.put("options", (params.getOrDefault("options", "") + " -c default_transaction_read_only=on").strip());
        }
        FluentConfiguration config = Flyway.configure(MigrationSource.class.getClassLoader())
                .dataSource(new UrlDataSource(new DatabaseUrl(db.host(), db.port(), db.database(), db.user(),
                        db.password(), params)))
                .table(historyTable)
                .cleanDisabled(true)
                .createSchemas(false)
                .validateOnMigrate(false)
                .connectRetries(0)
                .target(target == null ? "latest" : target);
        config = hasLocation() ? config.locations(location) : config.locations("classpath:schemabot/no-migrations");
        return config.load();
    }

    /** The text of a migration script, for statement-by-statement diagnosis; empty when it cannot be read. */
    public Optional<String> script(String scriptName) {
        if (!hasLocation() || scriptName == null) {
            return Optional.empty();
        }
        try {
            if (location.startsWith("filesystem:")) {
                Path file = Path.of(location.substring("filesystem:".length()), scriptName);
                return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
            }
            String path = location.substring("classpath:".length()).replaceAll("^/+", "") + "/" + scriptName;
            try (InputStream in = MigrationSource.class.getClassLoader().getResourceAsStream(path)) {
                return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
