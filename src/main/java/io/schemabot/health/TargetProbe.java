package io.schemabot.health;

import io.schemabot.config.Config;
import io.schemabot.migrate.MigrationStatus;
import io.schemabot.ops.Drift;
import io.schemabot.ops.Ops;

/** What the migrations and drift checks ask of a target: the same verbs chat's status and diff use. */
public interface TargetProbe {

    MigrationStatus status(Config.Target target);

    Drift drift(Config.Target target);

    static TargetProbe over(Ops ops) {
        return new TargetProbe() {
            @Override
            public MigrationStatus status(Config.Target target) {
                return ops.status(target);
            }

            @Override
            public Drift drift(Config.Target target) {
                return ops.drift(target);
            }
        };
    }
}
