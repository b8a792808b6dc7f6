package io.schemabot.testing;

import io.schemabot.migrate.MigrationSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Production as the incident found it: Flyway applied V1 and V2 (history with the right checksums), then
 * someone converted the keys to uuid by hand and admin_activities never existed there. V3 is pending.
 */
public final class IncidentProduction {
    public static final String MIGRATIONS = "classpath:demo/migrations";

    private IncidentProduction() {
    }

    public static TestDatabase create(String prefix) {
        TestDatabase db = EmbeddedPg.createDatabase(prefix);
        new MigrationSource(MIGRATIONS, null).flyway(db.url(), "2").migrate();
        db.exec(resource("demo/production-drift.sql"));
        db.exec(resource("demo/production-data.sql"));
        return db;
    }

    public static String resource(String path) {
        try (InputStream in = IncidentProduction.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
