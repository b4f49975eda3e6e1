package dev.chillproxy.store.realdebrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Real-Debrid ({@code /rest/1.0}): no envelope, errors as {@code {error, error_code}} with real HTTP statuses.
 * Adding a magnet waits for {@code waiting_files_selection} and selects the video files (all files when there is
 * none), so each selected file gets its own link; the link handle is that {@code links[i]}. RD has had no cache
 * API since 2024-11, so {@link #checkCached} is {@link CacheCheck.Unsupported}.
 *
 * <p>Thread-safe.
 */
public final class RealDebridStore implements Store {

    static final int PAGE_SIZE = 100;
    private static final Pattern VIDEO = Pattern.compile(
            "(?i).*\\.(mkv|mp4|avi|mov|m4v|wmv|webm|ts|m2ts|mpg|mpeg|flv|vob|iso)$");

    private final UpstreamHttp http;
    private final HttpUrl base;
    private final int selectionPolls;
    private final Duration pollInterval;

    /** StremThru polls 5 × 5 s for the file selection state. */
    public RealDebridStore(UpstreamHttp http, String baseUrl) {
        this(http, baseUrl, 5, Duration.ofSeconds(5));
    }

    public RealDebridStore(UpstreamHttp http, String baseUrl, int selectionPolls, Duration pollInterval) {
        this.http = http;
        this.base = HttpUrl.get(baseUrl);
        this.selectionPolls = selectionPolls;
        this.pollInterval = pollInterval;
    }

    @Override
    public StoreName name() {
        return StoreName.REALDEBRID;
    }

    @Override
    public StoreUser user(ApiKey key) {
        JsonNode user = call(request("user", key).get(), key);
        boolean premium = JsonFields.number(user, "premium", 0) > 0;
        return new StoreUser(JsonFields.text(user, "id"), JsonFields.text(user, "email"),
                premium ? Subscription.PREMIUM : Subscription.EXPIRED, JsonFields.instant(user, "expiration"));
    }

    @Override
    public CacheCheck checkCached(ApiKey key, List<String> hashes, String clientIp) {
        return new CacheCheck.Unsupported(name(), "Real-Debrid disabled instantAvailability (error 37) in 2024-11");
    }

    @Override
    public AddedMagnet addMagnet(ApiKey key, String magnetOrHash, String clientIp) {
        String hash = HashList.require(name(), magnetOrHash);
        String magnet = magnetOrHash.trim().regionMatches(true, 0, "magnet:", 0, 7)
                ? magnetOrHash.trim() : new InfoHash(hash).toMagnet();
        FormBody.Builder form = new FormBody.Builder().add("magnet", magnet);
        if (clientIp != null && !clientIp.isBlank()) {
            form.add("ip", clientIp.trim());
        }
        String id = JsonFields.text(call(request("torrents/addMagnet", key).post(form.build()), key), "id");
        JsonNode info = info(key, id);
        for (int poll = 0; "magnet_conversion".equals(state(info)) && poll < selectionPolls; poll++) {
            sleep();
            info = info(key, id);
        }
        if ("waiting_files_selection".equals(state(info))) {
            selectFiles(key, id, info);
            info = info(key, id);
        }
        return new AddedMagnet(id, hash, status(state(info)), false);
    }

    private void selectFiles(ApiKey key, String id, JsonNode info) {
        List<String> ids = new ArrayList<>();
        for (JsonNode file : info.path("files")) {
            if (VIDEO.matcher(JsonFields.text(file, "path")).matches()) {
                ids.add(JsonFields.text(file, "id"));
            }
        }
        String files = ids.isEmpty() ? "all" : String.join(",", ids);
        // 204 selected, 202 "action already done": both fine
        call(request("torrents/selectFiles/" + id, key).post(new FormBody.Builder().add("files", files).build()), key);
    }

    @Override
    public StoreMagnet magnet(ApiKey key, String id) {
        JsonNode info = info(key, id);
        List<StoreFile> files = new ArrayList<>();
        JsonNode links = info.path("links");
        int selected = 0;
        for (JsonNode file : info.path("files")) {
            String handle = null;
            if (JsonFields.number(file, "selected", 0) == 1) {
                // links follow the selected files in order; an archive gives fewer links than files
                handle = selected < links.size() ? links.get(selected).asText() : null;
                selected++;
            }
            files.add(StoreFile.of((int) JsonFields.number(file, "id", 0) - 1, JsonFields.text(file, "path"),
                    JsonFields.number(file, "bytes", -1), handle));
        }
        return toMagnet(info, files);
    }

    private StoreMagnet toMagnet(JsonNode info, List<StoreFile> files) {
        long size = JsonFields.number(info, "original_bytes", JsonFields.number(info, "bytes", -1));
        return new StoreMagnet(JsonFields.text(info, "id"), InfoHash.tryParse(JsonFields.text(info, "hash")).map(InfoHash::hex).orElse(""),
                JsonFields.text(info, "filename"), size, status(state(info)), files, JsonFields.instant(info, "added"));
    }

    @Override
    public MagnetPage listMagnets(ApiKey key, int page) {
        if (page < 0) {
            throw new StoreException(name(), ErrorCode.BAD_REQUEST, 0, "page: negative");
        }
        HttpUrl url = base.newBuilder().addPathSegment("torrents").addQueryParameter("page", Integer.toString(page + 1))
                .addQueryParameter("limit", Integer.toString(PAGE_SIZE)).build();
        Reply reply = http.execute(authorized(url, key).get().build(), key);
        JsonNode list = reply.status() == 204 ? MissingNode.getInstance() : body(reply, key);
        List<StoreMagnet> items = new ArrayList<>();
        for (JsonNode torrent : list) {
            items.add(toMagnet(torrent, List.of()));
        }
        long total = parseTotal(reply.totalCount(), items.size());
        return new MagnetPage(items, page, (long) (page + 1) * PAGE_SIZE < total);
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

    private JsonNode info(ApiKey key, String id) {
        return call(request("torrents/info/" + pathId(id), key).get(), key);
    }

    private static String state(JsonNode info) {
        return JsonFields.text(info, "status").toLowerCase(Locale.ROOT);
    }

    /** The reference's table; {@code magnet_conversion} is still resolving metadata, so queued, not invalid. */
    static MagnetStatus status(String state) {
        if (Set.of("magnet_conversion", "waiting_files_selection", "queued").contains(state)) {
            return MagnetStatus.QUEUED;
        }
        if (Set.of("magnet_error", "error", "virus", "dead").contains(state)) {
            return MagnetStatus.FAILED;
        }
        if (state.equals("downloading")) {
            return MagnetStatus.DOWNLOADING;
        }
        if (state.equals("downloaded")) {
            return MagnetStatus.DOWNLOADED;
        }
        if (state.equals("compressing")) {
            return MagnetStatus.PROCESSING;
        }
        return state.equals("uploading") ? MagnetStatus.UPLOADING : MagnetStatus.UNKNOWN;
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

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(name(), ErrorCode.SERVICE_UNAVAILABLE, 0, "interrupted while waiting");
        }
    }
}
