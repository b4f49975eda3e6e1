package dev.chillproxy.server.torz.index;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.core.torrent.TorrentFile;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The local torrent index (tables {@code torz_*}): torrents learned from the operator's indexers, their files, and
 * which file played for which Stremio id. Shared by every user, so only trusted sources write it (never a user's own
 * indexer). A private torrent's {@code .torrent} link is kept sealed ({@link TorrentUrlSealer}); public torrents' links
 * are not kept (playback adds those by hash). Thread-safe; every method is one short transaction.
 */
public final class TorrentIndex {

    private static final String UPSERT_TORRENT =
            "INSERT INTO torz_torrents (hash, name, size, seeders, indexer, is_private, torrent_url, updated_at)"
            + " VALUES (:hash, :name, :size, :seeders, :indexer, :private, :url, :now)"
            + " ON CONFLICT (hash) DO UPDATE SET name = excluded.name, size = excluded.size,"
            + " seeders = excluded.seeders, indexer = excluded.indexer, is_private = excluded.is_private,"
            + " torrent_url = excluded.torrent_url, updated_at = excluded.updated_at";
    private static final String UPSERT_FILE = "INSERT INTO torz_files (hash, idx, path, size) VALUES (:hash, :idx, :path, :size)"
            + " ON CONFLICT (hash, path) DO UPDATE SET idx = excluded.idx, size = excluded.size";

    private final Database database;
    private final Clock clock;
    private final TorrentUrlSealer sealer;

    public TorrentIndex(Database database, Clock clock, TorrentUrlSealer sealer) {
        this.database = database;
        this.clock = clock;
        this.sealer = sealer;
    }

    /** Torrents known for a base id ({@code tt123}), with their files and the file tagged for {@code fullId}. */
    public List<IndexedTorrent> find(String baseId, String fullId) {
        return database.jdbi().withHandle(handle -> {
            Map<String, IndexedTorrent> torrents = new LinkedHashMap<>();
            handle.createQuery("SELECT t.hash, t.name, t.size, t.seeders, t.indexer, t.is_private, t.torrent_url"
                            + " FROM torz_torrents t JOIN torz_torrent_ids i ON i.hash = t.hash"
                            + " WHERE i.stremio_id = :id ORDER BY i.seen_at DESC LIMIT 500")
                    .bind("id", baseId)
                    .map((rs, ctx) -> new IndexedTorrent(rs.getString("hash"), rs.getString("name"), rs.getLong("size"),
                            rs.getInt("seeders"), rs.getString("indexer"), rs.getBoolean("is_private"),
                            sealer.open(rs.getString("torrent_url"), rs.getString("hash")).orElse(""), List.of(), null))
                    .forEach(torrent -> torrents.put(torrent.hash(), torrent));
            if (torrents.isEmpty()) {
                return List.of();
            }
            Map<String, List<TorrentFile>> files = new LinkedHashMap<>();
            handle.createQuery("SELECT hash, idx, path, size FROM torz_files WHERE hash IN (<hashes>) ORDER BY hash, idx")
                    .bindList("hashes", new ArrayList<>(torrents.keySet()))
                    .map((rs, ctx) -> Map.entry(rs.getString("hash"),
                            new TorrentFile(rs.getInt("idx"), rs.getString("path"), rs.getLong("size"))))
                    .forEach(row -> files.computeIfAbsent(row.getKey(), key -> new ArrayList<>()).add(row.getValue()));
            Map<String, String> tags = new LinkedHashMap<>();
            handle.createQuery("SELECT hash, path FROM torz_stream_tags WHERE stremio_id = :id AND hash IN (<hashes>)")
                    .bind("id", fullId)
                    .bindList("hashes", new ArrayList<>(torrents.keySet()))
                    .map((rs, ctx) -> Map.entry(rs.getString("hash"), rs.getString("path")))
                    .forEach(row -> tags.put(row.getKey(), row.getValue()));
            return torrents.values().stream()
                    .map(t -> t.withFiles(files.getOrDefault(t.hash(), List.of()), tags.get(t.hash())))
                    .toList();
        });
    }

    /** The sealed {@code .torrent} link of a private torrent the operator's indexers found. */
    public Optional<String> privateTorrentUrl(String hash) {
        return database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT torrent_url FROM torz_torrents WHERE hash = :hash AND is_private")
                .bind("hash", hash).mapTo(String.class).findOne())
                .flatMap(stored -> sealer.open(stored, hash));
    }

    /**
     * Remembers torrents a trusted source found for a base id; newer facts (name, seeders) replace older ones. One
     * batch per table (three round trips for a whole feed, rows in the feed's order, so a torrent listed twice keeps
     * its last facts): a statement per row made a cold list's feed some 60 round trips and most of its CPU.
     */
    public void remember(String baseId, List<IndexedTorrent> found) {
        if (found.isEmpty()) {
            return;
        }
        long now = clock.millis();
        database.jdbi().useTransaction(handle -> {
            PreparedBatch torrents = handle.prepareBatch(UPSERT_TORRENT);
            PreparedBatch ids = handle.prepareBatch("INSERT INTO torz_torrent_ids (stremio_id, hash, seen_at)"
                    + " VALUES (:id, :hash, :now)"
                    + " ON CONFLICT (stremio_id, hash) DO UPDATE SET seen_at = excluded.seen_at");
            PreparedBatch files = handle.prepareBatch(UPSERT_FILE);
            for (IndexedTorrent torrent : found) {
                bindTorrent(torrents, torrent, now).add();
                ids.bind("id", baseId).bind("hash", torrent.hash()).bind("now", now).add();
                for (TorrentFile file : torrent.files()) {
                    bindFile(files, torrent.hash(), file).add();
                }
            }
            torrents.execute();
            ids.execute();
            if (files.size() > 0) {
                files.execute();
            }
        });
    }

    public Optional<String> taggedPath(String hash, String fullId) {
        return database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT path FROM torz_stream_tags WHERE hash = :hash AND stremio_id = :id")
                .bind("hash", hash).bind("id", fullId).mapTo(String.class).findOne());
    }

    /** Records that {@code file} played for {@code fullId}, so the next request lists that exact file. */
    public void tag(String hash, String fullId, TorrentFile file) {
        long now = clock.millis();
        database.jdbi().useTransaction(handle -> {
            handle.createUpdate("INSERT INTO torz_stream_tags (hash, stremio_id, path, tagged_at) VALUES (:hash, :id, :path, :now)"
                            + " ON CONFLICT (hash, stremio_id) DO UPDATE SET path = excluded.path, tagged_at = excluded.tagged_at")
                    .bind("hash", hash).bind("id", fullId).bind("path", file.path()).bind("now", now).execute();
            boolean known = handle.createQuery("SELECT count(*) FROM torz_torrents WHERE hash = :hash")
                    .bind("hash", hash).mapTo(Integer.class).one() > 0;
            if (known) {
                upsertFile(handle, hash, file);
            }
        });
    }

    private <S extends SqlStatement<S>> S bindTorrent(S statement, IndexedTorrent torrent, long now) {
        return statement.bind("hash", torrent.hash()).bind("name", torrent.name()).bind("size", torrent.size())
                .bind("seeders", torrent.seeders()).bind("indexer", torrent.indexer())
                .bind("private", torrent.isPrivate())
                .bind("url", torrent.isPrivate() ? sealer.seal(torrent.torrentUrl(), torrent.hash()) : "").bind("now", now);
    }

    private static void upsertFile(Handle handle, String hash, TorrentFile file) {
        bindFile(handle.createUpdate(UPSERT_FILE), hash, file).execute();
    }

    private static <S extends SqlStatement<S>> S bindFile(S statement, String hash, TorrentFile file) {
        return statement.bind("hash", hash).bind("idx", file.index()).bind("path", file.path()).bind("size", file.size());
    }
}
