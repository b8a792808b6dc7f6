-- Health alerts: one row per message posted in a channel, which may list several checks that went down together.
-- Its ts is where recoveries and reminders are threaded and what chat.update edits, on any replica, after a restart.
CREATE TABLE health_alert (
    id               BIGSERIAL   PRIMARY KEY,
    channel          TEXT        NOT NULL,
    text             TEXT        NOT NULL,
    opened_at        TIMESTAMPTZ NOT NULL,
    message_ts       TEXT,
    last_reminder_at TIMESTAMPTZ,
    resolved_at      TIMESTAMPTZ
);
-- alerts the leader must still deliver or close: few, whatever the history's length
CREATE INDEX health_alert_open ON health_alert (id) WHERE resolved_at IS NULL;

-- Each check's state as the leader last judged it: UP or DOWN since when, the run of equal results that may
-- change it (failures or successes in a row, since streak_since), its last result, and its open alert.
CREATE TABLE health_check (
    name            TEXT        PRIMARY KEY,
    state           TEXT        NOT NULL CHECK (state IN ('UP', 'DOWN')),
    since           TIMESTAMPTZ NOT NULL,
    failures        INTEGER     NOT NULL CHECK (failures >= 0),
    successes       INTEGER     NOT NULL CHECK (successes >= 0),
    streak_since    TIMESTAMPTZ NOT NULL,
    last_healthy    BOOLEAN,
    last_summary    TEXT,
    last_evidence   TEXT,
    last_next_step  TEXT,
    last_latency_ms BIGINT,
    last_at         TIMESTAMPTZ,
    alert_id        BIGINT      REFERENCES health_alert (id)
);

-- What is said in an alert's thread or as its edit (recoveries, reminders, "Resolved"), written in the round's
-- transaction and marked sent once Slack took it: a leader that dies, or a Slack outage longer than the sender's
-- patience, leaves it here for the next round or the next leader to say, never lost and never said twice.
CREATE TABLE health_message (
    id         BIGSERIAL   PRIMARY KEY,
    alert_id   BIGINT      REFERENCES health_alert (id),
    channel    TEXT        NOT NULL,
    kind       TEXT        NOT NULL CHECK (kind IN ('reply', 'update')),
    text       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    sent_at    TIMESTAMPTZ
);
CREATE INDEX health_message_unsent ON health_message (id) WHERE sent_at IS NULL;

-- When each migrations check first saw each version pending: a file carries no date, so a migration's age is
-- counted from then, the same on every replica and across restarts (a new leader must not call it fresh again).
CREATE TABLE health_pending (
    check_name TEXT        NOT NULL,
    version    TEXT        NOT NULL,
    first_seen TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (check_name, version)
);
