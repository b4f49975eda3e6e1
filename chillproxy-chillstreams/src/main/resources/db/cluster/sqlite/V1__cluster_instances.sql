-- The instances running on this database (InstanceRegistry). Times are epoch milliseconds; a row not seen for a
-- minute is an instance that is gone, and it is deleted after a day.
CREATE TABLE cluster_instances (
    id            TEXT    NOT NULL PRIMARY KEY,
    version       TEXT    NOT NULL,
    started_at    BIGINT  NOT NULL,
    last_seen_at  BIGINT  NOT NULL,
    shared_limits BOOLEAN NOT NULL
);
