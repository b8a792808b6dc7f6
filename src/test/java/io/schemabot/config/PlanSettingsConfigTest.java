package io.schemabot.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The config's plan section: how chat plans a hotfix, with today's defaults when it is absent. */
class PlanSettingsConfigTest {
    private static Config parse(String yaml) {
        return new ConfigLoader(Map.<String, String>of()::get).parse(yaml, "test");
    }

    @Test
    void absentMeansTheDefaults_givenValuesAreRead() {
        assertEquals(new Config.Planning(Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofMinutes(2)),
                parse("server: {port: 1}").planning());
        assertEquals(new Config.Planning(Duration.ofSeconds(3), Duration.ofMinutes(30), Duration.ofSeconds(45)),
                parse("plan: {lockTimeout: 3s, statementTimeout: 30min, checkTimeout: 45s}").planning());
    }

    @Test
    void badValuesAreEachNamed() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse("plan: {lockTimeout: soon, checkTimeout: 0s, statementTimout: 1s}"));
        List<String> p = e.problems();
        assertEquals(3, p.size(), p.toString());
        assertEquals("plan.statementTimout: unknown key (known: lockTimeout, statementTimeout, checkTimeout)", p.get(0));
        assertEquals("plan.lockTimeout: 'soon' is not a duration; write e.g. 500ms, 5s, 15min, 2h or 1d", p.get(1));
        assertEquals("plan.checkTimeout: must be more than 0; a data check without a limit could hold production's"
                + " connection for hours", p.get(2));
    }

    @Test
    void aZeroLockTimeoutIsRefused_itWouldMeanWaitForeverOnProduction() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("plan: {lockTimeout: 0s}"));
        assertEquals(List.of("plan: lock timeout must be between 1ms and 24d; 0 would mean no limit at all"), e.problems());
    }
}
