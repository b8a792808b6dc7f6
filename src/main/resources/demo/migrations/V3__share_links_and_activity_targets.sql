-- Links that share a document, and which document an admin action was about.
CREATE TABLE document_share_links (
    id          BIGSERIAL PRIMARY KEY,
    document_id VARCHAR(36) NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    token       TEXT        NOT NULL UNIQUE,
    expires_at  TIMESTAMPTZ
);

ALTER TABLE admin_activities ADD COLUMN target_document_id VARCHAR(36);
ALTER TABLE admin_activities ADD COLUMN details JSONB;
