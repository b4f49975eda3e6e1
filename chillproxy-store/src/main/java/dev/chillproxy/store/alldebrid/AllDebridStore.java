package dev.chillproxy.store.alldebrid;

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
    private static final int STATUS_READY = 4;

    private final UpstreamHttp http;
    private final HttpUrl base;
    private final String agent;

    public AllDebridStore(UpstreamHttp http, String baseUrl, String agent) {
        this.http = http;
        this.base = HttpUrl.get(baseUrl);
        this.agent = agent;
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
        String link = JsonFields.text(data, "link");
        if (link.isEmpty() || JsonFields.number(data, "delayed", 0) != 0) {
            throw new StoreException(name(), ErrorCode.SERVICE_UNAVAILABLE, 200, "link is delayed; retry later");
        }
        return link;
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
