package dev.chillproxy.store.torbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.AddedMagnet;
import dev.chillproxy.store.CacheCheck;
import dev.chillproxy.store.CachedMagnet;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.MagnetPage;
import dev.chillproxy.store.MagnetStatus;
import dev.chillproxy.store.Store;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.StoreFile;
import dev.chillproxy.store.StoreMagnet;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.store.StoreUser;
import dev.chillproxy.store.Subscription;
import dev.chillproxy.store.http.Reply;
import dev.chillproxy.store.http.UpstreamHttp;
import dev.chillproxy.store.internal.HashList;
import dev.chillproxy.core.torrent.InfoHash;
import dev.chillproxy.store.internal.JsonFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * TorBox ({@code /v1/api}). Bearer auth everywhere except {@code requestdl}, which takes the key as the
 * {@code token} query parameter. Link handles are {@code "<torrentId>:<fileId>"}.
 *
 * <p>Thread-safe: holds no per-user state.
 */
public final class TorBoxStore implements Store {

    /** Hashes per checkcached POST; the true upper bound is unconfirmed, 500 is StremThru's own cap. */
    static final int CHECK_BATCH = 500;
    static final int PAGE_SIZE = 100;
    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType BITTORRENT = MediaType.get("application/x-bittorrent");

    private final UpstreamHttp http;
    private final HttpUrl api;
    private final TorBoxEnvelope envelope;

    public TorBoxStore(UpstreamHttp http, String baseUrl) {
        this.http = http;
        this.api = HttpUrl.get(baseUrl).newBuilder().addPathSegments("v1/api").build();
        this.envelope = new TorBoxEnvelope(http);
    }

    @Override
    public StoreName name() {
        return StoreName.TORBOX;
    }

    @Override
    public StoreUser user(ApiKey key) {
        JsonNode data = call(get(url("user/me").addQueryParameter("settings", "false"), key), key);
        Instant until = JsonFields.instant(data, "premium_expires_at");
        boolean premium = JsonFields.number(data, "plan", 0) != 0 && (until == null || until.isAfter(Instant.now()));
        return new StoreUser(JsonFields.text(data, "id"), JsonFields.text(data, "email"),
                premium ? Subscription.PREMIUM : Subscription.EXPIRED, until);
    }

    @Override
    public CacheCheck checkCached(ApiKey key, List<String> hashes, String clientIp) {
        List<String> wanted = HashList.normalise(name(), hashes);
        Map<String, CachedMagnet> cached = new LinkedHashMap<>();
        for (List<String> chunk : HashList.chunks(wanted, CHECK_BATCH)) {
            ObjectNode body = http.json().createObjectNode();
            body.putArray("hashes").addAll(chunk.stream().map(h -> body.textNode(h)).toList());
            Request request = authorized(url("torrents/checkcached").addQueryParameter("format", "list")
                    .addQueryParameter("list_files", "true"), key)
                    .post(RequestBody.create(body.toString(), JSON)).build();
            JsonNode data = call(request, key);
            // null, {} and [] all mean "none cached"; the object form maps hash -> item
            Iterable<JsonNode> items = data.isObject() ? data::elements : data;
            for (JsonNode item : items) {
                InfoHash.tryParse(JsonFields.text(item, "hash")).map(InfoHash::hex)
                        .ifPresent(hash -> cached.put(hash, cachedItem(hash, item)));
            }
        }
        return new CacheCheck.Checked(cached);
    }

    private static CachedMagnet cachedItem(String hash, JsonNode item) {
        List<StoreFile> files = new ArrayList<>();
        for (JsonNode file : item.path("files")) {
            files.add(StoreFile.of(-1, JsonFields.text(file, "name"), JsonFields.number(file, "size", -1), null));
        }
        return new CachedMagnet(hash, JsonFields.text(item, "name"), JsonFields.number(item, "size", -1), files);
    }

    @Override
    public AddedMagnet addMagnet(ApiKey key, String magnetOrHash, String clientIp) {
        String hash = HashList.require(name(), magnetOrHash);
        String magnet = magnetOrHash.trim().regionMatches(true, 0, "magnet:", 0, 7)
                ? magnetOrHash.trim() : new InfoHash(hash).toMagnet();
        // allow_zip=false keeps one link per file; seed is left to the user's own setting
        Request request = authorized(url("torrents/createtorrent"), key)
                .post(new FormBody.Builder().add("magnet", magnet).add("allow_zip", "false").build()).build();
        return added(call(request, key), hash, key);
    }

    /** Uploads the file as multipart {@code file}; same answer and options as a magnet add. */
    @Override
    public AddedMagnet addTorrent(ApiKey key, byte[] torrentFile, String fileName, String clientIp) {
        if (torrentFile == null || torrentFile.length == 0) {
            throw new StoreException(name(), ErrorCode.BAD_REQUEST, 0, "torrent: empty file");
        }
        String name = fileName == null || fileName.isBlank() ? "upload.torrent" : fileName.trim();
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("file", name, RequestBody.create(torrentFile, BITTORRENT))
                .addFormDataPart("allow_zip", "false")
                .build();
        return added(call(authorized(url("torrents/createtorrent"), key).post(body).build(), key), "", key);
    }

    private AddedMagnet added(JsonNode data, String expectedHash, ApiKey key) {
        String returnedHash = InfoHash.tryParse(JsonFields.text(data, "hash")).map(InfoHash::hex).orElse(expectedHash);
        if (data.hasNonNull("torrent_id")) {
            return new AddedMagnet(JsonFields.text(data, "torrent_id"), returnedHash, MagnetStatus.QUEUED, false);
        }
        if (data.hasNonNull("queued_id")) {
            return new AddedMagnet(JsonFields.text(data, "queued_id"), returnedHash, MagnetStatus.QUEUED, true);
        }
        throw http.failure(ErrorCode.INTERNAL_SERVER_ERROR, null, null, "createtorrent returned no id", key);
    }

    @Override
    public StoreMagnet magnet(ApiKey key, String id) {
        long torrentId = numericId(id, "id");
        JsonNode data = call(get(url("torrents/mylist").addQueryParameter("bypass_cache", "true")
                .addQueryParameter("id", Long.toString(torrentId)), key), key);
        // documented as an object, observed as an array: take the element with our id
        JsonNode torrent = data;
        if (data.isArray()) {
            torrent = null;
            for (JsonNode element : data) {
                if (JsonFields.number(element, "id", 0) == torrentId || data.size() == 1) {
                    torrent = element;
                    break;
                }
            }
        }
        if (torrent == null || !torrent.isObject() || JsonFields.number(torrent, "id", 0) == 0) {
            throw new StoreException(name(), ErrorCode.NOT_FOUND, 200, "torrent " + torrentId + " not found");
        }
        return TorBoxTorrents.toMagnet(torrent);
    }

    @Override
    public MagnetPage listMagnets(ApiKey key, int page) {
        if (page < 0) {
            throw new StoreException(name(), ErrorCode.BAD_REQUEST, 0, "page: negative");
        }
        Request request = get(url("torrents/mylist").addQueryParameter("bypass_cache", "true")
                .addQueryParameter("offset", Integer.toString(page * PAGE_SIZE))
                .addQueryParameter("limit", Integer.toString(PAGE_SIZE)), key);
        Reply reply = http.execute(request, key);
        if (reply.status() == 404) {
            return new MagnetPage(List.of(), page, false);
        }
        JsonNode data = envelope.data(reply, key);
        List<StoreMagnet> items = new ArrayList<>();
        for (JsonNode torrent : data.isObject() ? List.of(data) : data) {
            items.add(TorBoxTorrents.toMagnet(torrent));
        }
        // TorBox returns one item more than the limit: it only tells us another page exists
        boolean more = items.size() > PAGE_SIZE;
        return new MagnetPage(more ? items.subList(0, PAGE_SIZE) : items, page, more);
    }

    @Override
    public void removeMagnet(ApiKey key, String id) {
        ObjectNode body = http.json().createObjectNode()
                .put("torrent_id", numericId(id, "id")).put("operation", "delete").put("all", false);
        call(authorized(url("torrents/controltorrent"), key).post(RequestBody.create(body.toString(), JSON)).build(),
                key);
    }

    @Override
    public String generateLink(ApiKey key, String linkHandle, String clientIp) {
        String[] parts = linkHandle == null ? new String[0] : linkHandle.split(":", -1);
        if (parts.length != 2) {
            throw new StoreException(name(), ErrorCode.BAD_REQUEST, 0, "link: expected <torrentId>:<fileId>");
        }
        // file_id is always sent: ids start at 0 and omitting it leaves TorBox's behaviour undefined
        HttpUrl.Builder url = url("torrents/requestdl")
                .addQueryParameter("token", key.reveal())
                .addQueryParameter("torrent_id", Long.toString(numericId(parts[0], "link torrent id")))
                .addQueryParameter("file_id", Long.toString(numericId(parts[1], "link file id")))
                .addQueryParameter("zip_link", "false")
                .addQueryParameter("redirect", "false");
        if (clientIp != null && !clientIp.isBlank()) {
            url.addQueryParameter("user_ip", clientIp.trim());
        }
        JsonNode data = call(new Request.Builder().url(url.build()).get().build(), key);
        String link = data.isTextual() ? data.asText() : "";
        if (!link.toLowerCase(Locale.ROOT).startsWith("http")) {
            throw http.failure(ErrorCode.INTERNAL_SERVER_ERROR, null, null, "requestdl returned no link", key);
        }
        return link;
    }

    private JsonNode call(Request request, ApiKey key) {
        return envelope.data(http.execute(request, key), key);
    }

    private HttpUrl.Builder url(String path) {
        return api.newBuilder().addPathSegments(path);
    }

    private static Request.Builder authorized(HttpUrl.Builder url, ApiKey key) {
        return new Request.Builder().url(url.build()).header("Authorization", "Bearer " + key.reveal());
    }

    private static Request get(HttpUrl.Builder url, ApiKey key) {
        return authorized(url, key).get().build();
    }

    private long numericId(String value, String field) {
        try {
            long parsed = Long.parseLong(value == null ? "" : value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the typed error
        }
        throw new StoreException(name(), ErrorCode.BAD_REQUEST, 0, field + ": not a TorBox id");
    }
}
