package dev.chillproxy.store.debridlink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.AddedMagnet;
import dev.chillproxy.store.CacheCheck;
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
import java.time.Clock;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Debrid-Link ({@code /api/v2}): Bearer auth, {@code {"success", "value"}} envelope, errors as
 * {@code {"success":false,"error"}} with real HTTP statuses. {@code files[].downloadUrl} is already direct, so
 * it is the link handle and {@link #generateLink} returns it. The cache API was removed in 2024-11.
 *
 * <p>Thread-safe.
 */
public final class DebridLinkStore implements Store {

    static final int PAGE_SIZE = 100;
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Map<String, ErrorCode> CODES = Map.ofEntries(
            Map.entry("badToken", ErrorCode.UNAUTHORIZED), Map.entry("hidedToken", ErrorCode.UNAUTHORIZED),
            Map.entry("expired_token", ErrorCode.UNAUTHORIZED), Map.entry("access_denied", ErrorCode.UNAUTHORIZED),
            Map.entry("accountLocked", ErrorCode.FORBIDDEN), Map.entry("serverNotAllowed", ErrorCode.FORBIDDEN),
            Map.entry("captchaRequired", ErrorCode.FORBIDDEN), Map.entry("notFreeHost", ErrorCode.PAYMENT_REQUIRED),
            Map.entry("floodDetected", ErrorCode.TOO_MANY_REQUESTS),
            Map.entry("maxTorrent", ErrorCode.STORE_LIMIT_EXCEEDED), Map.entry("maxLink", ErrorCode.STORE_LIMIT_EXCEEDED),
            Map.entry("maxLinkHost", ErrorCode.STORE_LIMIT_EXCEEDED), Map.entry("maxData", ErrorCode.STORE_LIMIT_EXCEEDED),
            Map.entry("maxDataHost", ErrorCode.STORE_LIMIT_EXCEEDED),
            Map.entry("maxTransfer", ErrorCode.STORE_LIMIT_EXCEEDED),
            Map.entry("maxAttempts", ErrorCode.STORE_LIMIT_EXCEEDED),
            Map.entry("torrentTooBig", ErrorCode.UNPROCESSABLE_ENTITY),
            Map.entry("badArguments", ErrorCode.BAD_REQUEST), Map.entry("badId", ErrorCode.BAD_REQUEST),
            Map.entry("notAddTorrent", ErrorCode.BAD_REQUEST),
            Map.entry("fileNotFound", ErrorCode.NOT_FOUND), Map.entry("fileNotAvailable", ErrorCode.NOT_FOUND),
            Map.entry("freeServerOverload", ErrorCode.SERVICE_UNAVAILABLE),
            Map.entry("maintenanceHost", ErrorCode.SERVICE_UNAVAILABLE),
            Map.entry("noServerHost", ErrorCode.SERVICE_UNAVAILABLE),
            Map.entry("disabledServerHost", ErrorCode.SERVICE_UNAVAILABLE),
            Map.entry("internalError", ErrorCode.INTERNAL_SERVER_ERROR),
            Map.entry("server_error", ErrorCode.INTERNAL_SERVER_ERROR),
            Map.entry("unknowR", ErrorCode.INTERNAL_SERVER_ERROR));

    private final UpstreamHttp http;
    private final HttpUrl base;
    private final InstantSource clock;

    public DebridLinkStore(UpstreamHttp http, String baseUrl) {
        this(http, baseUrl, Clock.systemUTC());
    }

    public DebridLinkStore(UpstreamHttp http, String baseUrl, InstantSource clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.base = HttpUrl.get(baseUrl);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public StoreName name() {
        return StoreName.DEBRIDLINK;
    }

    @Override
    public StoreUser user(ApiKey key) {
        JsonNode value = call(request(url("account/infos")).get(), key);
        long left = JsonFields.number(value, "premiumLeft", 0);
        return new StoreUser(JsonFields.text(value, "username"), JsonFields.text(value, "email"),
                left > 0 ? Subscription.PREMIUM : Subscription.EXPIRED,
                left > 0 ? clock.instant().plusSeconds(left) : null);
    }

    @Override
    public CacheCheck checkCached(ApiKey key, List<String> hashes, String clientIp) {
        return new CacheCheck.Unsupported(name(), "Debrid-Link removed seedbox/cached in 2024-11");
    }

    /**
     * The account's torrent of this hash when the newest page has it (not failed), so a replay adds nothing, as
     * torrentio does; else a new one. Debrid-Link documents no deduplication.
     */
    @Override
    public AddedMagnet addMagnet(ApiKey key, String magnetOrHash, String clientIp) {
        String hash = HashList.require(name(), magnetOrHash);
        for (StoreMagnet known : listMagnets(key, 0).items()) {
            if (hash.equals(known.hash()) && !known.status().isTerminalFailure()) {
                return new AddedMagnet(known.id(), hash, known.status(), false);
            }
        }
        ObjectNode body = http.json().createObjectNode().put("url", magnetOrHash.trim()).put("wait", false)
                .put("async", true).put("structureType", "list");
        StoreMagnet magnet = toMagnet(call(request(url("seedbox/add")).post(RequestBody.create(body.toString(), JSON)),
                key));
        return new AddedMagnet(magnet.id(), magnet.hash().isEmpty() ? hash : magnet.hash(), magnet.status(), false);
    }

    @Override
    public StoreMagnet magnet(ApiKey key, String id) {
        JsonNode value = call(request(url("seedbox/list").addQueryParameter("ids", checkedId(id))).get(), key);
        if (!value.isArray() || value.isEmpty()) {
            throw new StoreException(name(), ErrorCode.NOT_FOUND, 200, "torrent " + id + " not found");
        }
        return toMagnet(value.get(0));
    }

    @Override
    public MagnetPage listMagnets(ApiKey key, int page) {
        if (page < 0) {
            throw new StoreException(name(), ErrorCode.BAD_REQUEST, 0, "page: negative");
        }
        Reply reply = http.execute(request(url("seedbox/list").addQueryParameter("page", Integer.toString(page))
                .addQueryParameter("perPage", Integer.toString(PAGE_SIZE))).get().header("Authorization",
                "Bearer " + key.reveal()).build(), key);
        JsonNode root = envelope(reply, key);
        List<StoreMagnet> items = new ArrayList<>();
        root.path("value").forEach(torrent -> items.add(toMagnet(torrent)));
        JsonNode next = root.path("pagination").path("next");
        return new MagnetPage(items, page, !next.isMissingNode() && !next.isNull() && next.asInt(-1) >= 0);
    }

    @Override
    public void removeMagnet(ApiKey key, String id) {
        call(request(base.newBuilder().addPathSegment("seedbox").addPathSegment(checkedId(id)).addPathSegment("remove"))
                .delete(), key);
    }

    /** One id: a comma would ask for (or remove) several torrents at once. */
    private String checkedId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9-]+")) {
            throw new StoreException(name(), ErrorCode.BAD_REQUEST, 0, "id: not a Debrid-Link id");
        }
        return id;
    }

    @Override
    public String generateLink(ApiKey key, String linkHandle, String clientIp) {
        if (linkHandle == null || !linkHandle.toLowerCase(Locale.ROOT).startsWith("http")) {
            throw new StoreException(name(), ErrorCode.BAD_REQUEST, 0, "link: not a Debrid-Link download URL");
        }
        return linkHandle;
    }

    private static StoreMagnet toMagnet(JsonNode torrent) {
        List<StoreFile> files = new ArrayList<>();
        for (JsonNode file : torrent.path("files")) {
            String link = JsonFields.text(file, "downloadUrl");
            files.add(StoreFile.of(files.size(), JsonFields.text(file, "name"), JsonFields.number(file, "size", -1),
                    link.isEmpty() ? null : link));
        }
        boolean failed = JsonFields.number(torrent, "error", 0) != 0 || !JsonFields.text(torrent, "errorString").isEmpty();
        MagnetStatus status = failed ? MagnetStatus.FAILED
                : JsonFields.number(torrent, "downloadPercent", 0) >= 100 ? MagnetStatus.DOWNLOADED
                : MagnetStatus.DOWNLOADING;
        return new StoreMagnet(JsonFields.text(torrent, "id"),
                InfoHash.tryParse(JsonFields.text(torrent, "hashString")).map(InfoHash::hex).orElse(""), JsonFields.text(torrent, "name"),
                JsonFields.number(torrent, "totalSize", -1), status, files, JsonFields.epochSeconds(torrent, "created"));
    }

    private HttpUrl.Builder url(String path) {
        return base.newBuilder().addPathSegments(path);
    }

    private static Request.Builder request(HttpUrl.Builder url) {
        return new Request.Builder().url(url.build());
    }

    private JsonNode call(Request.Builder request, ApiKey key) {
        Reply reply = http.execute(request.header("Authorization", "Bearer " + key.reveal()).build(), key);
        return envelope(reply, key).path("value");
    }

    private JsonNode envelope(Reply reply, ApiKey key) {
        JsonNode root = http.parse(reply);
        if (root == null || !root.isObject()) {
            throw http.failureForStatus(reply, key);
        }
        if (root.path("success").asBoolean(false)) {
            return root;
        }
        String error = JsonFields.text(root, "error");
        ErrorCode code = CODES.getOrDefault(error, reply.status() >= 400 ? ErrorCode.forStatus(reply.status())
                : ErrorCode.BAD_REQUEST);
        throw http.failure(code, reply, error, JsonFields.text(root, "error_description"), key);
    }
}
