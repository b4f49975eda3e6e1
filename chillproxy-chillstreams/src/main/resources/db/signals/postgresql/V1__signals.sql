-- Abuse signals and per-key playbacks (README "Abuse signals"). Times are epoch milliseconds (UTC) on both engines.
-- No raw IP is stored: a device is the pool's device id (a hash), a network a keyed fingerprint of its /24 or /64.

-- Who was seen where: one row per (user, device) and (user, network), refreshed at most every few minutes.
CREATE TABLE abuse_sightings (
    user_id    TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('device', 'network')),
    value      TEXT NOT NULL,
    first_seen BIGINT NOT NULL,
    last_seen  BIGINT NOT NULL,
    PRIMARY KEY (user_id, kind, value)
);
CREATE INDEX abuse_sightings_kind_last_seen ON abuse_sightings (kind, last_seen);

-- The latest playback of each device on each pool key: a device plays one stream at a time.
CREATE TABLE key_playbacks (
    pool_key_id TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    started_at  BIGINT NOT NULL,
    last_at     BIGINT NOT NULL,
    PRIMARY KEY (pool_key_id, user_id, device_id)
);
CREATE INDEX key_playbacks_last_at ON key_playbacks (last_at);

-- The last time each signal was raised for a user, with its evidence (JSON); raised again only after a window.
CREATE TABLE abuse_signals (
    user_id       TEXT NOT NULL,
    kind          TEXT NOT NULL,
    raised_at     BIGINT NOT NULL,
    observed      BIGINT NOT NULL,
    threshold     BIGINT NOT NULL,
    evidence      TEXT NOT NULL,
    auto_disabled INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, kind)
);
CREATE INDEX abuse_signals_raised_at ON abuse_signals (raised_at);
