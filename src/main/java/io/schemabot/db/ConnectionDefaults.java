package io.schemabot.db;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The limits every connection schemabot opens gets, unless its URL sets them (per target: add
 * {@code connectTimeout}, {@code loginTimeout}, {@code socketTimeout}, in seconds, to the URL's parameters). A server
 * that accepts TCP and then never answers costs seconds, not forever: the login has its own limit, and every read
 * its socket timeout, which stays above the longest statement the connection is opened for so that PostgreSQL's
 * own statement timeout, with its clear error, fires first.
 */
public final class ConnectionDefaults {
    static final int CONNECT_SECONDS = 10;
    static final int LOGIN_SECONDS = 15;
    /** Reads of the catalog and of Flyway's history finish in seconds; five minutes is far beyond them. */
    static final Duration SOCKET = Duration.ofMinutes(5);
    /** How long a read may lag behind the statement timeout before the socket gives up on the server. */
    static final Duration SOCKET_MARGIN = Duration.ofMinutes(1);

    private ConnectionDefaults() {
    }

    /** {@code params} with the defaults added where absent; {@code longestStatement} is zero when unknown. */
    public static Map<String, String> apply(Map<String, String> params, Duration longestStatement) {
        Map<String, String> out = new LinkedHashMap<>(params);
        Duration socket = longestStatement.plus(SOCKET_MARGIN).compareTo(SOCKET) > 0
                ? longestStatement.plus(SOCKET_MARGIN) : SOCKET;
        out.putIfAbsent("connectTimeout", String.valueOf(CONNECT_SECONDS));
        out.putIfAbsent("loginTimeout", String.valueOf(LOGIN_SECONDS));
        out.putIfAbsent("socketTimeout", String.valueOf(socket.toSeconds()));
        // a peer that vanished without closing (a failover, a dropped NAT entry) is noticed by the kernel
        out.putIfAbsent("tcpKeepAlive", "true");
        out.putIfAbsent("ApplicationName", "schemabot");
        return out;
    }
}
