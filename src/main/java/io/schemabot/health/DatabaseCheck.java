package io.schemabot.health;

import io.schemabot.config.Config;
import io.schemabot.db.Connections;
import io.schemabot.db.DatabaseUrl;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Connects to a target and runs {@code select 1}, all within the check's timeout; reports the latency. */
public final class DatabaseCheck implements Check {
    private final Config.HealthCheck spec;
    private final Config.Target target;
    private final String command;

    DatabaseCheck(Config.HealthCheck spec, Config.Target target, String command) {
        this.spec = spec;
        this.target = target;
        this.command = command;
    }

    @Override
    public Config.HealthCheck spec() {
        return spec;
    }

    @Override
    public CheckResult run() {
        long start = System.nanoTime();
        try {
            DatabaseUrl url = bounded(DatabaseUrl.parse(target.url()));
            try (Connection c = Connections.open(url); Statement st = c.createStatement()) {
                st.setQueryTimeout(seconds());
                st.execute("select 1");
            }
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            return CheckResult.healthy(latency, "select 1 in " + Evidence.took(latency));
        } catch (SQLException | RuntimeException e) {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            return CheckResult.failed(latency, "database of target '" + target.name() + "' did not answer: "
                    + Evidence.error(e), "", command + " status " + target.name());
        }
    }

    /** The driver's connect, login and socket limits set to the timeout, so a dead host cannot hold the check. */
    private DatabaseUrl bounded(DatabaseUrl url) {
        Map<String, String> params = new HashMap<>(url.parameters());
        String limit = String.valueOf(seconds());
        params.put("connectTimeout", limit);
        params.put("loginTimeout", limit);
        params.put("socketTimeout", limit);
        return new DatabaseUrl(url.host(), url.port(), url.database(), url.user(), url.password(), params);
    }

    /** The driver counts in whole seconds, and 0 would mean no limit. */
    private int seconds() {
        return (int) Math.max(1, (spec.timeout().toMillis() + 999) / 1000);
    }
}
