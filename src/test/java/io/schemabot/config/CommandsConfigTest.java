package io.schemabot.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The config's commands section: each chat command's deadline and the workers each target may hold. */
class CommandsConfigTest {
    private static Config parse(String yaml) {
        return new ConfigLoader(Map.<String, String>of()::get).parse(yaml, "test");
    }

    @Test
    void absentMeansFiveMinutesAndTwoWorkersPerTarget_givenValuesAreRead() {
        assertEquals(new Config.Commands(Duration.ofMinutes(5), 2, Duration.ofSeconds(5)), parse("server: {port: 1}").commands());
        assertEquals(new Config.Commands(Duration.ofSeconds(90), 3, Duration.ofSeconds(2)), parse("commands: {deadline: 90s, perTarget: 3, progressEvery: 2s}").commands());
    }

    @Test
    void aZeroDeadlineOrAnOddWorkerCountIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("commands: {deadline: 0s, perTarget: many}"));
        assertEquals(List.of("commands.deadline: must be more than 0", "commands.perTarget: must be a whole number from 1 to 16"),
                e.problems());
    }
}
