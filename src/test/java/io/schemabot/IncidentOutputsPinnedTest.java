package io.schemabot;

import io.schemabot.chat.CommandRouter;
import io.schemabot.chat.Invocation;
import io.schemabot.chat.Reply;
import io.schemabot.console.ConsoleText;
import io.schemabot.ops.Ops;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.config.Config;
import io.schemabot.db.DatabaseUrl;
import io.schemabot.demo.IncidentDemo;
import io.schemabot.slack.BlockKit;
import io.schemabot.testing.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins what every face prints for the incident (CLI text, JSON and SQL, chat replies as console text and as Block
 * Kit) byte for byte, so that moving code between packages cannot change a single character a user or a script
 * reads. Only what differs from run to run (ports, durations, clock times) is masked. Run with
 * {@code -Dpinned.write=true} to record the files again after a deliberate change of output.
 */
class IncidentOutputsPinnedTest {
    private static final Path DIR = Path.of("src/test/resources/pinned");
    private static String url;
    private static Config config;

    @BeforeAll
    static void production() {
        DatabaseUrl production = IncidentDemo.createProduction(EmbeddedPg.shared(), "pinned_production");
        url = production.jdbcUrl() + "?user=" + production.user();
        config = IncidentDemo.config(production);
    }

    @TestFactory
    List<DynamicTest> everyFacePrintsTheIncidentAsPinned() {
        String migrations = "classpath:demo/migrations";
        Map<String, Supplier<String>> outputs = new LinkedHashMap<>();
        for (String format : List.of("text", "json")) {
            outputs.put("cli-status-" + format, () -> cli("status", "--url", url, "--migrations", migrations, "--format", format));
            outputs.put("cli-diff-" + format, () -> cli("diff", "--from", url, "--to", "migrations:" + migrations, "--format", format));
            outputs.put("cli-preflight-" + format, () -> cli("preflight", "--url", url, "--migrations", migrations, "--format", format));
            outputs.put("cli-snapshot-" + format, () -> cli("snapshot", "--url", url, "--format", format));
        }
        for (String format : List.of("text", "sql", "json")) {
            outputs.put("cli-plan-" + format, () -> cli("plan", "--from", url, "--to", "migrations:" + migrations, "--format", format));
        }
        outputs.put("cli-plan-nothing", () -> cli("plan", "--from", url, "--to", url + "&ApplicationName=x", "--format", "sql"));
        CommandRouter router = new CommandRouter(config, new Ops(EmbeddedPg.shared(), config.planning()));
        for (String text : List.of("status production", "diff production", "preflight production", "hotfix production",
                "help", "targets", "frobnicate", "status staging", "status production extra")) {
            String name = "chat-" + text.replace(' ', '-');
            outputs.put(name + ".console", () -> ConsoleText.render(chat(router, text)));
            outputs.put(name + ".slack", () -> BlockKit.render(chat(router, text)).message().toPrettyString() + "\n");
        }
        outputs.put("chat-outside-channel.console", () -> ConsoleText.render(router.handle(
                new Invocation("U0ALICE", "C0ELSEWHERE", "status production"))));
        List<DynamicTest> tests = new ArrayList<>();
        outputs.forEach((name, output) -> tests.add(DynamicTest.dynamicTest(name, () -> check(name, mask(output.get())))));
        return tests;
    }

    private static Reply chat(CommandRouter router, String text) {
        return router.handle(new Invocation("U0ALICE", IncidentDemo.CHANNEL, text));
    }

    private static String cli(String... args) {
        CliRun run = CliRun.of(args);
        return "exit " + run.status() + "\n--- stdout\n" + run.out() + "--- stderr\n" + run.err();
    }

    /** Ports, durations and clock times change from run to run; nothing else may. */
    static String mask(String text) {
        return text.replaceAll("localhost:\\d+", "localhost:PORT")
                .replaceAll("\\d+ ms", "N ms")
                .replaceAll("\"(\\w*[mM]illis|executionTimeMs)\" : \\d+", "\"$1\" : N")
                .replaceAll("\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z?", "TIME");
    }

    private static void check(String name, String actual) throws IOException {
        Path file = DIR.resolve(name + (name.contains(".") ? "" : ".txt"));
        if (Boolean.getBoolean("pinned.write")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            throw new UncheckedIOException(new IOException(file + " is not recorded; run with -Dpinned.write=true"));
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name);
    }
}
