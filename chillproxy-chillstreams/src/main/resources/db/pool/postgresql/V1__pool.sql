-- Embedded pool (DESIGN §5). Times are epoch milliseconds (UTC) on both engines so queries stay identical.
-- Raw IPs are never stored: device ids are hashes computed by the caller.
CREATE TABLE users (
    id         TEXT PRIMARY KEY,
    email      TEXT UNIQUE,
    status     TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at BIGINT NOT NULL
);

CREATE TABLE torbox_pool_keys (
    id              TEXT PRIMARY KEY,
    key_ciphertext  TEXT NOT NULL,
    key_nonce       TEXT NOT NULL,
    key_cipher_id   TEXT NOT NULL,
    fingerprint     TEXT NOT NULL UNIQUE,
    masked_key      TEXT NOT NULL,
    label           TEXT NOT NULL DEFAULT '',
    service         TEXT NOT NULL DEFAULT 'torbox',
    max_users       INTEGER NOT NULL CHECK (max_users > 0),
    health          TEXT NOT NULL DEFAULT 'healthy' CHECK (health IN ('healthy', 'degraded', 'failing', 'disabled')),
    cooldown_until  BIGINT,
    retired_at      BIGINT,
    created_at      BIGINT NOT NULL,
    last_checked_at BIGINT
);

CREATE TABLE torbox_pool_assignments (
    user_id     TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    pool_key_id TEXT NOT NULL REFERENCES torbox_pool_keys (id),
    assigned_at BIGINT NOT NULL
);
CREATE INDEX torbox_pool_assignments_key ON torbox_pool_assignments (pool_key_id);

CREATE TABLE torbox_pool_devices (
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_id     TEXT NOT NULL,
    first_seen    BIGINT NOT NULL,
    last_seen     BIGINT NOT NULL,
    request_count BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (user_id, device_id)
);

CREATE TABLE torbox_pool_usage_logs (
    id          BIGSERIAL PRIMARY KEY,
    event_id    TEXT NOT NULL UNIQUE,
    user_id     TEXT NOT NULL,
    pool_key_id TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    hash        TEXT NOT NULL DEFAULT '',
    cached      INTEGER NOT NULL DEFAULT 0,
    bytes       BIGINT NOT NULL DEFAULT 0,
    at          BIGINT NOT NULL
);
CREATE INDEX torbox_pool_usage_logs_user_at ON torbox_pool_usage_logs (user_id, at);
CREATE INDEX torbox_pool_usage_logs_key_at ON torbox_pool_usage_logs (pool_key_id, at);
CREATE INDEX torbox_pool_usage_logs_at ON torbox_pool_usage_logs (at);

CREATE TABLE torbox_pool_key_health_log (
    id          BIGSERIAL PRIMARY KEY,
    pool_key_id TEXT NOT NULL REFERENCES torbox_pool_keys (id),
    at          BIGINT NOT NULL,
    health      TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX torbox_pool_key_health_log_key_at ON torbox_pool_key_health_log (pool_key_id, at);
