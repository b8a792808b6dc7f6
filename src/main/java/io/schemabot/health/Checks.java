package io.schemabot.health;

import io.schemabot.config.Config;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds the configured checks, each with the target it watches and the ops channel as its default channel. */
public final class Checks {
    private Checks() {
    }

    /**
     * The checks of {@code config.health()}, in the file's order, remembering when migrations were first seen
     * pending in the bot's {@code store}.
     */
    public static List<Check> from(Config config, TargetProbe probe, Clock clock, javax.sql.DataSource store) {
        PendingLedger pending = new PendingLedger(store);
        String command = config.slack() == null || config.slack().command() == null
                ? "/schemabot" : config.slack().command();
        String opsChannel = config.slack() == null ? null : config.slack().channel();
        // one client for every http check: it keeps connections to a service between rounds
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        List<Check> checks = new ArrayList<>();
        for (Config.HealthCheck spec : config.health().checks()) {
            Config.HealthCheck s = spec.channel() == null ? spec.withChannel(opsChannel) : spec;
            Config.Target target = s.target() == null ? null : config.targets().get(s.target());
            checks.add(switch (s.type()) {
                case HTTP -> new HttpCheck(s, http, command);
                case DATABASE -> new DatabaseCheck(s, target, command);
                case MIGRATIONS -> new MigrationsCheck(s, target, probe, clock, command, pending);
                case DRIFT -> new DriftCheck(s, target, probe, command);
            });
        }
        return List.copyOf(checks);
    }
}
