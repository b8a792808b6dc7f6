package io.schemabot.demo;

import io.schemabot.config.Config;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.db.EmbeddedServer;
import io.schemabot.migrate.MigrationSource;
import io.schemabot.store.Store;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The incident on the embedded PostgreSQL: a `production` database where Flyway applied V1-V2, then someone
 * turned the keys into uuid by hand and admin_activities never existed; V3 is pending. The migrations ship in
 * the jar under demo/migrations.
 */
public final class IncidentDemo {
    public static final String MIGRATIONS = "classpath:demo/migrations";
    public static final String CHANNEL = "C0OPS";

    private IncidentDemo() {
    }

    /** Creates (afresh) the production database on {@code server} and returns its URL. */
    public static DatabaseUrl createProduction(EmbeddedServer server, String database) {
        server.exec("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        server.exec("postgres", "CREATE DATABASE " + database);
        DatabaseUrl url = server.url(database);
        new MigrationSource(MIGRATIONS, null).flyway(url, "2").migrate();
        server.exec(database, resource("demo/production-drift.sql"));
        server.exec(database, resource("demo/production-data.sql"));
        return url;
    }

    /**
     * The bot's own store for the demo: a fresh database on the embedded server, migrated like any store. It lives
     * as long as the server.
     */
    public static Store store(EmbeddedServer server) {
        server.exec("postgres", "DROP DATABASE IF EXISTS schemabot_demo_store WITH (FORCE)");
        server.exec("postgres", "CREATE DATABASE schemabot_demo_store");
        DatabaseUrl url = server.url("schemabot_demo_store");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url.jdbcUrl());
        dataSource.setUser(url.user());
        return new Store(dataSource, url.describe(), () -> { });
    }

    /** A configuration with one target, `production`, and three people in the ops channel who may approve. */
    public static Config config(DatabaseUrl production) {
        return config(production, Config.Health.defaults());
    }

    /**
     * The same, watching the incident's backend at {@code backendHealthUrl} (as the team curled it by hand) and
     * production's database, often enough that an alert and its recovery show within seconds.
     */
    public static Config config(DatabaseUrl production, String backendHealthUrl) {
        Config.HealthCheck backend = new Config.HealthCheck("backend", Config.HealthCheck.CheckType.HTTP,
                backendHealthUrl, "production", Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 1, 200,
                Map.of("status", "healthy", "database_configured", "true"), CHANNEL, Duration.ZERO);
        Config.HealthCheck database = new Config.HealthCheck("production-database", Config.HealthCheck.CheckType.DATABASE,
                null, "production", Duration.ofSeconds(5), Duration.ofSeconds(2), 2, 1, null, Map.of(), CHANNEL,
                Duration.ZERO);
        return config(production, new Config.Health(Duration.ofMinutes(2), List.of(backend, database)));
    }

    private static Config config(DatabaseUrl production, Config.Health health) {
        String url = production.jdbcUrl() + "?user=" + production.user();
        return new Config(new Config.Slack(null, null, "http://localhost/api/", CHANNEL, "/schemabot", false),
                Map.of("production", new Config.Target("production", url, MIGRATIONS, null, null)),
                new Config.Approval(List.of("alice", "bob", "carol"), 2, Duration.ofMinutes(30)),
                new Config.Server(0), new Config.Store(null), Config.Planning.defaults(), Config.Commands.defaults(),
                Config.Execute.defaults(), health);
    }

    static String resource(String path) {
        try (InputStream in = IncidentDemo.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
