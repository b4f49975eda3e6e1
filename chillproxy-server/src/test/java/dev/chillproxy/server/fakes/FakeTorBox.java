package dev.chillproxy.server.fakes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * torrents are ready at once; known ones stay "downloading". It can be made to misbehave: an operation can answer a
 * fixed error status or answer late, and a key can be revoked (401). Counts every HTTP request per operation
 * (failed ones included) and records which key made each call. Thread-safe.
 */
public final class FakeTorBox extends Dispatcher {

    /** One authenticated request; {@code operation} is the last path segment, {@code hash} "" if not about one torrent. */
    public record Call(String operation, String key, String hash) {
    }

    /** A torrent whose every file, at {@code paths}, is {@code fileSize} bytes. */
    public record Torrent(String hash, String name, List<String> paths, long fileSize) {
        public Torrent {
            paths = List.copyOf(paths);
        }
    }

    /** How an operation misbehaves: {@code status} 0 = answer normally, after {@code delayMs}. */
    public record Fault(int status, long delayMs, String retryAfter) {
    }

    private static final Pattern BTIH = Pattern.compile("btih:([0-9a-fA-F]{40})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Set<String> keysSeen = ConcurrentHashMap.newKeySet();
    private final Set<String> validKeys = ConcurrentHashMap.newKeySet();
    private final Set<String> revokedKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, Torrent> cached = new ConcurrentHashMap<>();
    private final Map<String, Torrent> known = new ConcurrentHashMap<>();
    private final Map<Integer, Torrent> byId = new ConcurrentHashMap<>();
    /** Which key's account each added torrent is in. */
    private final Map<Integer, String> owners = new ConcurrentHashMap<>();
    /** Operations answered by a web application firewall's HTML page with this status instead of TorBox. */
    private final Map<String, Integer> htmlBlocks = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1000);
    private volatile CountDownLatch createGate;
    private volatile long createDelayMs;

    public static List<String> paths(String... paths) {
        return List.of(paths);
    }

    public void acceptKey(String key) {
        validKeys.add(key);
    }

    /** From now on this key gets 401 {@code AUTH_ERROR}, as when TorBox revoked it. */
    public void revoke(String key) {
        revokedKeys.add(key);
    }

    /** A torrent TorBox can serve at once. */
    public void cache(Torrent torrent) {
        cached.put(torrent.hash(), torrent);
        known.put(torrent.hash(), torrent);
    }

    /** A torrent TorBox would still have to download. */
    public void know(Torrent torrent) {
        known.put(torrent.hash(), torrent);
    }

    /** {@code operation} is the last path segment: {@code checkcached}, {@code createtorrent}, {@code mylist}… */
    public void fault(String operation, Fault fault) {
        faults.put(operation, fault);
    }

    public void heal() {
        faults.clear();
        htmlBlocks.clear();
    }

    /** {@code operation} answers an HTML page with {@code status} (a WAF or CDN block), whatever the key. */
    public void blockWithHtml(String operation, int status) {
        htmlBlocks.put(operation, status);
    }

    /** Holds every createtorrent until {@code parties} of them are in flight, so a test can prove they overlap. */
    public void holdCreatesUntil(int parties) {
        createGate = new CountDownLatch(parties);
    }

    /** Makes createtorrent slow, so concurrent playbacks of one torrent overlap. */
    public void slowCreates(long delayMs) {
        createDelayMs = delayMs;
    }

    /** HTTP requests for {@code operation}, with any key and any outcome. */
    public int requests(String operation) {
        return requests.computeIfAbsent(operation, any -> new AtomicInteger()).get();
    }

    public void resetCounts() {
        requests.clear();
        calls.clear();
    }

    public List<Call> calls(String operation) {
        return calls.stream().filter(call -> call.operation().equals(operation)).toList();
    }

    /** Every key that reached this TorBox, accepted or not ("null" for a call without one). */
    public Set<String> keysSeen() {
        return Set.copyOf(keysSeen);
    }

    public List<String> keysUsedFor(String operation) {
        return calls(operation).stream().map(Call::key).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String path = request.getUrl().encodedPath();
        String operation = path.substring(path.lastIndexOf('/') + 1);
        requests.computeIfAbsent(operation, any -> new AtomicInteger()).incrementAndGet();
        String key = operation.equals("requestdl") ? request.getUrl().queryParameter("token") : bearer(request);
        keysSeen.add(String.valueOf(key));
        if (key != null && revokedKeys.contains(key)) {
            calls.add(new Call(operation, key, hashOf(operation, request)));
            return envelope(401, false, "AUTH_ERROR", "null").build();
        }
        Integer blocked = htmlBlocks.get(operation);
        if (blocked != null) {
            calls.add(new Call(operation, key, hashOf(operation, request)));
            return new MockResponse.Builder().code(blocked).addHeader("Content-Type", "text/html")
                    .body("<html><body><h1>Access denied</h1>Request blocked.</body></html>").build();
        }
        if (key == null || !validKeys.contains(key)) {
            return envelope(403, false, "BAD_TOKEN", "null").build();
        }
        calls.add(new Call(operation, key, hashOf(operation, request)));
        Fault fault = faults.get(operation);
        MockResponse.Builder answer = fault != null && fault.status() != 0
                ? envelope(fault.status(), false, fault.status() == 429 ? "TOO_MANY_REQUESTS" : "UNKNOWN_ERROR", "null")
                : answer(operation, request);
        if (fault != null && fault.retryAfter() != null) {
            answer.addHeader("Retry-After", fault.retryAfter());
        }
        if (fault != null && fault.delayMs() > 0) {
            answer.headersDelay(fault.delayMs(), TimeUnit.MILLISECONDS);
        }
        return answer.build();
    }

    private MockResponse.Builder answer(String operation, RecordedRequest request) throws InterruptedException {
        try {
            return switch (operation) {
                case "me" -> envelope(200, true, null, "{\"id\":1,\"email\":\"pool@example.com\",\"plan\":2,"
                        + "\"is_subscribed\":true,\"premium_expires_at\":\"2099-01-01T00:00:00Z\"}");
                case "checkcached" -> checkCached(request);
                case "createtorrent" -> create(request, bearer(request));
                case "mylist" -> request.getUrl().queryParameter("id") == null ? accountList(request) : myList(request);
                case "requestdl" -> envelope(200, true, null, "\"http://cdn.tb.invalid/dld/"
                        + request.getUrl().queryParameter("torrent_id") + "/" + request.getUrl().queryParameter("file_id")
                        + "?sig=cdnsig\"");
                default -> envelope(404, false, "ENDPOINT_NOT_FOUND", "null");
            };
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return envelope(500, false, "UNKNOWN_ERROR", "null");
        }
    }

    private MockResponse.Builder checkCached(RecordedRequest request) throws Exception {
        JsonNode body = JSON.readTree(request.getBody().utf8());
        List<String> answer = new ArrayList<>();
        for (JsonNode hash : body.get("hashes")) {
            Torrent torrent = cached.get(hash.asText().toLowerCase());
            if (torrent != null) {
                StringBuilder files = new StringBuilder();
                for (String file : torrent.paths()) {
                    files.append(files.length() == 0 ? "" : ",").append("{\"name\":").append(quote(file))
                            .append(",\"size\":").append(torrent.fileSize()).append('}');
                }
                answer.add("{\"name\":" + quote(torrent.name()) + ",\"size\":" + totalSize(torrent)
                        + ",\"hash\":\"" + torrent.hash() + "\",\"files\":[" + files + "]}");
            }
        }
        return envelope(200, true, null, answer.isEmpty() ? "null" : "[" + String.join(",", answer) + "]");
    }

    private MockResponse.Builder create(RecordedRequest request, String key) throws InterruptedException {
        Matcher matcher = BTIH.matcher(URLDecoder.decode(request.getBody().utf8(), StandardCharsets.UTF_8));
        if (!matcher.find()) {
            return envelope(400, false, "INVALID_OPTION", "null");
        }
        Thread.sleep(createDelayMs);
        CountDownLatch gate = createGate;
        if (gate != null) {
            gate.countDown();
            gate.await(5, TimeUnit.SECONDS);
        }
        Torrent torrent = known.get(matcher.group(1).toLowerCase());
        if (torrent == null) {
            return envelope(400, false, "BOZO_TORRENT", "null");
        }
        int id = ids.incrementAndGet();
        byId.put(id, torrent);
        owners.put(id, key);
        return envelope(200, true, null, "{\"torrent_id\":" + id + ",\"hash\":\"" + torrent.hash() + "\",\"auth_id\":\"a\"}");
    }

    /** {@code mylist} without {@code id}: the key's own torrents, newest first, {@code offset}/{@code limit} + 1. */
    private MockResponse.Builder accountList(RecordedRequest request) {
        String key = bearer(request);
        int offset = Integer.parseInt(java.util.Objects.requireNonNullElse(request.getUrl().queryParameter("offset"), "0"));
        int limit = Integer.parseInt(java.util.Objects.requireNonNullElse(request.getUrl().queryParameter("limit"), "1000"));
        List<String> items = owners.entrySet().stream().filter(entry -> entry.getValue().equals(key))
                .map(Map.Entry::getKey).sorted(java.util.Comparator.reverseOrder()).skip(offset).limit(limit + 1L)
                .map(id -> torrentJson(id, byId.get(id))).toList();
        return envelope(200, true, null, "[" + String.join(",", items) + "]");
    }

    private MockResponse.Builder myList(RecordedRequest request) {
        int id = Integer.parseInt(request.getUrl().queryParameter("id"));
        return envelope(200, true, null, torrentJson(id, byId.get(id)));
    }

    private String torrentJson(int id, Torrent torrent) {
        boolean ready = cached.containsKey(torrent.hash());
        StringBuilder files = new StringBuilder();
        for (int i = 0; i < torrent.paths().size(); i++) {
            String path = torrent.paths().get(i);
            files.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"name\":").append(quote(path))
                    .append(",\"short_name\":").append(quote(path.substring(path.lastIndexOf('/') + 1)))
                    .append(",\"size\":").append(torrent.fileSize()).append(",\"mimetype\":\"video/x-matroska\"}");
        }
        return "{\"id\":" + id + ",\"hash\":\"" + torrent.hash() + "\",\"name\":"
                + quote(torrent.name()) + ",\"size\":" + totalSize(torrent)
                + ",\"download_state\":\"" + (ready ? "cached" : "downloading") + "\",\"progress\":" + (ready ? 1 : 0.2)
                + ",\"download_present\":" + ready + ",\"download_finished\":" + ready
                + ",\"created_at\":\"2026-11-26T00:00:00Z\",\"files\":[" + files + "]}";
    }

    /** The torrent a call is about, as far as its request names one ("" for a batch or none). */
    private String hashOf(String operation, RecordedRequest request) {
        try {
            if (operation.equals("createtorrent")) {
                Matcher matcher = BTIH.matcher(URLDecoder.decode(request.getBody().utf8(), StandardCharsets.UTF_8));
                return matcher.find() ? matcher.group(1).toLowerCase() : "";
            }
            String id = request.getUrl().queryParameter(operation.equals("requestdl") ? "torrent_id" : "id");
            Torrent torrent = operation.equals("mylist") || operation.equals("requestdl") ? byId.get(Integer.parseInt(id)) : null;
            return torrent == null ? "" : torrent.hash();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static long totalSize(Torrent torrent) {
        return torrent.fileSize() * torrent.paths().size();
    }

    private static String bearer(RecordedRequest request) {
        String header = request.getHeaders().get("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring("Bearer ".length()) : null;
    }

    private static MockResponse.Builder envelope(int status, boolean success, String error, String data) {
        String body = "{\"success\":" + success + ",\"error\":" + (error == null ? "null" : quote(error))
                + ",\"detail\":\"fake\",\"data\":" + data + "}";
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body);
    }

    private static String quote(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
