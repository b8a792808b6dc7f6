-- What happened to production outside the migrations: someone converted the keys to uuid by hand,
-- and admin_activities was never created there (V2 is recorded as applied all the same).
ALTER TABLE document_questions DROP CONSTRAINT document_questions_document_id_fkey;
ALTER TABLE documents DROP CONSTRAINT documents_parent_document_id_fkey;
ALTER TABLE documents
    ALTER COLUMN id TYPE uuid USING id::uuid,
    ALTER COLUMN parent_document_id TYPE uuid USING parent_document_id::uuid;
ALTER TABLE document_questions ALTER COLUMN document_id TYPE uuid USING document_id::uuid;
ALTER TABLE documents ADD CONSTRAINT documents_parent_document_id_fkey
    FOREIGN KEY (parent_document_id) REFERENCES documents (id) ON DELETE SET NULL;
ALTER TABLE document_questions ADD CONSTRAINT document_questions_document_id_fkey
    FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE;
DROP TABLE admin_activities;
