package io.schemabot.diff;

import io.schemabot.diff.TableChange.ColumnTypeChanged;
import io.schemabot.diff.TableChange.TableAdded;
import io.schemabot.testing.SchemaPair;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The incident: production holds uuid keys where the migrations made varchar(36), and lacks a table. */
class IncidentDiffTest {
    static final String PRODUCTION = """
            CREATE TABLE documents (id uuid PRIMARY KEY, title text NOT NULL,
              parent_document_id uuid REFERENCES documents (id) ON DELETE SET NULL);
            CREATE TABLE document_questions (id bigserial PRIMARY KEY,
              document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE, question text NOT NULL);
            """;
    static final String EXPECTED = """
            CREATE TABLE documents (id varchar(36) PRIMARY KEY, title text NOT NULL,
              parent_document_id varchar(36) REFERENCES documents (id) ON DELETE SET NULL);
            CREATE TABLE document_questions (id bigserial PRIMARY KEY,
              document_id varchar(36) NOT NULL REFERENCES documents (id) ON DELETE CASCADE, question text NOT NULL);
            CREATE TABLE admin_activities (id bigserial PRIMARY KEY, actor text NOT NULL, at timestamptz DEFAULT now());
            """;

    @Test
    void productionAgainstMigrationsGivesExactlyTheThreeTypeChangesAndTheMissingTable() {
        DiffResult diff = SchemaPair.of("", PRODUCTION, EXPECTED).diff;
        assertEquals(List.of(
                new TableAdded("public.admin_activities", new TableContents(List.of(
                        new TableContents.ColumnSpec("id", "bigint", true,
                                "nextval('public.admin_activities_id_seq'::regclass)", null, null, null),
                        new TableContents.ColumnSpec("actor", "text", true, null, null, null, null),
                        new TableContents.ColumnSpec("at", "timestamp with time zone", false, "now()", null, null, null)),
                        List.of(new TableContents.ConstraintSpec("admin_activities_pkey", "PRIMARY_KEY",
                                "PRIMARY KEY (id)")))),
                new ColumnTypeChanged("public.document_questions", "document_id", "uuid", "character varying(36)"),
                new ColumnTypeChanged("public.documents", "id", "uuid", "character varying(36)"),
                new ColumnTypeChanged("public.documents", "parent_document_id", "uuid", "character varying(36)")),
                diff.changes());
    }

    @Test
    void theRepairConvertsTheKeyWithItsReferences_soNoForeignKeyIsFlagged_butWithoutItTheyCannotMeetProductionsKey() {
        SchemaPair pair = SchemaPair.of("", PRODUCTION, EXPECTED);
        assertEquals(List.of(), pair.diff.incompatibilities());
        List<Incompatibility> unconverted = ForeignKeyTypes.check(pair.from, pair.to, List.of());
        assertEquals(List.of("pending public.document_questions document_questions_document_id_fkey",
                        "pending public.documents documents_parent_document_id_fkey"),
                unconverted.stream().map(i -> i.side() + " " + i.table() + " " + i.constraint()).toList());
        Incompatibility first = unconverted.get(0);
        assertEquals(List.of("character varying(36)"), first.columnTypes());
        assertEquals(List.of("uuid"), first.refTypes());
    }

    @Test
    void aSchemaWhoseForeignKeyJoinsDifferentTypesIsFlaggedOnItsOwn() {
        String broken = "CREATE TABLE p (id bigint PRIMARY KEY); CREATE TABLE c (p_id int REFERENCES p (id))";
        DiffResult diff = SchemaPair.of(broken, "", "").diff;
        assertEquals(List.of("from", "to"), diff.incompatibilities().stream().map(Incompatibility::side).toList());
        assertEquals(List.of("integer"), diff.incompatibilities().get(0).columnTypes());
        assertEquals(List.of("bigint"), diff.incompatibilities().get(0).refTypes());
    }
}
