package io.schemabot.migrate;

import io.schemabot.schema.Snapshot;
import io.schemabot.testing.EmbeddedPg;
import io.schemabot.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A clone keeps production's policies even where the shadow server lacks the roles they name. */
class PolicyCloneTest {

    @Test
    void cloneCreatesTheRolesAPolicyNamesWhenTheShadowLacksThem() throws Exception {
        String role = "\"Clone Only Role\"";
        Snapshot source;
        try (TestDatabase prod = EmbeddedPg.createDatabase("policy_prod")) {
            prod.exec("CREATE ROLE " + role + "; CREATE TABLE t (a int); ALTER TABLE t ENABLE ROW LEVEL SECURITY;"
                    + " CREATE POLICY p ON t TO " + role + ", postgres USING (a > 0)");
            source = prod.snapshot();
            prod.exec("DROP POLICY p ON t; DROP ROLE " + role);
        }
        try (TestDatabase shadow = EmbeddedPg.createDatabase("policy_shadow")) {
            try {
                SchemaCloner.cloneInto(source, shadow.url(), shadow.url(), "flyway_schema_history");
                assertEquals(source.policies(), shadow.snapshot().policies());
            } finally {
                shadow.exec("DROP POLICY IF EXISTS p ON t; DROP ROLE IF EXISTS " + role);
            }
        }
    }
}
