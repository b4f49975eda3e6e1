package dev.chillproxy.server.faults;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * A TorBox following the documented contract (debrid-apis.md §1), adapted from the torz tests' fake, that can be
 * made to misbehave: an operation can answer a fixed error status or answer late, and a key can be revoked (401).
 * Counts every HTTP request per operation (failed ones included) and records which key made each call.
 * Thread-safe.
 */
final class FakeTorBox extends Dispatcher {

    record Call(String operation, String key) {
    }

    record Torrent(String hash, String name, String path, long size) {
    }

    /** How an operation misbehaves: {@code status} 0 = answer normally, after {@code delayMs}. */
    record Fault(int status, long delayMs, String retryAfter) {
    }

    private static final Pattern BTIH = Pattern.compile("btih:([0-9a-fA-F]{40})");
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Set<String> validKeys = ConcurrentHashMap.newKeySet();
    private final Set<String> revokedKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, Torrent> cached = new ConcurrentHashMap<>();
    private final Map<Integer, Torrent> byId = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1000);

    void acceptKey(String key) {
        validKeys.add(key);
    }

    /** From now on this key gets 401 {@code AUTH_ERROR}, as when TorBox revoked it. */
    void revoke(String key) {
        revokedKeys.add(key);
    }

    void cache(Torrent torrent) {
        cached.put(torrent.hash(), torrent);
    }

    /** {@code operation} is the last path segment: {@code checkcached}, {@code createtorrent}, {@code mylist}… */
    void fault(String operation, Fault fault) {
        faults.put(operation, fault);
    }

    void heal() {
        faults.clear();
    }

    int requests(String operation) {
        return requests.computeIfAbsent(operation, any -> new AtomicInteger()).get();
    }

    void resetCounts() {
        requests.clear();
        calls.clear();
    }

    List<String> keysUsedFor(String operation) {
        return calls.stream().filter(call -> call.operation().equals(operation)).map(Call::key).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String operation = path.substring(path.lastIndexOf('/') + 1);
        requests.computeIfAbsent(operation, any -> new AtomicInteger()).incrementAndGet();
        String key = operation.equals("requestdl") ? request.getUrl().queryParameter("token") : bearer(request);
        if (key != null && revokedKeys.contains(key)) {
            calls.add(new Call(operation, key));
            return envelope(401, false, "AUTH_ERROR", "null").build();
        }
        if (key == null || !validKeys.contains(key)) {
            return envelope(403, false, "BAD_TOKEN", "null").build();
        }
        calls.add(new Call(operation, key));
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

    private MockResponse.Builder answer(String operation, RecordedRequest request) {
        try {
            return switch (operation) {
                case "me" -> envelope(200, true, null, "{\"id\":1,\"email\":\"pool@example.com\",\"plan\":2,"
                        + "\"is_subscribed\":true,\"premium_expires_at\":\"2099-01-01T00:00:00Z\"}");
                case "checkcached" -> checkCached(request);
                case "createtorrent" -> create(request);
                case "mylist" -> myList(request);
                case "requestdl" -> envelope(200, true, null, "\"http://cdn.tb.invalid/dld/"
                        + request.getUrl().queryParameter("torrent_id") + "?sig=cdnsig\"");
                default -> envelope(404, false, "ENDPOINT_NOT_FOUND", "null");
            };
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
                answer.add("{\"name\":" + quote(torrent.name()) + ",\"size\":" + torrent.size() + ",\"hash\":\""
                        + torrent.hash() + "\",\"files\":[{\"name\":" + quote(torrent.path()) + ",\"size\":"
                        + torrent.size() + "}]}");
            }
        }
        return envelope(200, true, null, answer.isEmpty() ? "null" : "[" + String.join(",", answer) + "]");
    }

    private MockResponse.Builder create(RecordedRequest request) {
        Matcher matcher = BTIH.matcher(URLDecoder.decode(request.getBody().utf8(), StandardCharsets.UTF_8));
        Torrent torrent = matcher.find() ? cached.get(matcher.group(1).toLowerCase()) : null;
        if (torrent == null) {
            return envelope(400, false, "BOZO_TORRENT", "null");
        }
        int id = ids.incrementAndGet();
        byId.put(id, torrent);
        return envelope(200, true, null, "{\"torrent_id\":" + id + ",\"hash\":\"" + torrent.hash() + "\",\"auth_id\":\"a\"}");
    }

    private MockResponse.Builder myList(RecordedRequest request) {
        int id = Integer.parseInt(request.getUrl().queryParameter("id"));
        Torrent torrent = byId.get(id);
        String file = torrent.path();
        return envelope(200, true, null, "{\"id\":" + id + ",\"hash\":\"" + torrent.hash() + "\",\"name\":"
                + quote(torrent.name()) + ",\"size\":" + torrent.size() + ",\"download_state\":\"cached\",\"progress\":1"
                + ",\"download_present\":true,\"download_finished\":true,\"created_at\":\"2026-11-26T00:00:00Z\","
                + "\"files\":[{\"id\":0,\"name\":" + quote(file) + ",\"short_name\":" + quote(file) + ",\"size\":"
                + torrent.size() + ",\"mimetype\":\"video/x-matroska\"}]}");
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
