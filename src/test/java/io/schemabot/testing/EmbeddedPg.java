package io.schemabot.testing;

import io.schemabot.db.DatabaseUrl;
import io.schemabot.db.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.util.concurrent.atomic.AtomicInteger;

/** The test run's PostgreSQL (the application's own embedded server) and fresh databases in it. */
public final class EmbeddedPg {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** One server for the whole test run (a JVM); zonky stops it when the JVM exits. */
    private static final EmbeddedServer SERVER = new EmbeddedServer();

    private EmbeddedPg() {
    }

    /** The application's embedded server, as the command line, the demo and the bot are given it. */
    public static EmbeddedServer shared() {
        return SERVER;
    }

    public static EmbeddedPostgres server() {
        return SERVER.get();
    }

    public static int port() {
        return server().getPort();
    }

    /** Creates an empty database with a unique name (prefix kept for readable logs). */
    public static TestDatabase createDatabase(String prefix) {
        String name = (prefix + "_" + COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid())
                .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        execAsSuperuser("postgres", "CREATE DATABASE " + name);
        return new TestDatabase(name, port());
    }

    public static void execAsSuperuser(String database, String sql) {
        SERVER.exec(database, sql);
    }

    public static DatabaseUrl url(String database) {
        return SERVER.url(database);
    }
}
