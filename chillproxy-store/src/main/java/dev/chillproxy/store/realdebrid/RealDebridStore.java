package dev.chillproxy.store.realdebrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.core.torrent.InfoHash;
import dev.chillproxy.store.AddedMagnet;
import dev.chillproxy.store.CacheCheck;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.MagnetPage;
import dev.chillproxy.store.MagnetStatus;
import dev.chillproxy.store.Store;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.StoreMagnet;
import dev.chillproxy.store.StoreUser;
import dev.chillproxy.store.Subscription;
import dev.chillproxy.store.http.Reply;
import dev.chillproxy.store.http.UpstreamHttp;
import dev.chillproxy.store.internal.HashList;
import dev.chillproxy.store.internal.JsonFields;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Real-Debrid ({@code /rest/1.0}): no envelope, errors as {@code {error, error_code}} with real HTTP statuses.
 *
 * <p>RD does not deduplicate, so {@link #addMagnet} first looks for the hash among the account's newest torrents
 * and reuses it; only a torrent not there is added. No call ever waits: a torrent's files are selected (the video
 * files, so each gets its own link) by whichever {@link #magnet} poll first sees it in {@code waiting_files_selection},
 * however long the metadata took, and the poller's own deadline bounds the wait. The link handle is the file's
 * {@code links[i]}. RD has had no cache API since 2024-11, so {@link #checkCached} is {@link CacheCheck.Unsupported}.
 *
 * <p>Thread-safe.
 */
public final class RealDebridStore implements Store {

    static final int PAGE_SIZE = 100;
    /** How many of the account's newest torrents one add looks through for the hash (RD allows up to 5000). */
    static final int LOOKUP_LIMIT = 500;

    private final UpstreamHttp http;
    private final HttpUrl base;
    private final InstantSource clock;

    public RealDebridStore(UpstreamHttp http, String baseUrl) {
        this(http, baseUrl, Clock.systemUTC());
    }

    public RealDebridStore(UpstreamHttp http, String baseUrl, InstantSource clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.base = HttpUrl.get(baseUrl);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public StoreName name() {
        return StoreName.REALDEBRID;
    }

    /** Premium is {@code type == "premium"} with an expiration still ahead; {@code premium} seconds alone are not. */
    @Override
    public StoreUser user(ApiKey key) {
        JsonNode user = call(request("user", key).get(), key);
        Instant expiration = JsonFields.instant(user, "expiration");
        boolean paidType = "premium".equals(JsonFields.text(user, "type").toLowerCase(Locale.ROOT));
        boolean ahead = expiration != null ? expiration.isAfter(clock.instant())
                : JsonFields.number(user, "premium", 0) > 0;
        return new StoreUser(JsonFields.text(user, "id"), JsonFields.text(user, "email"),
                paidType && ahead ? Subscription.PREMIUM : Subscription.EXPIRED, expiration);
    }

    @Override
    public CacheCheck checkCached(ApiKey key, List<String> hashes, String clientIp) {
        return new CacheCheck.Unsupported(name(), "Real-Debrid disabled instantAvailability (error 37) in 2024-11");
    }

    /**
     * The torrent already in the account when there is one (not failed), else a new one. Answers at once: a new
     * torrent is {@link MagnetStatus#QUEUED} until a {@link #magnet} poll has selected its files.
     */
    @Override
    public AddedMagnet addMagnet(ApiKey key, String magnetOrHash, String clientIp) {
        String hash = HashList.require(name(), magnetOrHash);
        for (JsonNode torrent : torrents(key, 1, LOOKUP_LIMIT).items()) {
            MagnetStatus status = RealDebridTorrents.status(torrent);
            if (hash.equals(RealDebridTorrents.hash(torrent)) && !status.isTerminalFailure()) {
                return new AddedMagnet(JsonFields.text(torrent, "id"), hash, status, false);
            }
        }
        String magnet = magnetOrHash.trim().regionMatches(true, 0, "magnet:", 0, 7)
                ? magnetOrHash.trim() : new InfoHash(hash).toMagnet();
        FormBody.Builder form = new FormBody.Builder().add("magnet", magnet);
        if (clientIp != null && !clientIp.isBlank()) {
            form.add("ip", clientIp.trim());
        }
        String id = JsonFields.text(call(request("torrents/addMagnet", key).post(form.build()), key), "id");
        if (id.isEmpty()) {
            throw http.failure(ErrorCode.INTERNAL_SERVER_ERROR, null, null, "addMagnet returned no id", key);
        }
        return new AddedMagnet(id, hash, MagnetStatus.QUEUED, false);
    }

    /**
     * The torrent's status and files. The first poll that finds it waiting for a file selection selects the video
     * files and reads it again, so a cached torrent is ready on that same poll.
     */
    @Override
    public StoreMagnet magnet(ApiKey key, String id) {
        JsonNode info = info(key, id);
        if (RealDebridTorrents.WAITING_SELECTION.equals(RealDebridTorrents.state(info))) {
            // 204 selected, 202 "action already done" (a concurrent poll was first): both fine
            FormBody files = new FormBody.Builder().add("files", RealDebridTorrents.videoSelection(info)).build();
            call(request("torrents/selectFiles/" + pathId(id), key).post(files), key);
            info = info(key, id);
        }
        return RealDebridTorrents.toMagnet(info);
    }

    @Override
    public MagnetPage listMagnets(ApiKey key, int page) {
        if (page < 0) {
            throw new StoreException(name(), ErrorCode.BAD_REQUEST, 0, "page: negative");
        }
        Torrents torrents = torrents(key, page + 1, PAGE_SIZE);
        List<StoreMagnet> items = new ArrayList<>();
        for (JsonNode torrent : torrents.items()) {
            items.add(RealDebridTorrents.toMagnet(torrent));
        }
        return new MagnetPage(items, page, (long) (page + 1) * PAGE_SIZE < torrents.total());
    }

    @Override
    public void removeMagnet(ApiKey key, String id) {
        call(request("torrents/delete/" + pathId(id), key).delete(), key);
    }

    @Override
    public String generateLink(ApiKey key, String linkHandle, String clientIp) {
        if (linkHandle == null || linkHandle.isBlank()) {
            throw new StoreException(name(), ErrorCode.BAD_REQUEST, 0, "link: empty");
        }
        FormBody.Builder form = new FormBody.Builder().add("link", linkHandle);
        if (clientIp != null && !clientIp.isBlank()) {
            form.add("ip", clientIp.trim());
        }
        String download = JsonFields.text(call(request("unrestrict/link", key).post(form.build()), key), "download");
        if (!download.toLowerCase(Locale.ROOT).startsWith("http")) {
            throw http.failure(ErrorCode.INTERNAL_SERVER_ERROR, null, null, "unrestrict returned no download", key);
        }
        return download;
    }

    /** One page (1-based) of {@code /torrents}, newest first, and the account's total from {@code X-Total-Count}. */
    private record Torrents(JsonNode items, long total) {
    }

    private Torrents torrents(ApiKey key, int page, int limit) {
        HttpUrl url = base.newBuilder().addPathSegment("torrents").addQueryParameter("page", Integer.toString(page))
                .addQueryParameter("limit", Integer.toString(limit)).build();
        Reply reply = http.execute(authorized(url, key).get().build(), key);
        JsonNode list = reply.status() == 204 ? MissingNode.getInstance() : body(reply, key);
        return new Torrents(list, parseTotal(reply.totalCount(), list.size()));
    }

    private JsonNode info(ApiKey key, String id) {
        return call(request("torrents/info/" + pathId(id), key).get(), key);
    }

    private JsonNode call(Request.Builder request, ApiKey key) {
        return body(http.execute(request.build(), key), key);
    }

    private JsonNode body(Reply reply, ApiKey key) {
        JsonNode root = http.parse(reply);
        if (reply.isSuccessful()) {
            return root == null ? MissingNode.getInstance() : root;
        }
        if (root == null || !root.has("error")) {
            throw http.failureForStatus(reply, key);
        }
        long code = JsonFields.number(root, "error_code", Long.MIN_VALUE);
        throw http.failure(RealDebridErrors.map(code, reply.status()), reply,
                code == Long.MIN_VALUE ? JsonFields.text(root, "error") : code + " " + JsonFields.text(root, "error"),
                JsonFields.text(root, "error"), key);
    }

    private Request.Builder request(String path, ApiKey key) {
        return authorized(base.newBuilder().addPathSegments(path).build(), key);
    }

    private static Request.Builder authorized(HttpUrl url, ApiKey key) {
        return new Request.Builder().url(url).header("Authorization", "Bearer " + key.reveal());
    }

    private String pathId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9]+")) {
            throw new StoreException(name(), ErrorCode.BAD_REQUEST, 0, "id: not a Real-Debrid torrent id");
        }
        return id;
    }

    private static long parseTotal(String header, int fallback) {
        try {
            return header == null ? fallback : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
