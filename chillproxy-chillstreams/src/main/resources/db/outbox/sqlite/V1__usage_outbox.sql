-- Usage events waiting for delivery to the pool (UsageOutbox). Times are epoch milliseconds;
-- occurred_at is the event's own ISO-8601 instant, kept as text so it round-trips exactly.
CREATE TABLE usage_outbox (
    event_id        TEXT    NOT NULL PRIMARY KEY,
    user_id         TEXT    NOT NULL,
    pool_key_id     TEXT    NOT NULL,
    action          TEXT    NOT NULL,
    hash            TEXT    NOT NULL,
    cached          INTEGER NOT NULL,
    bytes           INTEGER NOT NULL,
    occurred_at     TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL
);

CREATE INDEX usage_outbox_due ON usage_outbox (next_attempt_at, created_at);
