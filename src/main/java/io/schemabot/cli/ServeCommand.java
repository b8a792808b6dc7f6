package io.schemabot.cli;

import io.schemabot.Version;
import io.schemabot.config.Config;
import io.schemabot.config.ConfigLoader;
import io.schemabot.config.ServeRequirements;
import io.schemabot.web.SchemabotServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the Slack bot: POST /slack/events, GET /health, GET /metrics on server.port.",
                "Configuration: --config PATH, else SCHEMABOT_CONFIG, else config/schemabot.yaml."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--config", paramLabel = "PATH", description = "The YAML configuration.")
    String configPath;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        ConfigLoader loader = ConfigLoader.fromEnvironment();
        Config config = loader.load(loader.resolvePath(configPath));
        ServeRequirements.check(config);
        SchemabotServer server = new SchemabotServer(config, Clock.systemUTC(), Path.of("data"), main.embedded()).start();
        spec.commandLine().getOut().println("schemabot " + Version.current() + " listening on port " + server.port()
                + " (POST /slack/events, GET /health, GET /metrics)");
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // shutting down anyway
            } finally {
                stopped.countDown();
            }
        }));
        stopped.await();
        return 0;
    }
}
