package io.schemabot.migrate;

import io.schemabot.db.DatabaseUrl;

/** A throw-away database on a {@link ShadowServer}; dropped on close. */
public record ShadowDatabase(ShadowServer server, DatabaseUrl url, String name) implements AutoCloseable {
    @Override
    public void close() {
        server.drop(name);
    }
}
