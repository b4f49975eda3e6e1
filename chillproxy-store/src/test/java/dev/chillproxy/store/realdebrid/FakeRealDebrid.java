package dev.chillproxy.store.realdebrid;

import static dev.chillproxy.store.Fixtures.json;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Real-Debrid as its documentation describes it: bare JSON, {@code {error, error_code}} errors with real statuses,
 * {@code addMagnet} answering 201 with a new id every time (no deduplication), a torrent that stays in
 * {@code magnet_conversion} for a few info reads, then waits for {@code selectFiles} (404 before that, 202 after),
 * and links for the selected files only. Thread-safe.
 */
final class FakeRealDebrid extends Dispatcher {

    static final String BASE = "/rest/1.0/";
    private static final Pattern TORRENT_PATH = Pattern.compile("torrents/(info|selectFiles|delete)/([A-Za-z0-9]+)");

    /** One file of a torrent, RD's 1-based id. */
    record File(int id, String path, long bytes) {
    }

    private static final class Torrent {
        final String id;
        final String hash;
        final List<File> files;
        String status = "magnet_conversion";
        int conversionReadsLeft;
        final List<Integer> selected = new ArrayList<>();

        Torrent(String id, String hash, List<File> files, int conversionReads) {
            this.id = id;
            this.hash = hash;
            this.files = files;
            this.conversionReadsLeft = conversionReads;
        }
    }

    final List<String> requests = new CopyOnWriteArrayList<>();
    private final String key;
    private final Map<String, Torrent> torrents = new LinkedHashMap<>();
    private final Map<String, List<File>> filesByHash = new HashMap<>();
    private int nextId = 1;
    /** Info reads a new torrent spends in {@code magnet_conversion} before its metadata arrives. */
    volatile int conversionReads;
    /** Whether a selected torrent is instantly {@code downloaded} (RD's cache) or {@code downloading}. */
    volatile boolean cached = true;

    FakeRealDebrid(String key) {
        this.key = key;
    }

    FakeRealDebrid files(String hash, File... files) {
        filesByHash.put(hash, List.of(files));
        return this;
    }

    /** A torrent already in the account, in {@code status}. */
    synchronized String existing(String hash, String status) {
        Torrent torrent = add(hash);
        torrent.status = status;
        return torrent.id;
    }

    synchronized int torrentCount() {
        return torrents.size();
    }

    long count(String methodAndPathPrefix) {
        return requests.stream().filter(line -> line.startsWith(methodAndPathPrefix)).count();
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath().substring(BASE.length());
        requests.add(request.getMethod() + " " + path);
        if (!("Bearer " + key).equals(request.getHeaders().get("Authorization"))) {
            return error(401, "bad_token", 8);
        }
        Matcher byId = TORRENT_PATH.matcher(path);
        if (byId.matches()) {
            Torrent torrent = torrents.get(byId.group(2));
            if (torrent == null) {
                return error(404, "unknown_ressource", 7);
            }
            return switch (byId.group(1)) {
                case "info" -> json(info(read(torrent)));
                case "selectFiles" -> select(torrent, form(request).getOrDefault("files", ""));
                default -> {
                    torrents.remove(torrent.id);
                    yield new MockResponse.Builder().code(204).build();
                }
            };
        }
        return switch (request.getMethod() + " " + path) {
            case "GET user" -> json("{\"id\":42,\"username\":\"u\",\"email\":\"u@example.com\",\"points\":10,"
                    + "\"type\":\"premium\",\"premium\":8640000,\"expiration\":\"2099-01-01T00:00:00.000Z\"}");
            case "GET torrents" -> list();
            case "POST torrents/addMagnet" -> addMagnet(form(request).getOrDefault("magnet", ""));
            case "POST unrestrict/link" -> unrestrict(form(request).getOrDefault("link", ""));
            default -> error(404, "unknown_method", 3);
        };
    }

    private MockResponse addMagnet(String magnet) {
        Matcher hash = Pattern.compile("(?i)btih:([0-9a-f]{40})").matcher(magnet);
        if (!hash.find()) {
            return error(400, "parameter_missing", 1);
        }
        Torrent torrent = add(hash.group(1).toLowerCase());
        return json(201, "{\"id\":\"" + torrent.id + "\",\"uri\":\"https://api.real-debrid.com/rest/1.0/torrents/info/"
                + torrent.id + "\"}");
    }

    private Torrent add(String hash) {
        String id = "RD" + (nextId++) + "ABCDEFGHIJ";
        Torrent torrent = new Torrent(id, hash, filesByHash.getOrDefault(hash, List.of(new File(1, "/a.mkv", 10))),
                conversionReads);
        torrents.put(id, torrent);
        return torrent;
    }

    private Torrent read(Torrent torrent) {
        if (torrent.status.equals("magnet_conversion") && torrent.conversionReadsLeft-- <= 0) {
            torrent.status = "waiting_files_selection";
        }
        return torrent;
    }

    private MockResponse select(Torrent torrent, String files) {
        if (torrent.status.equals("magnet_conversion")) {
            return error(404, "unknown_ressource", 7);
        }
        if (!torrent.status.equals("waiting_files_selection")) {
            return new MockResponse.Builder().code(202).build();
        }
        for (File file : torrent.files) {
            if (files.equals("all") || List.of(files.split(",")).contains(Integer.toString(file.id()))) {
                torrent.selected.add(file.id());
            }
        }
        torrent.status = cached ? "downloaded" : "downloading";
        return new MockResponse.Builder().code(204).build();
    }

    private MockResponse list() {
        if (torrents.isEmpty()) {
            return new MockResponse.Builder().code(204).build();
        }
        List<String> items = new ArrayList<>();
        torrents.values().forEach(torrent -> items.add(0, info(torrent)));
        return json("[" + String.join(",", items) + "]").newBuilder()
                .addHeader("X-Total-Count", Integer.toString(torrents.size())).build();
    }

    private MockResponse unrestrict(String link) {
        if (!link.startsWith("https://real-debrid.com/d/")) {
            return error(503, "file_unavailable", 24);
        }
        String code = link.substring("https://real-debrid.com/d/".length());
        return json("{\"id\":\"" + code + "\",\"filename\":\"x.mkv\",\"link\":\"" + link + "\","
                + "\"download\":\"https://abc12.download.real-debrid.com/d/" + code + "/x.mkv\",\"streamable\":1}");
    }

    private static String info(Torrent torrent) {
        List<String> files = new ArrayList<>();
        List<String> links = new ArrayList<>();
        boolean done = torrent.status.equals("downloaded");
        for (File file : torrent.files) {
            boolean selected = torrent.selected.contains(file.id());
            files.add("{\"id\":" + file.id() + ",\"path\":\"" + file.path() + "\",\"bytes\":" + file.bytes()
                    + ",\"selected\":" + (selected ? 1 : 0) + "}");
            if (selected && done) {
                links.add("\"https://real-debrid.com/d/" + torrent.id + "F" + file.id() + "\"");
            }
        }
        boolean metadata = !torrent.status.equals("magnet_conversion");
        return "{\"id\":\"" + torrent.id + "\",\"filename\":\"" + (metadata ? "Show.S01" : "") + "\",\"hash\":\""
                + torrent.hash + "\",\"bytes\":0,\"original_bytes\":0,\"progress\":" + (done ? 100 : 0)
                + ",\"status\":\"" + torrent.status + "\",\"added\":\"2026-03-08T21:21:28.000Z\",\"files\":["
                + (metadata ? String.join(",", files) : "") + "],\"links\":[" + String.join(",", links) + "]}";
    }

    private static Map<String, String> form(RecordedRequest request) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : request.getBody().utf8().split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static MockResponse error(int status, String error, int code) {
        return json(status, "{\"error\":\"" + error + "\",\"error_code\":" + code + "}");
    }
}
