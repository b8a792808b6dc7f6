-- Every command schemabot received, who sent it, from where, and how it ended.
CREATE TABLE audit_log (
    id         BIGSERIAL PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    user_id    TEXT        NOT NULL,
    channel_id TEXT,
    command    TEXT        NOT NULL,
    target     TEXT,
    outcome    TEXT        NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
