package io.schemabot.diff;

import io.schemabot.testing.SchemaPair;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 17, point 13: foreign keys are judged by the types their columns will have after the plan, so that a
 * repair converting a key and every column that references it together reports no mismatch.
 */
class ForeignKeysConvertedTogetherTest {
    private static final String SHAPE = """
            CREATE TABLE documents (id %1$s PRIMARY KEY, parent_document_id %1$s REFERENCES documents (id));
            CREATE TABLE document_questions (id int PRIMARY KEY, document_id %1$s REFERENCES documents (id));
            CREATE TABLE document_share_links (id int PRIMARY KEY, document_id %1$s REFERENCES documents (id));
            """;

    @Test
    void aKeyAndItsThreeReferencesConvertedTogether_reportNoMismatch() {
        DiffResult diff = SchemaPair.of("", SHAPE.formatted("uuid"), SHAPE.formatted("varchar(36)")).diff;
        assertEquals(4, diff.changes().size(), diff.changes().toString());
        assertEquals(List.of(), diff.incompatibilities().stream().map(Incompatibility::describe).toList());
    }

    @Test
    void aKeyTheTargetConvertsWithoutItsReference_isStillReported() {
        String from = "CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE c (p_id int REFERENCES p (id));";
        String to = "CREATE TABLE p (id bigint PRIMARY KEY); CREATE TABLE c (p_id int REFERENCES p (id));";
        DiffResult diff = SchemaPair.of("", from, to).diff;
        assertEquals(List.of("to public.c c_p_id_fkey [integer] [bigint]"), diff.incompatibilities().stream()
                .map(i -> i.side() + " " + i.table() + " " + i.constraint() + " " + i.columnTypes() + " " + i.refTypes())
                .toList());
    }

    @Test
    void aReferencedKeyNoChangeConverts_isStillAForeignKeyThatCannotBeCreatedHere() {
        SchemaPair pair = SchemaPair.of("", SHAPE.formatted("uuid"), SHAPE.formatted("varchar(36)"));
        // as when the changes that convert the key are left out of what will be done
        List<Incompatibility> found = ForeignKeyTypes.check(pair.from, pair.to, List.of());
        assertEquals(List.of("pending document_questions_document_id_fkey",
                        "pending document_share_links_document_id_fkey", "pending documents_parent_document_id_fkey"),
                found.stream().map(i -> i.side() + " " + i.constraint()).sorted().toList());
    }
}
