package io.schemabot.approval;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Work on one connection of the bot's store, alone or as one transaction; a store failure is unchecked. */
interface StoreWork<T> {
    T run(Connection c) throws SQLException;

    static <T> T onConnection(DataSource store, StoreWork<T> work) {
        try (Connection c = store.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("the bot's store failed: " + e.getMessage(), e);
        }
    }

    /** Commits what {@code work} did, or rolls all of it back when it throws (a refusal thrown as UserError too). */
    static <T> T inTransaction(DataSource store, StoreWork<T> work) {
        return onConnection(store, c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        });
    }
}
