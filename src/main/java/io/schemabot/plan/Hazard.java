package io.schemabot.plan;

import io.schemabot.sql.Sql;

/** A risk of one step, with a reason short enough for a lead to judge in chat. */
public record Hazard(Kind kind, String object, String reason) {

    /** Reasons name objects, whose names may hold line breaks: kept on one line for comments and chat. */
    public Hazard {
        reason = Sql.oneLine(reason);
    }

    public enum Kind {
        /** The table is copied in full while locked. */
        TABLE_REWRITE,
        /** Readers and writers of the table wait until COMMIT. */
        ACCESS_EXCLUSIVE_LOCK,
        /** Writers of the table wait until COMMIT; readers go on (a new foreign key on both its tables). */
        WRITE_LOCK,
        /** Data is removed or values are narrowed. */
        DATA_LOSS,
        /** The step fails if existing rows violate it; a data check says whether they do. */
        FAILS_ON_DATA,
        /** An index is built inside the transaction; writes to the table wait. */
        INDEX_BUILD,
        /** PostgreSQL cannot make this change safely; the plan lists manual steps instead of SQL. */
        BLOCKING,
        /** Who may do what changes: a grant production has is revoked, or a recreated object's grants are not all carried. */
        PRIVILEGES;

        /** Plans with these hazards run only when the person executing them says so explicitly. */
        public boolean needsExplicitConsent() {
            return this == DATA_LOSS || this == BLOCKING;
        }
    }

    public String describe() {
        return kind + " " + object + ": " + reason;
    }
}
