package io.schemabot.migrate;

import io.schemabot.diff.TableChange;
import io.schemabot.diff.Change;
import io.schemabot.diff.DiffResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DriftExplainerTest {
    private static final String REFUNDS = "CREATE TABLE refunds (id bigint PRIMARY KEY,"
            + " order_id bigint REFERENCES orders (id), user_id bigint NOT NULL REFERENCES users (id))";
    private static final String FK_MESSAGE = "foreign key constraint \"refunds_user_id_fkey\" cannot be implemented";
    private static final String FK_DETAIL = "Key columns \"user_id\" and \"id\" are of incompatible types: bigint and uuid.";
    private static final Change ORDERS_ID = new TableChange.ColumnTypeChanged("public.orders", "id", "integer", "bigint");

    @Test
    void explain_foreignKeyFailure_blamesTheTableThatConstraintReferences() {
        DiffResult drift = drift(ORDERS_ID, new TableChange.ColumnTypeChanged("public.users", "id", "uuid", "bigint"));
        assertEquals(List.of("production has public.users.id as uuid while the migrations made it bigint"),
                DriftExplainer.explain("42804", FK_MESSAGE, FK_DETAIL, REFUNDS, drift));
    }

    @Test
    void explain_foreignKeyFailure_ignoresDriftOnAnotherTableTheStatementNames() {
        assertEquals(List.of(), DriftExplainer.explain("42804", FK_MESSAGE, FK_DETAIL, REFUNDS, drift(ORDERS_ID)));
    }

    @Test
    void explain_tableLevelForeignKey_findsItsOwnReferences() {
        String statement = "ALTER TABLE refunds ADD CONSTRAINT refunds_order_fkey FOREIGN KEY (order_id) REFERENCES"
                + " orders (id), ADD CONSTRAINT refunds_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)";
        DiffResult drift = drift(ORDERS_ID, new TableChange.ColumnTypeChanged("public.users", "id", "uuid", "bigint"));
        assertEquals(List.of("production has public.users.id as uuid while the migrations made it bigint"),
                DriftExplainer.explain("42804", FK_MESSAGE, FK_DETAIL, statement, drift));
    }

    @Test
    void explain_otherFailure_tiesOnlyDriftOnTablesTheStatementNamesAsWholeNames() {
        DiffResult drift = drift(new TableChange.ColumnAdded("public.refund", "note", "text"),
                new TableChange.ColumnAdded("public.refunds", "note", "text"));
        assertEquals(List.of("drift on public.refunds.note: " + drift.changes().get(1).describe()),
                DriftExplainer.explain("23505", "could not create unique index \"refunds_email_key\"", null,
                        "ALTER TABLE refunds ADD CONSTRAINT refunds_email_key UNIQUE (email)", drift));
    }

    private static DiffResult drift(Change... changes) {
        return new DiffResult("a", "b", List.of(changes), List.of());
    }
}
