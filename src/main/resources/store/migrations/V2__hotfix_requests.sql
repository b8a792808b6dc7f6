-- Hotfix requests: a plan proposed for a target, approved by people other than its proposer, executed once.
-- The row holds the current state; hotfix_event holds every step that led to it, and is never changed.
CREATE TABLE hotfix_request (
    id                 TEXT        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]+$'),
    target             TEXT        NOT NULL,
    proposer           TEXT        NOT NULL,
    channel            TEXT        NOT NULL,
    state              TEXT        NOT NULL CHECK (state IN ('PROPOSED', 'APPROVED', 'EXECUTING', 'SUCCEEDED',
                                       'FAILED', 'REJECTED', 'CANCELLED', 'EXPIRED', 'STALE')),
    plan_json          TEXT        NOT NULL,
    plan_hash          TEXT        NOT NULL,
    base_fingerprint   TEXT        NOT NULL,
    target_fingerprint TEXT        NOT NULL,
    flyway_history     TEXT        NOT NULL,
    allow_data_loss    BOOLEAN     NOT NULL,
    blocked            BOOLEAN     NOT NULL,
    -- the quorum the request was proposed under, so that its state can be replayed from its events
    required           INTEGER     NOT NULL CHECK (required >= 1),
    created_at         TIMESTAMPTZ NOT NULL,
    expires_at         TIMESTAMPTZ NOT NULL,
    message_ts         TEXT
);
CREATE INDEX hotfix_request_open ON hotfix_request (state, expires_at);
CREATE INDEX hotfix_request_target ON hotfix_request (target, state);

CREATE TABLE hotfix_event (
    id         BIGSERIAL   PRIMARY KEY,
    request_id TEXT        NOT NULL REFERENCES hotfix_request (id),
    seq        INTEGER     NOT NULL,
    event      TEXT        NOT NULL CHECK (event IN ('proposed', 'approved', 'withdrawn', 'refused', 'rejected',
                               'cancelled', 'expired', 'stale', 'executing', 'retrying', 'succeeded', 'failed')),
    user_id    TEXT,
    at         TIMESTAMPTZ NOT NULL,
    plan_hash  TEXT,
    detail     JSONB,
    UNIQUE (request_id, seq)
);
CREATE INDEX hotfix_event_at ON hotfix_event (at);

-- Append-only in the database itself, not only by convention of the code that writes it.
CREATE FUNCTION hotfix_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'hotfix_event is append-only';
END
$$;
CREATE TRIGGER hotfix_event_append_only BEFORE UPDATE OR DELETE ON hotfix_event
    FOR EACH ROW EXECUTE FUNCTION hotfix_event_append_only();
