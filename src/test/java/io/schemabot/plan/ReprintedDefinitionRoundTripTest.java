package io.schemabot.plan;

import io.schemabot.testing.PlanRoundTrip;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, point 11: a definition created from its printed text need not print that text back. {@code kind IN
 * ('a', 'b')} on a varchar column prints as {@code ARRAY['a'::character varying, ...]::text[]}, and that text,
 * created again, prints as {@code ARRAY['a'::character varying::text, ...]}: the repaired database still read as
 * different from its target, and its replan was never empty.
 */
class ReprintedDefinitionRoundTripTest {
    private static final String COMMON = "CREATE TABLE t (id int PRIMARY KEY, kind varchar(10), owner text);"
            + " CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;";

    @Test
    void viewFilteringAVarcharWithInComesBackEqual() {
        PlanRoundTrip.bothWays(COMMON, "CREATE VIEW v AS SELECT id FROM t WHERE kind = 'a';",
                "CREATE VIEW v AS SELECT id FROM t WHERE kind IN ('a', 'b');");
    }

    @Test
    void checkConstraintWithInComesBackEqual() {
        PlanRoundTrip.bothWays(COMMON, "ALTER TABLE t ADD CONSTRAINT kind_known CHECK (kind = 'a');",
                "ALTER TABLE t ADD CONSTRAINT kind_known CHECK (kind IN ('a', 'b'));");
    }

    @Test
    void triggerWhenWithInComesBackEqual() {
        PlanRoundTrip.bothWays(COMMON, "",
                "CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW WHEN (NEW.kind IN ('a', 'b'))"
                        + " EXECUTE FUNCTION touch();");
    }

    @Test
    void policyUsingWithInComesBackEqual() {
        PlanRoundTrip.bothWays(COMMON, "CREATE POLICY mine ON t USING (owner = current_user);",
                "CREATE POLICY mine ON t USING (kind IN ('a', 'b'));");
    }

    @Test
    void ruleWhereWithInComesBackEqual() {
        PlanRoundTrip.bothWays(COMMON + " CREATE TABLE log (kind varchar(10));", "",
                "CREATE RULE keep AS ON INSERT TO t WHERE NEW.kind IN ('a', 'b') DO ALSO INSERT INTO log VALUES (NEW.kind);");
    }

    @Test
    void columnDefaultComesBackEqual() {
        PlanRoundTrip.bothWays(COMMON + " ALTER TABLE t ADD COLUMN admin boolean;", "",
                "ALTER TABLE t ALTER COLUMN admin SET DEFAULT (current_user::varchar IN ('admin', 'root'));");
    }
}
