package dev.chillproxy.store.premiumize;

import static dev.chillproxy.store.Fixtures.json;

import dev.chillproxy.store.FakeService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Premiumize as the reference describes it: Bearer auth, {@code {"status":"error","message"}} on HTTP 200, the
 * cache check's parallel arrays, transfers without a hash (only the btih in {@code src}), {@code directdl} for
 * cached content only, whose {@code link} is already direct. A transfer is created anew on every
 * {@code transfer/create} (the reference says nothing of deduplication). Thread-safe through {@link FakeService}.
 */
final class FakePremiumize extends FakeService {

    private static final Pattern BTIH = Pattern.compile("(?i)(?:btih:)?([0-9a-f]{40})");

    private final String key;
    private final Set<String> cache = new HashSet<>();
    private final Map<String, Transfer> transfers = new LinkedHashMap<>();
    private int nextId = 1;
    volatile long premiumUntil = 4102444800L;

    private record Transfer(String id, String hash, String status) {
    }

    FakePremiumize(String key) {
        this.key = key;
    }

    FakePremiumize cached(String hash) {
        cache.add(hash);
        return this;
    }

    synchronized int transferCount() {
        return transfers.size();
    }

    /** A transfer already in the account. */
    synchronized String existing(String hash, String status) {
        String id = "tr" + nextId++;
        transfers.put(id, new Transfer(id, hash, status));
        if (status.equals("finished") || status.equals("seeding")) {
            cache.add(hash); // a finished transfer is in Premiumize's cache
        }
        return id;
    }

    @Override
    protected MockResponse answer(RecordedRequest request) {
        if (!("Bearer " + key).equals(request.getHeaders().get("Authorization"))) {
            return error("Not logged in.");
        }
        String path = request.getMethod() + " " + request.getUrl().encodedPath();
        return switch (path) {
            case "GET /api/account/info" -> ok("\"customer_id\":\"123\",\"premium_until\":" + premiumUntil
                    + ",\"limit_used\":0.12,\"space_used\":1024");
            case "GET /api/cache/check" -> check(request.getUrl().queryParameterValues("items[]"));
            case "POST /api/transfer/create" -> create(first(form(request), "src"));
            case "GET /api/transfer/list" -> list();
            case "POST /api/transfer/directdl" -> directdl(first(form(request), "src"));
            case "POST /api/transfer/delete" -> delete(first(form(request), "id"));
            default -> json(404, "{\"status\":\"error\",\"message\":\"unknown route\"}");
        };
    }

    private MockResponse check(List<String> items) {
        List<String> response = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> sizes = new ArrayList<>();
        for (String item : items) {
            boolean hit = cache.contains(hashOf(item));
            response.add(Boolean.toString(hit));
            names.add(hit ? "\"Show.S01.1080p\"" : "\"\"");
            sizes.add(hit ? "\"4294967296\"" : "\"\"");
        }
        return ok("\"response\":" + response + ",\"transcoded\":" + response.stream().map(r -> "false").toList()
                + ",\"filename\":" + names + ",\"filesize\":" + sizes);
    }

    private MockResponse create(String src) {
        String hash = hashOf(src);
        if (hash.isEmpty()) {
            return error("Unsupported link for direct download");
        }
        String id = existing(hash, cache.contains(hash) ? "finished" : "running");
        return ok("\"id\":\"" + id + "\",\"name\":\"Show.S01.1080p\",\"type\":\"torrent\"");
    }

    private MockResponse list() {
        List<String> items = new ArrayList<>();
        transfers.values().forEach(t -> items.add(0, "{\"id\":\"" + t.id() + "\",\"name\":\"Show.S01.1080p\","
                + "\"message\":\"\",\"status\":\"" + t.status() + "\",\"progress\":" + (t.status().equals("finished") ? 1 : 0.4)
                + ",\"src\":\"magnet:?xt=urn:btih:" + t.hash().toUpperCase() + "&dn=Show\",\"folder_id\":\"f1\",\"file_id\":null}"));
        return ok("\"transfers\":[" + String.join(",", items) + "]");
    }

    private MockResponse directdl(String src) {
        String hash = hashOf(src);
        if (!cache.contains(hash)) {
            return error("Error downloading this file");
        }
        return ok("\"location\":\"https://cdn.pm/zip\",\"filename\":\"Show.S01.1080p\",\"filesize\":4294967296,\"content\":["
                + "{\"path\":\"Show.S01.1080p/Show.S01E01.mkv\",\"size\":2147483648,\"link\":\"https://cdn.pm/" + hash
                + "/e01.mkv\",\"stream_link\":\"https://cdn.pm/s.mp4\",\"transcode_status\":\"finished\"},"
                + "{\"path\":\"Show.S01.1080p/readme.txt\",\"size\":\"1024\",\"link\":\"https://cdn.pm/" + hash + "/readme.txt\","
                + "\"stream_link\":null,\"transcode_status\":\"good_as_is\"}]");
    }

    private MockResponse delete(String id) {
        return transfers.remove(id) == null ? error("transfer not found") : json("{\"status\":\"success\"}");
    }

    private static String hashOf(String item) {
        Matcher hash = BTIH.matcher(item);
        return hash.find() ? hash.group(1).toLowerCase() : "";
    }

    private static MockResponse ok(String fields) {
        return json("{\"status\":\"success\"," + fields + "}");
    }

    static MockResponse error(String message) {
        return json("{\"status\":\"error\",\"message\":\"" + message + "\"}");
    }
}
