package io.schemabot.execute;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The defaults, and limits that would mean "wait forever" refused with a line saying what to write. */
class ExecuteSettingsTest {
    @Test
    void defaults_areFiveSecondsFifteenMinutesThreeRetries() {
        assertEquals(new ExecuteSettings(Duration.ofSeconds(5), Duration.ofMinutes(15), 3, Duration.ofSeconds(1)),
                ExecuteSettings.defaults());
    }

    @Test
    void zeroTimeoutsAndNegativeRetries_areRefused() {
        assertEquals("execute.lockTimeout must be at least 1ms; 0 would mean no limit", assertThrows(
                IllegalArgumentException.class, () -> new ExecuteSettings(Duration.ZERO, Duration.ofMinutes(1), 3,
                        Duration.ofSeconds(1))).getMessage());
        assertEquals("execute.statementTimeout must be at least 1ms; 0 would mean no limit", assertThrows(
                IllegalArgumentException.class, () -> new ExecuteSettings(Duration.ofSeconds(1), Duration.ZERO, 3,
                        Duration.ofSeconds(1))).getMessage());
        assertEquals("execute.retries must be 0 or more, not -1", assertThrows(IllegalArgumentException.class,
                () -> new ExecuteSettings(Duration.ofSeconds(1), Duration.ofMinutes(1), -1, Duration.ofSeconds(1)))
                .getMessage());
    }
}
