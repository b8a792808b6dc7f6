package io.schemabot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemabot.approval.RequestEvent;
import io.schemabot.config.ConfigLoader;
import io.schemabot.ops.RequestHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Print the hotfix requests' events from the store the configuration names, oldest first.")
final class AuditCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "PATH", description = "The YAML configuration (its store.url).")
    String configPath;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
    Format format;

    @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "The newest N events (default 50).")
    int limit;

    @Override
    public Integer call() throws Exception {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
        ConfigLoader loader = ConfigLoader.fromEnvironment();
        try (RequestHistory history = RequestHistory.open(loader.load(loader.resolvePath(configPath)), Path.of("data"))) {
            List<RequestEvent> events = history.events(limit);
            spec.commandLine().getOut().print(format == Format.json ? json(events) : text(events));
        }
        return 0;
    }

    private static String text(List<RequestEvent> events) {
        StringBuilder out = new StringBuilder();
        events.forEach(e -> out.append(e.line()).append(e.detail() == null ? "" : "  " + e.detail()).append('\n'));
        return out.toString();
    }

    private static String json(List<RequestEvent> events) throws Exception {
        ArrayNode list = JSON.createArrayNode();
        for (RequestEvent e : events) {
            ObjectNode node = list.addObject().put("requestId", e.requestId()).put("event", e.kind().label())
                    .put("user", e.userId()).put("at", e.at().toString()).put("planHash", e.planHash());
            node.set("detail", e.detail() == null ? null : JSON.readTree(e.detail()));
        }
        return list.toPrettyString() + "\n";
    }
}
