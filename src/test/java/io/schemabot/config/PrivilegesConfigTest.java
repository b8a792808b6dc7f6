package io.schemabot.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A target's privileges section: the grantees whose grants are left out of its diff, plan and fingerprint. */
class PrivilegesConfigTest {
    private static Config parse(String yaml) {
        return new ConfigLoader(Map.<String, String>of()::get).parse(yaml, "test");
    }

    @Test
    void ignoredGranteesAreRead_andAbsentMeansNone() {
        Config c = parse("""
                targets:
                  production:
                    url: postgres://u@db:5432/app
                    privileges: { ignoreGrantees: [rds_superuser, "Readonly Analyst"] }
                  staging:
                    url: postgres://u@db:5432/staging
                """);
        assertEquals(List.of("rds_superuser", "Readonly Analyst"), c.targets().get("production").ignoredGrantees());
        assertEquals(List.of(), c.targets().get("staging").ignoredGrantees());
    }

    @Test
    void mistakesAreEachOneLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("""
                targets:
                  production:
                    url: postgres://u@db:5432/app
                    privileges: { ignoreGrantee: [x], ignoreGrantees: [rds, PUBLIC, rds, "", {a: 1}] }
                  staging:
                    url: postgres://u@db:5432/staging
                    privileges: { ignoreGrantees: rds_superuser }
                """));
        assertEquals(List.of(
                "targets.production.privileges.ignoreGrantee: unknown key (known: ignoreGrantees)",
                "targets.production.privileges.ignoreGrantees: PUBLIC is every role, not one; grants to PUBLIC are"
                        + " always compared",
                "targets.production.privileges.ignoreGrantees: 'rds' is listed twice",
                "targets.production.privileges.ignoreGrantees: an empty role name",
                "targets.production.privileges.ignoreGrantees: '{\"a\":1}' is not a role name",
                "targets.staging.privileges.ignoreGrantees: must be a YAML list of role names, e.g. [rds_superuser,"
                        + " readonly_analyst]"), e.problems());
    }
}
