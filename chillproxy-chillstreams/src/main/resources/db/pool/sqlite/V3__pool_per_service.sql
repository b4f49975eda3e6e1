-- Pools for every debrid service. A user holds at most one assignment per service (the device limit stays per user);
-- an assignment's service is its key's. A key can be scheduled to retire (retire_at) while its successor takes its
-- users over; until then a torrent a user played through a key keeps playing through it (pool_key_affinity).
CREATE TABLE torbox_pool_assignments_v3 (
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    service     TEXT NOT NULL,
    pool_key_id TEXT NOT NULL REFERENCES torbox_pool_keys (id),
    assigned_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, service)
);
INSERT INTO torbox_pool_assignments_v3 (user_id, service, pool_key_id, assigned_at)
    SELECT a.user_id, k.service, a.pool_key_id, a.assigned_at
    FROM torbox_pool_assignments a JOIN torbox_pool_keys k ON k.id = a.pool_key_id;
DROP TABLE torbox_pool_assignments;
ALTER TABLE torbox_pool_assignments_v3 RENAME TO torbox_pool_assignments;
CREATE INDEX torbox_pool_assignments_key ON torbox_pool_assignments (pool_key_id);

ALTER TABLE torbox_pool_keys ADD COLUMN retire_at INTEGER;
CREATE INDEX torbox_pool_keys_service ON torbox_pool_keys (service);

CREATE TABLE pool_key_affinity (
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    service     TEXT NOT NULL,
    hash        TEXT NOT NULL,
    pool_key_id TEXT NOT NULL REFERENCES torbox_pool_keys (id),
    at          INTEGER NOT NULL,
    PRIMARY KEY (user_id, service, hash)
);
CREATE INDEX pool_key_affinity_key ON pool_key_affinity (pool_key_id);
