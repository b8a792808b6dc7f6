package io.schemabot.health;

import io.schemabot.config.Config;

/** One configured health check that can be run now; each kind is its own class. */
public sealed interface Check permits HttpCheck, DatabaseCheck, MigrationsCheck, DriftCheck {

    Config.HealthCheck spec();

    /**
     * Runs the check once, within its timeout as far as the kind allows (the monitor bounds it as well). Never
     * throws: a failure to check is a failed check, with the reason as its evidence.
     */
    CheckResult run();

    default String name() {
        return spec().name();
    }

    /** The target this check watches or confirms (for http checks, optional), else null. */
    default String target() {
        return spec().target();
    }
}
