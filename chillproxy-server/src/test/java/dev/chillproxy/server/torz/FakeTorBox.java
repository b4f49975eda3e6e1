package dev.chillproxy.server.torz;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A TorBox that follows the documented contract (debrid-apis.md §1): envelope, {@code user/me}, POST
 * {@code checkcached?format=list}, {@code createtorrent}, {@code mylist?id=}, {@code requestdl?token=}. Cached
 * torrents are ready at once; others stay "downloading". Records which key made each call.
 */
final class FakeTorBox extends Dispatcher {

    record Call(String operation, String key, String hash) {
    }

    record Torrent(String hash, String name, List<String> paths, long fileSize) {
    }

    private static final Pattern BTIH = Pattern.compile("btih:([0-9a-fA-F]{40})");
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Set<String> validKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, Torrent> cached = new ConcurrentHashMap<>();
    private final Map<String, Torrent> known = new ConcurrentHashMap<>();
    private final Map<Integer, Torrent> byId = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1000);
    private volatile CountDownLatch createGate;
    private volatile long createDelayMs;

    void acceptKey(String key) {
        validKeys.add(key);
    }

    /** A torrent TorBox can serve at once. */
    void cache(Torrent torrent) {
        cached.put(torrent.hash(), torrent);
        known.put(torrent.hash(), torrent);
    }

    /** A torrent TorBox would still have to download. */
    void know(Torrent torrent) {
        known.put(torrent.hash(), torrent);
    }

    /** Holds every createtorrent until {@code parties} of them are in flight, so a test can prove they overlap. */
    void holdCreatesUntil(int parties) {
        createGate = new CountDownLatch(parties);
    }

    /** Makes createtorrent slow, so concurrent playbacks of one torrent overlap. */
    void slowCreates(long delayMs) {
        createDelayMs = delayMs;
    }

    List<Call> calls(String operation) {
        return calls.stream().filter(call -> call.operation().equals(operation)).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String key = bearer(request);
        if (path.endsWith("/torrents/requestdl")) {
            key = request.getUrl().queryParameter("token");
        }
        if (key == null || !validKeys.contains(key)) {
            return envelope(403, false, "BAD_TOKEN", "null");
        }
        try {
            if (path.endsWith("/user/me")) {
                calls.add(new Call("user", key, ""));
                return envelope(200, true, null, "{\"id\":1,\"email\":\"pool@example.com\",\"plan\":2,"
                        + "\"is_subscribed\":true,\"premium_expires_at\":\"2099-01-01T00:00:00Z\"}");
            }
            if (path.endsWith("/torrents/checkcached")) {
                return checkCached(request, key);
            }
            if (path.endsWith("/torrents/createtorrent")) {
                return create(request, key);
            }
            if (path.endsWith("/torrents/mylist")) {
                return myList(request, key);
            }
            if (path.endsWith("/torrents/requestdl")) {
                int id = Integer.parseInt(request.getUrl().queryParameter("torrent_id"));
                String file = request.getUrl().queryParameter("file_id");
                calls.add(new Call("requestdl", key, byId.get(id).hash()));
                return envelope(200, true, null, "\"http://cdn.tb.invalid/dld/" + id + "/" + file + "?sig=cdnsig\"");
            }
        } catch (Exception e) {
            return envelope(500, false, "UNKNOWN_ERROR", "null");
        }
        return envelope(404, false, "ENDPOINT_NOT_FOUND", "null");
    }

    private MockResponse checkCached(RecordedRequest request, String key) throws Exception {
        JsonNode body = JSON.readTree(request.getBody().utf8());
        List<String> answer = new ArrayList<>();
        for (JsonNode hash : body.get("hashes")) {
            Torrent torrent = cached.get(hash.asText().toLowerCase());
            calls.add(new Call("checkcached", key, hash.asText()));
            if (torrent != null) {
                StringBuilder files = new StringBuilder();
                for (String file : torrent.paths()) {
                    files.append(files.length() == 0 ? "" : ",").append("{\"name\":").append(quote(file))
                            .append(",\"size\":").append(torrent.fileSize()).append('}');
                }
                answer.add("{\"name\":" + quote(torrent.name()) + ",\"size\":" + torrent.fileSize() * torrent.paths().size()
                        + ",\"hash\":\"" + torrent.hash() + "\",\"files\":[" + files + "]}");
            }
        }
        return envelope(200, true, null, answer.isEmpty() ? "null" : "[" + String.join(",", answer) + "]");
    }

    private MockResponse create(RecordedRequest request, String key) throws InterruptedException {
        String form = URLDecoder.decode(request.getBody().utf8(), StandardCharsets.UTF_8);
        Matcher matcher = BTIH.matcher(form);
        if (!matcher.find()) {
            return envelope(400, false, "INVALID_OPTION", "null");
        }
        String hash = matcher.group(1).toLowerCase();
        calls.add(new Call("createtorrent", key, hash));
        Thread.sleep(createDelayMs);
        CountDownLatch gate = createGate;
        if (gate != null) {
            gate.countDown();
            gate.await(5, TimeUnit.SECONDS);
        }
        Torrent torrent = known.get(hash);
        if (torrent == null) {
            return envelope(400, false, "BOZO_TORRENT", "null");
        }
        int id = ids.incrementAndGet();
        byId.put(id, torrent);
        return envelope(200, true, null, "{\"torrent_id\":" + id + ",\"hash\":\"" + hash + "\",\"auth_id\":\"a\"}");
    }

    private MockResponse myList(RecordedRequest request, String key) {
        int id = Integer.parseInt(request.getUrl().queryParameter("id"));
        Torrent torrent = byId.get(id);
        calls.add(new Call("mylist", key, torrent.hash()));
        boolean ready = cached.containsKey(torrent.hash());
        StringBuilder files = new StringBuilder();
        for (int i = 0; i < torrent.paths().size(); i++) {
            String path = torrent.paths().get(i);
            files.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":").append(quote(path))
                    .append(",\"short_name\":").append(quote(path.substring(path.lastIndexOf('/') + 1)))
                    .append(",\"size\":").append(torrent.fileSize()).append(",\"mimetype\":\"video/x-matroska\"}");
        }
        return envelope(200, true, null, "{\"id\":" + id + ",\"hash\":\"" + torrent.hash() + "\",\"name\":"
                + quote(torrent.name()) + ",\"size\":" + torrent.fileSize() * torrent.paths().size()
                + ",\"download_state\":\"" + (ready ? "cached" : "downloading") + "\",\"progress\":" + (ready ? 1 : 0.2)
                + ",\"download_present\":" + ready + ",\"download_finished\":" + ready
                + ",\"created_at\":\"2026-11-26T00:00:00Z\",\"files\":[" + files + "]}");
    }

    private static String bearer(RecordedRequest request) {
        String header = request.getHeaders().get("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring("Bearer ".length()) : null;
    }

    private static MockResponse envelope(int status, boolean success, String error, String data) {
        String body = "{\"success\":" + success + ",\"error\":" + (error == null ? "null" : quote(error))
                + ",\"detail\":\"fake\",\"data\":" + data + "}";
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static String quote(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> paths(String... paths) {
        return Collections.unmodifiableList(List.of(paths));
    }
}
