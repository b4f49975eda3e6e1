-- What a playback came to (outcome: served, torrent-added, failed) and why a request was denied (reason: a refusal
-- name such as device-limit). Rows from before this migration keep '' (an old stream-served row was served).
ALTER TABLE torbox_pool_usage_logs ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE torbox_pool_usage_logs ADD COLUMN reason TEXT NOT NULL DEFAULT '';
