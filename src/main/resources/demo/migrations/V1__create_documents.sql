-- Documents and the questions asked about them. Ids are UUIDs stored as text.
CREATE TABLE documents (
    id                 VARCHAR(36) PRIMARY KEY,
    title              TEXT        NOT NULL,
    parent_document_id VARCHAR(36) REFERENCES documents (id) ON DELETE SET NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE document_questions (
    id          BIGSERIAL PRIMARY KEY,
    document_id VARCHAR(36) NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    question    TEXT        NOT NULL
);
