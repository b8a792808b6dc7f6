package io.schemabot.plan;

import io.schemabot.diff.Change;
import io.schemabot.schema.Snapshot;
import io.schemabot.schema.SnapshotJson;
import io.schemabot.testing.PlanRoundTrip;
import io.schemabot.testing.SchemaPair;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, point 8: collations and text search configurations are read, compared and planned: created before
 * what uses them, dropped after, made anew or altered when nothing uses them, BLOCKING with their users named when
 * something does.
 */
class CollationRoundTripTest {
    private static final String CI = "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);";
    private static final String CI_DETERMINISTIC = "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = true);";
    private static final String EN = "CREATE TEXT SEARCH CONFIGURATION public.en (COPY = english);";
    private static final String EN_SIMPLE_WORDS = EN + " ALTER TEXT SEARCH CONFIGURATION public.en ALTER MAPPING FOR asciiword WITH simple;";

    @Test
    void aNewCollationIsCreatedBeforeTheColumnsThatUseIt_andDroppedAfterThem() {
        PlanRoundTrip.bothWays("CREATE TABLE t (id int, name text);", "",
                CI + " ALTER TABLE t ALTER COLUMN name TYPE text COLLATE ci; CREATE TABLE u (code text COLLATE ci UNIQUE);");
    }

    @Test
    void aCollationThatComparesOtherwise_isADifference_andIsMadeAnewWhenNothingUsesIt() {
        SchemaPair pair = SchemaPair.of("", CI, CI_DETERMINISTIC);
        assertEquals(List.of("CollationChanged"), pair.diff.changes().stream().map(Change::kind).toList());
        Plan plan = PlanRoundTrip.oneWay("", CI, CI_DETERMINISTIC);
        assertTrue(plan.sql().contains("DROP COLLATION public.ci;\nCREATE COLLATION public.ci"), plan.sql());
        PlanRoundTrip.oneWay("", CI_DETERMINISTIC, CI);
    }

    @Test
    void aChangedCollationThatAColumnUses_isBlocking_namingTheColumn() {
        String table = " CREATE TABLE t (name text COLLATE ci);";
        SchemaPair pair = SchemaPair.of("", CI + table, CI_DETERMINISTIC + table);
        Plan plan = Planner.plan(pair.diff, pair.from, pair.to);
        assertTrue(plan.isBlocked(), plan.sql());
        assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.BLOCKING
                && h.reason().contains("column public.t.name")), plan.hazards().toString());
        assertFalse(plan.sql().contains("DROP COLLATION"), plan.sql());
    }

    @Test
    void aTextSearchConfigurationCopiedFromEnglish_withAMappingChange_isAlteredInPlace() {
        Plan plan = PlanRoundTrip.oneWay("", EN, EN_SIMPLE_WORDS);
        assertTrue(plan.sql().contains("ALTER TEXT SEARCH CONFIGURATION public.en ALTER MAPPING FOR asciiword WITH pg_catalog.simple;"),
                plan.sql());
        PlanRoundTrip.bothWays("", "", EN_SIMPLE_WORDS);
        PlanRoundTrip.oneWay("", EN_SIMPLE_WORDS, EN);
    }

    @Test
    void aTextSearchConfigurationThatAnExpressionIndexUses_isCreatedBeforeTheIndex_andDroppedAfterIt() {
        PlanRoundTrip.bothWays("CREATE TABLE doc (body text);", "",
                EN + " CREATE INDEX doc_fts ON doc USING gin (to_tsvector('public.en', body));");
    }

    @Test
    void aChangedTextSearchConfigurationThatAnIndexUses_isBlocking_namingTheIndex() {
        String index = " CREATE TABLE doc (body text); CREATE INDEX doc_fts ON doc USING gin (to_tsvector('public.en', body));";
        SchemaPair pair = SchemaPair.of("", EN + index, EN_SIMPLE_WORDS + index);
        Plan plan = Planner.plan(pair.diff, pair.from, pair.to);
        assertTrue(plan.hazards().stream().anyMatch(h -> h.kind() == Hazard.Kind.BLOCKING
                && h.reason().contains("index public.doc_fts")), plan.hazards().toString());
    }

    @Test
    void aDictionaryAndTheConfigurationConsultingIt_roundTrip_andItsOptionsAreAlteredInPlace() {
        String stem = "CREATE TEXT SEARCH DICTIONARY public.stem (TEMPLATE = snowball, language = 'english');";
        String stemStop = "CREATE TEXT SEARCH DICTIONARY public.stem (TEMPLATE = snowball, language = 'english', stopwords = 'english');";
        String config = " CREATE TEXT SEARCH CONFIGURATION public.mine (PARSER = default);"
                + " ALTER TEXT SEARCH CONFIGURATION public.mine ADD MAPPING FOR asciiword, word WITH public.stem, simple;"
                + " COMMENT ON TEXT SEARCH CONFIGURATION public.mine IS 'ours';";
        PlanRoundTrip.bothWays("", "", stem + config);
        Plan plan = PlanRoundTrip.oneWay("", stem + config, stemStop + config);
        assertTrue(plan.sql().contains("ALTER TEXT SEARCH DICTIONARY public.stem (language = 'english', stopwords = 'english');"),
                plan.sql());
        PlanRoundTrip.oneWay("", stemStop + config, stem + config);
    }

    @Test
    void aSchemaWithoutCollations_writesNoNewKeys_andAnOlderSnapshotFileStillLoads() {
        SchemaPair pair = SchemaPair.of("CREATE TABLE t (id int);", "", CI);
        String json = SnapshotJson.write(pair.from);
        assertFalse(json.contains("collations") || json.contains("textSearch"), json);
        Snapshot older = SnapshotJson.parse(json, "older");
        assertEquals(pair.from.fingerprint(), older.fingerprint());
        assertTrue(older.collations().isEmpty());
        Snapshot withCollation = SnapshotJson.parse(SnapshotJson.write(pair.to), "newer");
        assertEquals(pair.to, withCollation);
        assertFalse(pair.from.fingerprint().equals(pair.to.fingerprint()));
    }
}
