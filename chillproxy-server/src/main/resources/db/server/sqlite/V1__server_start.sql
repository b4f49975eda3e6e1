-- One row per server start: lets operators see restarts and versions in the shared database.
CREATE TABLE server_start (
    id         INTEGER PRIMARY KEY,
    version    VARCHAR(64)  NOT NULL,
    started_at VARCHAR(40)  NOT NULL
);
