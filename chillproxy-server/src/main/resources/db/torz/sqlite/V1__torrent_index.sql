-- Local torrent index: torrents learned from indexer results and playbacks, so repeat requests need no
-- indexer. Times are epoch milliseconds on both engines.
CREATE TABLE torz_torrents (
    hash        TEXT PRIMARY KEY,
    name        TEXT    NOT NULL,
    size        BIGINT  NOT NULL DEFAULT 0,
    seeders     INTEGER NOT NULL DEFAULT -1,
    indexer     TEXT    NOT NULL DEFAULT '',
    is_private  BOOLEAN NOT NULL DEFAULT FALSE,
    torrent_url TEXT    NOT NULL DEFAULT '',
    updated_at  BIGINT  NOT NULL
);

-- Which Stremio base id (tt123, kitsu:1) a torrent answered.
CREATE TABLE torz_torrent_ids (
    stremio_id TEXT   NOT NULL,
    hash       TEXT   NOT NULL REFERENCES torz_torrents (hash) ON DELETE CASCADE,
    seen_at    BIGINT NOT NULL,
    PRIMARY KEY (stremio_id, hash)
);

CREATE TABLE torz_files (
    hash TEXT    NOT NULL REFERENCES torz_torrents (hash) ON DELETE CASCADE,
    idx  INTEGER NOT NULL,
    path TEXT    NOT NULL,
    size BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (hash, path)
);

-- Which file played for which full Stremio id (tt123:1:2): the crowdsourcing step of playback.
CREATE TABLE torz_stream_tags (
    hash       TEXT   NOT NULL,
    stremio_id TEXT   NOT NULL,
    path       TEXT   NOT NULL,
    tagged_at  BIGINT NOT NULL,
    PRIMARY KEY (hash, stremio_id)
);

-- Cache status per store and hash, shared by every key (cached goes stale after 24 h, uncached after 8 h).
CREATE TABLE torz_magnet_cache (
    store      TEXT    NOT NULL,
    hash       TEXT    NOT NULL,
    cached     BOOLEAN NOT NULL,
    checked_at BIGINT  NOT NULL,
    PRIMARY KEY (store, hash)
);
