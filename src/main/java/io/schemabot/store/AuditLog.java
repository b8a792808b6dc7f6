package io.schemabot.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The append-only record of what was asked of schemabot: who, where, which command on which target, and how it ended. */
public final class AuditLog {
    private final DataSource store;

    AuditLog(DataSource store) {
        this.store = store;
    }

    /** Records a command; a store that is down must not stop the command, so failures are only returned. */
    public boolean record(String user, String channel, String command, String target, String outcome) {
        try (Connection c = store.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO schemabot.audit_log (user_id, channel_id, command, target, outcome) VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, user);
            st.setString(2, channel);
            st.setString(3, command);
            st.setString(4, target);
            st.setString(5, outcome);
            st.executeUpdate();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
