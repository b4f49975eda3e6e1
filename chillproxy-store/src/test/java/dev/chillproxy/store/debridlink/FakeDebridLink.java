package dev.chillproxy.store.debridlink;

import static dev.chillproxy.store.Fixtures.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.store.FakeService;
import dev.chillproxy.store.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Debrid-Link as the reference describes it: Bearer auth, the {@code {"success","value"}} envelope with
 * {@code pagination} on lists, errors as {@code {"success":false,"error"}} with real HTTP statuses, {@code seedbox/add}
 * taking JSON and answering the torrent (a new one every time: no deduplication is documented), {@code seedbox/list}
 * by {@code ids} or by page, and {@code files[].downloadUrl} that is already the direct link. Thread-safe through
 * {@link FakeService}.
 */
final class FakeDebridLink extends FakeService {

    private static final Pattern BTIH = Pattern.compile("(?i)(?:btih:)?([0-9a-f]{40})");
    private static final Pattern REMOVE = Pattern.compile("/api/v2/seedbox/([A-Za-z0-9,-]+)/remove");

    private final String key;
    private final Map<String, Torrent> torrents = new LinkedHashMap<>();
    private int nextId = 1;
    volatile long premiumLeft = 86_400;
    /** downloadPercent of a new torrent: 100 for content Debrid-Link already holds. */
    volatile int percentOnAdd = 100;

    private record Torrent(String id, String hash, int percent, int error) {
    }

    FakeDebridLink(String key) {
        this.key = key;
    }

    synchronized int torrentCount() {
        return torrents.size();
    }

    synchronized String existing(String hash, int percent, int error) {
        String id = "dl-" + nextId++;
        torrents.put(id, new Torrent(id, hash, percent, error));
        return id;
    }

    @Override
    protected MockResponse answer(RecordedRequest request) {
        if (!("Bearer " + key).equals(request.getHeaders().get("Authorization"))) {
            return error(401, "badToken");
        }
        String path = request.getUrl().encodedPath();
        Matcher remove = REMOVE.matcher(path);
        if (request.getMethod().equals("DELETE") && remove.matches()) {
            return remove(remove.group(1));
        }
        return switch (request.getMethod() + " " + path) {
            case "GET /api/v2/account/infos" -> ok("{\"email\":\"u@example.com\",\"username\":\"u\",\"accountType\":1,"
                    + "\"premiumLeft\":" + premiumLeft + ",\"pts\":0,\"registerDate\":1500000000}");
            case "POST /api/v2/seedbox/add" -> add(request);
            case "GET /api/v2/seedbox/list" -> list(request);
            default -> error(404, "badArguments");
        };
    }

    private MockResponse add(RecordedRequest request) {
        JsonNode body;
        try {
            body = Fixtures.JSON.readTree(request.getBody().utf8());
        } catch (Exception e) {
            return error(400, "badArguments");
        }
        Matcher hash = BTIH.matcher(body.path("url").asText(""));
        if (!hash.find() || !"application/json; charset=utf-8".equals(request.getHeaders().get("Content-Type"))) {
            return error(400, "notAddTorrent");
        }
        String id = existing(hash.group(1).toLowerCase(), percentOnAdd, 0);
        return ok(torrent(torrents.get(id)));
    }

    private MockResponse list(RecordedRequest request) {
        String ids = request.getUrl().queryParameter("ids");
        List<Torrent> newestFirst = new ArrayList<>();
        torrents.values().forEach(t -> newestFirst.add(0, t));
        if (ids != null) {
            List<String> wanted = List.of(ids.split(","));
            newestFirst.removeIf(t -> !wanted.contains(t.id()));
        }
        int page = Integer.parseInt(request.getUrl().queryParameter("page") == null ? "0" : request.getUrl().queryParameter("page"));
        int perPage = Integer.parseInt(request.getUrl().queryParameter("perPage") == null ? "20" : request.getUrl().queryParameter("perPage"));
        int from = Math.min(newestFirst.size(), page * perPage);
        int to = Math.min(newestFirst.size(), from + perPage);
        List<String> items = newestFirst.subList(from, to).stream().map(FakeDebridLink::torrent).toList();
        int pages = Math.max(1, (newestFirst.size() + perPage - 1) / perPage);
        return json("{\"success\":true,\"value\":[" + String.join(",", items) + "],\"pagination\":{\"page\":" + page
                + ",\"pages\":" + pages + ",\"next\":" + (page + 1 < pages ? page + 1 : -1) + ",\"previous\":"
                + (page > 0 ? page - 1 : -1) + "}}");
    }

    private MockResponse remove(String ids) {
        List<String> removed = new ArrayList<>();
        for (String id : ids.split(",")) {
            if (torrents.remove(id) != null) {
                removed.add("\"" + id + "\"");
            }
        }
        return removed.isEmpty() ? error(404, "fileNotFound") : ok(removed.toString());
    }

    private static String torrent(Torrent t) {
        boolean done = t.percent() >= 100;
        return "{\"id\":\"" + t.id() + "\",\"name\":\"Show.S01.1080p\",\"hashString\":\"" + t.hash().toUpperCase()
                + "\",\"totalSize\":4294967296,\"downloadPercent\":" + t.percent() + ",\"status\":" + (done ? 100 : 4)
                + ",\"error\":" + t.error() + ",\"errorString\":\"" + (t.error() == 0 ? "" : "tracker failure")
                + "\",\"wait\":false,\"created\":1700000000,\"isZip\":false,\"files\":["
                + "{\"id\":\"" + t.id() + "-0\",\"name\":\"Show.S01E01.mkv\",\"size\":2147483648,\"downloadUrl\":"
                + (done ? "\"https://dl.debrid-link.com/" + t.id() + "/e01.mkv\"" : "\"\"") + ",\"downloadPercent\":" + t.percent() + "},"
                + "{\"id\":\"" + t.id() + "-1\",\"name\":\"Show.S01E02.mkv\",\"size\":\"2147483648\",\"downloadUrl\":"
                + (done ? "\"https://dl.debrid-link.com/" + t.id() + "/e02.mkv\"" : "\"\"") + ",\"downloadPercent\":" + t.percent() + "}]}";
    }

    private static MockResponse ok(String value) {
        return json("{\"success\":true,\"value\":" + value + "}");
    }

    static MockResponse error(int status, String error) {
        return json(status, "{\"success\":false,\"error\":\"" + error + "\",\"error_id\":\"1\",\"error_description\":\"" + error + "\"}");
    }
}
