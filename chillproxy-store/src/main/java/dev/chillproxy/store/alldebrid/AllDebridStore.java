package dev.chillproxy.store.alldebrid;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * AllDebrid ({@code /v4}, {@code /v4.1}): Bearer auth, {@code agent} query parameter, POST forms for everything,
 * success judged by {@code status}, never by the HTTP code. Link handles are the locked {@code l} links from
 * {@code magnet/files}. There is no cache API any more.
 *
 * <p>Thread-safe.
 */
public final class AllDebridStore implements Store {

    static final int PAGE_SIZE = 100;
    /** How often a delayed link is asked for before the player is told to retry: 5 s, well inside its patience. */
    static final int DELAYED_POLLS = 5;
    static final Duration DELAYED_POLL_INTERVAL = Duration.ofSeconds(1);
    private static final int STATUS_READY = 4;
    private static final int DELAYED_AVAILABLE = 2;
    private static final int DELAYED_FAILED = 3;

    private final UpstreamHttp http;
    private final HttpUrl base;
    private final String agent;
    private final Duration delayedPollInterval;

    public AllDebridStore(UpstreamHttp http, String baseUrl, String agent) {
        this(http, baseUrl, agent, DELAYED_POLL_INTERVAL);
    }

    /** @param delayedPollInterval the wait between asks for a delayed link (tests: zero) */
    AllDebridStore(UpstreamHttp http, String baseUrl, String agent, Duration delayedPollInterval) {
        this.http = http;
        this.base = HttpUrl.get(baseUrl);
        this.agent = agent;
        this.delayedPollInterval = delayedPollInterval;
    }

    @Override
    public StoreName name() {
        return StoreName.ALLDEBRID;
    }

    @Override
    public StoreUser user(ApiKey key) {
        JsonNode user = call("v4/user", new FormBody.Builder(), key).path("user");
        Subscription subscription = !JsonFields.truthy(user, "isPremium") ? Subscription.EXPIRED
                : JsonFields.truthy(user, "isTrial") ? Subscription.TRIAL : Subscription.PREMIUM;
        return new StoreUser(JsonFields.text(user, "username"), JsonFields.text(user, "email"), subscription,
                JsonFields.epochSeconds(user, "premiumUntil"));
    }

    @Override
    public CacheCheck checkCached(ApiKey key, List<String> hashes, String clientIp) {
        return new CacheCheck.Unsupported(name(), "AllDebrid removed magnet/instant; only an upload can probe the cache");
    }

    @Override
    public AddedMagnet addMagnet(ApiKey key, String magnetOrHash, String clientIp) {
        String hash = HashList.require(name(), magnetOrHash);
        JsonNode data = call("v4/magnet/upload", new FormBody.Builder().add("magnets[]", magnetOrHash.trim()), key);
        JsonNode item = itemOf(data, key);
        MagnetStatus status = JsonFields.truthy(item, "ready") ? MagnetStatus.DOWNLOADED : MagnetStatus.QUEUED;
        return new AddedMagnet(JsonFields.text(item, "id"), InfoHash.tryParse(JsonFields.text(item, "hash")).map(InfoHash::hex).orElse(hash),
                status, false);
    }

    @Override
    public StoreMagnet magnet(ApiKey key, String id) {
        JsonNode magnets = call("v4.1/magnet/status", new FormBody.Builder().add("id", id), key).path("magnets");
        JsonNode magnet = magnets.isArray() ? magnets.path(0) : magnets;
        if (!magnet.isObject() || magnet.isEmpty()) {
            throw new StoreException(name(), ErrorCode.NOT_FOUND, 200, "magnet " + id + " not found");
        }
        List<StoreFile> files = JsonFields.number(magnet, "statusCode", -1) == STATUS_READY ? files(key, id) : List.of();
        return toMagnet(magnet, files);
    }

    private List<StoreFile> files(ApiKey key, String id) {
        JsonNode entry = itemOf(call("v4/magnet/files", new FormBody.Builder().add("id[]", id), key), key);
        List<StoreFile> files = new ArrayList<>();
        flatten(entry.path("files"), "", files);
        return files;
    }

    /** The one item of a batch answer; its own error (inside a success envelope) is thrown like any other. */
    private JsonNode itemOf(JsonNode data, ApiKey key) {
        JsonNode item = data.path("magnets").path(0);
        if (item.has("error")) {
            String code = JsonFields.text(item.get("error"), "code");
            throw http.failure(AllDebridErrors.map(code, 200), null, code,
                    JsonFields.text(item.get("error"), "message"), key);
        }
        return item;
    }

    /** Depth-first flattening of the {n, s, l, e} tree; the index is the flattened position. */
    private static void flatten(JsonNode nodes, String prefix, List<StoreFile> into) {
        for (JsonNode node : nodes) {
            String path = prefix + JsonFields.text(node, "n");
            if (node.has("e")) {
                flatten(node.get("e"), path + "/", into);
            } else {
                String link = JsonFields.text(node, "l");
                into.add(StoreFile.of(into.size(), path, JsonFields.number(node, "s", -1), link.isEmpty() ? null : link));
            }
        }
    }

    private StoreMagnet toMagnet(JsonNode magnet, List<StoreFile> files) {
        return new StoreMagnet(JsonFields.text(magnet, "id"), InfoHash.tryParse(JsonFields.text(magnet, "hash")).map(InfoHash::hex).orElse(""),
                JsonFields.text(magnet, "filename"), JsonFields.number(magnet, "size", -1),
                status((int) JsonFields.number(magnet, "statusCode", -1)), files,
                JsonFields.epochSeconds(magnet, "uploadDate"));
    }

    static MagnetStatus status(int code) {
        if (code == 0) {
            return MagnetStatus.QUEUED;
        }
        if (code == 1) {
            return MagnetStatus.DOWNLOADING;
        }
        if (code == 2 || code == 3) {
            return MagnetStatus.PROCESSING;
        }
        if (code == STATUS_READY) {
            return MagnetStatus.DOWNLOADED;
        }
        return code >= 5 && code <= 15 ? MagnetStatus.FAILED : MagnetStatus.UNKNOWN;
    }

    @Override
    public MagnetPage listMagnets(ApiKey key, int page) {
        if (page < 0) {
            throw new StoreException(name(), ErrorCode.BAD_REQUEST, 0, "page: negative");
        }
        JsonNode magnets = call("v4.1/magnet/status", new FormBody.Builder(), key).path("magnets");
        List<StoreMagnet> all = new ArrayList<>();
        for (JsonNode magnet : magnets.isArray() ? magnets : List.of(magnets)) {
            if (magnet.isObject() && !magnet.isEmpty()) {
                all.add(toMagnet(magnet, List.of()));
            }
        }
        int from = Math.min(all.size(), page * PAGE_SIZE);
        int to = Math.min(all.size(), from + PAGE_SIZE);
        return new MagnetPage(all.subList(from, to), page, to < all.size());
    }

    @Override
    public void removeMagnet(ApiKey key, String id) {
        call("v4/magnet/delete", new FormBody.Builder().add("id", id), key);
    }

    @Override
    public String generateLink(ApiKey key, String linkHandle, String clientIp) {
        if (linkHandle == null || linkHandle.isBlank()) {
            throw new StoreException(name(), ErrorCode.BAD_REQUEST, 0, "link: empty");
        }
        FormBody.Builder form = new FormBody.Builder().add("link", linkHandle);
        if (clientIp != null && !clientIp.isBlank()) {
            form.add("userip", clientIp.trim());
        }
        JsonNode data = call("v4/link/unlock", form, key);
        long delayed = JsonFields.number(data, "delayed", 0);
        String link = JsonFields.text(data, "link");
        if (delayed != 0) {
            return delayedLink(key, delayed);
        }
        if (link.isEmpty()) {
            throw new StoreException(name(), ErrorCode.SERVICE_UNAVAILABLE, 200, "no link given; retry later");
        }
        return link;
    }

    /**
     * Some hosts' links are made in the background: {@code link/delayed} says when one is ready ({@code status} 1
     * processing, 2 available, 3 failed). Asked {@link #DELAYED_POLLS} times; still processing after that, the player
     * is told to retry, as before.
     */
    private String delayedLink(ApiKey key, long delayedId) {
        for (int poll = 0; poll < DELAYED_POLLS; poll++) {
            pause();
            JsonNode data = call("v4/link/delayed", new FormBody.Builder().add("id", Long.toString(delayedId)), key);
            long status = JsonFields.number(data, "status", 0);
            String link = JsonFields.text(data, "link");
            if (status == DELAYED_AVAILABLE && !link.isEmpty()) {
                return link;
            }
            if (status == DELAYED_FAILED) {
                throw new StoreException(name(), ErrorCode.SERVICE_UNAVAILABLE, 200, "the delayed link could not be made");
            }
        }
        throw new StoreException(name(), ErrorCode.SERVICE_UNAVAILABLE, 200, "link is delayed; retry later");
    }

    private void pause() {
        try {
            Thread.sleep(delayedPollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(name(), ErrorCode.SERVICE_UNAVAILABLE, 0, "interrupted while the link was delayed");
        }
    }

    private JsonNode call(String path, FormBody.Builder form, ApiKey key) {
        HttpUrl url = base.newBuilder().addPathSegments(path).addQueryParameter("agent", agent).build();
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + key.reveal())
                .post(form.build()).build();
        Reply reply = http.execute(request, key);
        JsonNode root = http.parse(reply);
        if (root == null || !root.isObject()) {
            throw http.failureForStatus(reply, key);
        }
        if ("success".equals(JsonFields.text(root, "status"))) {
            return root.path("data");
        }
        String code = JsonFields.text(root.path("error"), "code");
        throw http.failure(AllDebridErrors.map(code, reply.status()), reply, code,
                JsonFields.text(root.path("error"), "message"), key);
    }
}
