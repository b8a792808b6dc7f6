package io.schemabot.cli;

import io.schemabot.approval.HotfixRequest;
import io.schemabot.config.ConfigLoader;
import io.schemabot.ops.RequestHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the post-incident report of a hotfix request, in Markdown, from the store alone.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "PATH", description = "The YAML configuration (its store.url).")
    String configPath;

    @Parameters(paramLabel = "ID", description = "The request id, e.g. hf-7k2m9q.")
    String id;

    @Override
    public Integer call() throws Exception {
        if (!HotfixRequest.isId(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a request id (letters, digits, - and _)");
        }
        ConfigLoader loader = ConfigLoader.fromEnvironment();
        try (RequestHistory history = RequestHistory.open(loader.load(loader.resolvePath(configPath)), Path.of("data"))) {
            spec.commandLine().getOut().print(history.report(id));
        }
        return 0;
    }
}
