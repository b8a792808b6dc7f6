package io.schemabot.migrate;

import io.schemabot.diff.ObjectChange;
import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One server cannot write a definition as another major version would, so the clone's texts are given here as a
 * diff: what the shadow's version found between the clone of production and the migrations' schema.
 */
class VersionNeutralDriftTest {
    private static final Change VERSION_ONLY = new ObjectChange.ViewDefinitionChanged("public.paid_orders", false,
            " SELECT id\n   FROM orders\n  WHERE status = 'paid'::text;",
            " SELECT orders.id FROM orders WHERE (orders.status = 'paid'::text);");
    private static final Change REAL_VIEW = new ObjectChange.ViewDefinitionChanged("public.open_orders", false,
            " SELECT id FROM orders;", " SELECT id FROM orders WHERE status = 'new';");
    private static final Change REAL_COLUMN = new TableChange.ColumnTypeChanged("public.orders", "id", "integer", "bigint");

    @Test
    void of_definitionThatTheClonesVersionWritesAsTheMigrationsDo_isNotDrift() {
        DiffResult drift = diff(VERSION_ONLY, REAL_VIEW, REAL_COLUMN);
        assertEquals(List.of(REAL_VIEW, REAL_COLUMN),
                VersionNeutralDrift.of(drift, diff(REAL_VIEW, REAL_COLUMN)).changes());
    }

    @Test
    void of_objectTheCloneLacks_keepsItsDefinitionDrift() {
        Change lacking = new ObjectChange.ViewAdded("public.paid_orders", false);
        assertEquals(List.of(VERSION_ONLY), VersionNeutralDrift.of(diff(VERSION_ONLY), diff(lacking)).changes());
    }

    @Test
    void of_changeThatIsNoDefinitionText_staysWhateverTheCloneSays() {
        assertEquals(List.of(REAL_COLUMN), VersionNeutralDrift.of(diff(REAL_COLUMN), diff()).changes());
    }

    private static DiffResult diff(Change... changes) {
        return new DiffResult("a", "b", List.of(changes), List.of());
    }
}
