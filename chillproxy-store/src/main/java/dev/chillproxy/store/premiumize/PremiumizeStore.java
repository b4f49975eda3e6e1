package dev.chillproxy.store.premiumize;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Premiumize ({@code /api}): Bearer auth; {@code {"status":"error","message"}} arrives with HTTP 200 and is judged
 * by {@code status}; errors are matched on their exact messages. Files come from {@code transfer/directdl}, whose
 * {@code link} is already the direct URL, so the link handle is returned as is.
 *
 * <p>Thread-safe.
 */
public final class PremiumizeStore implements Store {

    static final int CHECK_BATCH = 100;
    static final int PAGE_SIZE = 100;
    private static final Set<String> READY = Set.of("seeding", "finished");
    private static final Set<String> FAILED = Set.of("error", "timeout", "deleted", "banned");

    private final UpstreamHttp http;
    private final HttpUrl base;
    private final InstantSource clock;

    public PremiumizeStore(UpstreamHttp http, String baseUrl) {
        this(http, baseUrl, Clock.systemUTC());
    }

    public PremiumizeStore(UpstreamHttp http, String baseUrl, InstantSource clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.base = HttpUrl.get(baseUrl);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public StoreName name() {
        return StoreName.PREMIUMIZE;
    }

    @Override
    public StoreUser user(ApiKey key) {
        JsonNode info = call(get("account/info"), key);
        Instant until = JsonFields.epochSeconds(info, "premium_until");
        boolean premium = until != null && until.isAfter(clock.instant());
        return new StoreUser(JsonFields.text(info, "customer_id"), "", premium ? Subscription.PREMIUM
                : Subscription.EXPIRED, until);
    }

    @Override
    public CacheCheck checkCached(ApiKey key, List<String> hashes, String clientIp) {
        List<String> wanted = HashList.normalise(name(), hashes);
        Map<String, CachedMagnet> cached = new LinkedHashMap<>();
        for (List<String> chunk : HashList.chunks(wanted, CHECK_BATCH)) {
            HttpUrl.Builder url = base.newBuilder().addPathSegments("cache/check");
            chunk.forEach(hash -> url.addQueryParameter("items[]", hash));
            JsonNode answer = call(new Request.Builder().url(url.build()).get(), key);
            // parallel arrays in request order; filesize may be a string
            for (int i = 0; i < chunk.size(); i++) {
                if (answer.path("response").path(i).asBoolean(false)) {
                    JsonNode size = answer.path("filesize").path(i);
                    long bytes = size.isNumber() ? size.asLong() : parseLong(size.asText(""));
                    cached.put(chunk.get(i), new CachedMagnet(chunk.get(i), answer.path("filename").path(i).asText(""),
                            bytes, List.of()));
                }
            }
        }
        return new CacheCheck.Checked(cached);
    }

    /**
     * The account's transfer of this hash when there is one (not failed), so a replay adds nothing; else a new
     * transfer. Premiumize documents no deduplication, and the transfer list carries the hash only inside {@code src}.
     */
    @Override
    public AddedMagnet addMagnet(ApiKey key, String magnetOrHash, String clientIp) {
        String hash = HashList.require(name(), magnetOrHash);
        for (JsonNode transfer : call(get("transfer/list"), key).path("transfers")) {
            StoreMagnet known = toMagnet(transfer, List.of());
            if (hash.equals(known.hash()) && !known.status().isTerminalFailure()) {
                return new AddedMagnet(known.id(), hash, known.status(), false);
            }
        }
        JsonNode created = call(post("transfer/create", new FormBody.Builder().add("src", src(magnetOrHash, hash))), key);
        return new AddedMagnet(JsonFields.text(created, "id"), hash, MagnetStatus.QUEUED, false);
    }

    @Override
    public StoreMagnet magnet(ApiKey key, String id) {
        for (JsonNode transfer : call(get("transfer/list"), key).path("transfers")) {
            if (id != null && id.equals(JsonFields.text(transfer, "id"))) {
                StoreMagnet magnet = toMagnet(transfer, List.of());
                if (magnet.status() != MagnetStatus.DOWNLOADED) {
                    return magnet;
                }
                return toMagnet(transfer, files(key, JsonFields.text(transfer, "src")));
            }
        }
        throw new StoreException(name(), ErrorCode.NOT_FOUND, 200, "transfer " + id + " not found");
    }

    private List<StoreFile> files(ApiKey key, String src) {
        JsonNode content = call(post("transfer/directdl", new FormBody.Builder().add("src", src)), key).path("content");
        List<StoreFile> files = new ArrayList<>();
        for (JsonNode file : content) {
            String link = JsonFields.text(file, "link");
            files.add(StoreFile.of(files.size(), JsonFields.text(file, "path"), JsonFields.number(file, "size", -1),
                    link.isEmpty() ? null : link));
        }
        return files;
    }

    private static StoreMagnet toMagnet(JsonNode transfer, List<StoreFile> files) {
        String state = JsonFields.text(transfer, "status").toLowerCase(Locale.ROOT);
        MagnetStatus status = READY.contains(state) ? MagnetStatus.DOWNLOADED
                : FAILED.contains(state) ? MagnetStatus.FAILED
                : state.equals("running") ? MagnetStatus.DOWNLOADING
                : Set.of("waiting", "queued").contains(state) ? MagnetStatus.QUEUED : MagnetStatus.UNKNOWN;
        // there is no hash field: the btih inside src is the only source
        String hash = InfoHash.tryParse(JsonFields.text(transfer, "src")).map(InfoHash::hex).orElse("");
        return new StoreMagnet(JsonFields.text(transfer, "id"), hash, JsonFields.text(transfer, "name"), -1, status,
                files, null);
    }

    @Override
    public MagnetPage listMagnets(ApiKey key, int page) {
        if (page < 0) {
            throw new StoreException(name(), ErrorCode.BAD_REQUEST, 0, "page: negative");
        }
        List<StoreMagnet> all = new ArrayList<>();
        call(get("transfer/list"), key).path("transfers").forEach(t -> all.add(toMagnet(t, List.of())));
        int from = Math.min(all.size(), page * PAGE_SIZE);
        int to = Math.min(all.size(), from + PAGE_SIZE);
        return new MagnetPage(all.subList(from, to), page, to < all.size());
    }

    @Override
    public void removeMagnet(ApiKey key, String id) {
        call(post("transfer/delete", new FormBody.Builder().add("id", id == null ? "" : id)), key);
    }

    /** Premiumize's {@code link} from directdl is already direct. */
    @Override
    public String generateLink(ApiKey key, String linkHandle, String clientIp) {
        if (linkHandle == null || !linkHandle.toLowerCase(Locale.ROOT).startsWith("http")) {
            throw new StoreException(name(), ErrorCode.BAD_REQUEST, 0, "link: not a Premiumize file link");
        }
        return linkHandle;
    }

    private static String src(String magnetOrHash, String hash) {
        String trimmed = magnetOrHash.trim();
        return trimmed.regionMatches(true, 0, "magnet:", 0, 7) ? trimmed : new InfoHash(hash).toMagnet();
    }

    private Request.Builder get(String path) {
        return new Request.Builder().url(base.newBuilder().addPathSegments(path).build()).get();
    }

    private Request.Builder post(String path, FormBody.Builder form) {
        return new Request.Builder().url(base.newBuilder().addPathSegments(path).build()).post(form.build());
    }

    private JsonNode call(Request.Builder request, ApiKey key) {
        Reply reply = http.execute(request.header("Authorization", "Bearer " + key.reveal()).build(), key);
        JsonNode root = http.parse(reply);
        if (root == null || !root.isObject()) {
            throw http.failureForStatus(reply, key);
        }
        if ("success".equals(JsonFields.text(root, "status"))) {
            return root;
        }
        String message = JsonFields.text(root, "message");
        throw http.failure(classify(message, reply.status()), reply, null, message, key);
    }

    static ErrorCode classify(String message, int status) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("not logged in") || lower.contains("authentication_failed")) {
            return ErrorCode.UNAUTHORIZED;
        }
        if (lower.contains("rate_limit_reached")) {
            return ErrorCode.TOO_MANY_REQUESTS;
        }
        if (lower.contains("not premium") || lower.contains("payment issue")) {
            return ErrorCode.PAYMENT_REQUIRED;
        }
        if (lower.contains("fair use limit") || lower.contains("active downloads") || lower.contains("space is full")
                || lower.contains("limit_reached")) {
            return ErrorCode.STORE_LIMIT_EXCEEDED;
        }
        if (lower.contains("error downloading") || lower.contains("unsupported link")) {
            return ErrorCode.UNPROCESSABLE_ENTITY;
        }
        return status >= 400 ? ErrorCode.forStatus(status) : ErrorCode.BAD_REQUEST;
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
