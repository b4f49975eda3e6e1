-- Pools for every debrid service. A user holds at most one assignment per service (the device limit stays per user);
-- an assignment's service is its key's. A key can be scheduled to retire (retire_at) while its successor takes its
-- users over; until then a torrent a user played through a key keeps playing through it (pool_key_affinity).
ALTER TABLE torbox_pool_assignments ADD COLUMN service TEXT;
UPDATE torbox_pool_assignments a SET service = k.service FROM torbox_pool_keys k WHERE k.id = a.pool_key_id;
ALTER TABLE torbox_pool_assignments ALTER COLUMN service SET NOT NULL;
ALTER TABLE torbox_pool_assignments DROP CONSTRAINT torbox_pool_assignments_pkey;
ALTER TABLE torbox_pool_assignments ADD PRIMARY KEY (user_id, service);

ALTER TABLE torbox_pool_keys ADD COLUMN retire_at BIGINT;
CREATE INDEX torbox_pool_keys_service ON torbox_pool_keys (service);

CREATE TABLE pool_key_affinity (
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    service     TEXT NOT NULL,
    hash        TEXT NOT NULL,
    pool_key_id TEXT NOT NULL REFERENCES torbox_pool_keys (id),
    at          BIGINT NOT NULL,
    PRIMARY KEY (user_id, service, hash)
);
CREATE INDEX pool_key_affinity_key ON pool_key_affinity (pool_key_id);
