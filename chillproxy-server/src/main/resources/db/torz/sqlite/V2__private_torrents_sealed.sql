-- Until now any user's own indexer could write this shared index, and .torrent links (which carry indexer api
-- keys) were kept in clear. From here on only the operator's indexers write it and a private torrent's link is
-- sealed with POOL_ENCRYPTION_KEY by the application. What is already here cannot be told apart, so: every link
-- in clear goes, and so do private torrents (they may be a user's own tracker's), with their files and ids.
UPDATE torz_torrents SET torrent_url = '';
DELETE FROM torz_files WHERE hash IN (SELECT hash FROM torz_torrents WHERE is_private);
DELETE FROM torz_torrent_ids WHERE hash IN (SELECT hash FROM torz_torrents WHERE is_private);
DELETE FROM torz_torrents WHERE is_private;
