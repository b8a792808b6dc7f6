package io.schemabot.testing;

import io.schemabot.chat.CommandRouter;
import io.schemabot.config.Config;
import io.schemabot.ops.Ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A chat router for one target on a test database, in channel {@link #CHANNEL}; migrations and baseline optional. */
public final class OneTargetChat {
    public static final String CHANNEL = "C0OPS";

    private OneTargetChat() {
    }

    public static CommandRouter router(String name, String url, String migrations, String baselineVersion) {
        Config config = new Config(new Config.Slack("s", "xoxb-1", "http://127.0.0.1:1/", CHANNEL, "/schemabot", false),
                Map.of(name, new Config.Target(name, url, migrations, null, null, baselineVersion)),
                new Config.Approval(List.of(), 1, Duration.ofMinutes(1)), new Config.Server(0), new Config.Store(null),
                Config.Planning.defaults());
        return new CommandRouter(config, new Ops(EmbeddedPg.shared(), config.planning()));
    }
}
