package io.schemabot.cli;

import io.schemabot.testing.CliRun;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every command's --help reads whole at 80 columns: no sentence cut off, no line wider than the terminal. */
class CommandHelpTest {
    private static final List<String> COMMANDS = List.of("status", "snapshot", "diff", "plan", "preflight", "serve", "demo");

    @Test
    void theCommandListShowsEachCommandsWholeSummary() {
        String help = CliRun.of("--help").out();
        List<String> entries = new ArrayList<>();
        for (String line : help.substring(help.indexOf("Commands:\n") + "Commands:\n".length()).split("\n")) {
            if (line.matches(" {2}\\S.*")) {
                entries.add(line.strip());
            } else if (!entries.isEmpty()) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
            }
        }
        List<String> cut = entries.stream().filter(e -> !e.endsWith(".")).toList();
        assertEquals(List.of(), cut, help);
    }

    @Test
    void noHelpLineIsWiderThanEightyColumns() {
        List<String> wide = new ArrayList<>();
        for (String command : COMMANDS) {
            CliRun run = CliRun.of(command, "--help");
            assertEquals(0, run.status(), run.err());
            run.out().lines().filter(l -> l.length() > 80).forEach(l -> wide.add(command + ": " + l));
        }
        assertEquals(List.of(), wide);
    }
}
