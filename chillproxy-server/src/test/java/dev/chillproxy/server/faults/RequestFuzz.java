package dev.chillproxy.server.faults;

import dev.chillproxy.core.store.StoreName;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.server.fakes.ServerFixture;

/**
 * Random and mutated requests for the fuzz test, drawn from a seeded {@link Random} so a failure can be replayed:
 * configs (valid encodings mutated, random base64, percent escapes, huge, empty), ids, playback links, API calls
 * with bad bodies and bearers, admin pages and plain junk paths. Not thread-safe: one instance per thread.
 */
final class RequestFuzz {

    /** What to send; {@code bearer} and {@code body} may be null. */
    record FuzzRequest(String method, String path, String bearer, String body) {
    }

    private static final String[] METHODS = {"GET", "GET", "GET", "HEAD", "POST", "OPTIONS"};
    private static final String[] JUNK = {"", ".", "..", "%2e%2e", "%", "%zz", "%00", "%2F", "%3A", "%25", "~", "é",
            "日本", "😀", "<script>", "'", "\"", "\\", ";", "a b", "+", "=", "?", "#x", "%C0%AF", "\u0000", "null"};
    private static final String[] API_PATHS = {"/api/v1/internal/pool/get-key", "/api/v1/internal/pool/log-usage",
            "/api/v1/internal/revoke", "/api/v1/admin/pool-keys", "/api/v1/admin/users", "/api/v1/admin/usage",
            "/api/v1/admin/stats", "/api/v1/admin/users/%s", "/api/v1/admin/users/%s/devices/%s",
            "/api/v1/admin/pool-keys/%s", "/api/v1/admin/pool-keys/%s/health", "/api/v1/%s"};
    private static final String[] BODIES = {"", "{", "}", "[]", "null", "0", "\"x\"", "{\"userId\":null}",
            "{\"userId\":\"%s\",\"deviceId\":\"d\",\"action\":\"stream-list\"}", "{\"userId\":1,\"deviceId\":[],\"action\":{}}",
            "{\"events\":[{\"eventId\":null}]}", "{\"events\":\"x\"}", "{\"apiKey\":\"%s\",\"maxUsers\":-5}",
            "{\"apiKey\":123}", "{\"status\":\"%s\"}", "{\"id\":\"%s\",\"email\":7}", "{\"userId\":\"%s\"}",
            "stores=%s&sort=%s", "\u0000\u0001\u0002", "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":\"%s\"}]}}}"};

    private final Random random;
    private final String user;
    private final List<String> bearers;

    /** @param bearers valid and invalid bearer values to try (the valid ones reach the handlers' validation) */
    RequestFuzz(long seed, String user, List<String> bearers) {
        this.random = new Random(seed);
        this.user = user;
        this.bearers = List.copyOf(bearers);
    }

    FuzzRequest next() {
        String method = pick(METHODS);
        int family = random.nextInt(10);
        String path = switch (family) {
            case 0, 1, 2 -> "/stremio/torz/" + config() + "/stream/" + pick(new String[] {"movie", "series", junk()}) + "/"
                    + id() + (random.nextBoolean() ? ".json" : "");
            case 3, 4 -> "/stremio/torz/" + config() + "/_/strem/" + id() + "/" + pick(new String[] {"tb", "rd", "p2p", junk()})
                    + "/" + hash() + "/" + pick(new String[] {"-1", "0", "7", "-2", "99999999999", "x", junk()})
                    + (random.nextBoolean() ? "/" + junk() + "name.mkv" : "");
            case 5 -> "/stremio/torz/" + config() + pick(new String[] {"/manifest.json", "/configure", "/", "/stream"});
            case 6, 7 -> api();
            case 8 -> pick(new String[] {"/admin/", "/admin", "/v0/store/_/static/", "/health/", "/v0/", "/metrics/"})
                    + junk() + pick(new String[] {"", "index.html", "../x", "500.mp4", ".css"});
            default -> randomPath();
        };
        if (family == 6 || family == 7) {
            method = random.nextInt(8) == 0 ? pick(new String[] {"PATCH", "DELETE", "GET"}) : "POST";
        }
        String bearer = random.nextInt(3) == 0 ? null : pick(bearers.toArray(String[]::new));
        String body = method.equals("POST") || method.equals("PATCH") ? body() : null;
        return new FuzzRequest(method, path, bearer, body);
    }

    private String config() {
        return switch (random.nextInt(7)) {
            case 0 -> valid();
            case 1, 2 -> mutate(valid());
            case 3 -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(random.nextInt(200)));
            case 4 -> Base64.getEncoder().encodeToString(("{\"stores\":[{\"c\":\"" + junk() + "\",\"auth\":" + pick(BODIES)
                    + "}],\"sort\":\"" + junk() + "\",\"filter\":\"" + junk() + "\"}").getBytes(StandardCharsets.UTF_8));
            case 5 -> random.nextBoolean() ? "" : "A".repeat(1 + random.nextInt(3_000));
            default -> junk() + junk() + junk();
        };
    }

    private String valid() {
        String who = random.nextBoolean() ? user : UUID.randomUUID().toString();
        boolean p2p = random.nextInt(5) == 0;
        List<StoreConfig> stores = p2p ? List.of() : List.of(StoreConfig.pooled(StoreName.TORBOX, who));
        String sort = pick(new String[] {"", "-resolution,-size", "bogus", "-", ",,,"});
        String filter = pick(new String[] {"", "Resolution == \"1080p\"", "((", "Size > ", "x ~= y"});
        return ConfigCodec.encode(new TorzConfig(p2p, stores, List.of(), random.nextBoolean(), false, sort, filter));
    }

    private String mutate(String text) {
        StringBuilder mutated = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && mutated.length() > 0; i++) {
            int at = random.nextInt(mutated.length());
            switch (random.nextInt(4)) {
                case 0 -> mutated.setCharAt(at, (char) (33 + random.nextInt(94)));
                case 1 -> mutated.insert(at, junk());
                case 2 -> mutated.setLength(at);
                default -> mutated.deleteCharAt(at);
            }
        }
        return mutated.toString();
    }

    private String id() {
        return switch (random.nextInt(8)) {
            case 0 -> "tt" + (9_000_000 + random.nextInt(ServerFixture.MOVIES));
            case 1 -> "tt" + random.nextInt(10_000_000) + "%3A" + random.nextInt(40) + "%3A" + random.nextInt(40);
            case 2 -> "tt" + random.nextInt(1_000) + ":" + junk() + ":" + (random.nextInt(3) - 1);
            case 3 -> "tt" + junk() + junk();
            case 4 -> pick(new String[] {"kitsu:", "mal:", "kitsu:1:x", "anidb:1", "tmdb:"}) + junk();
            case 5 -> junk();
            case 6 -> "tt" + "9".repeat(1 + random.nextInt(30));
            default -> Long.toString(random.nextLong());
        };
    }

    private String hash() {
        return switch (random.nextInt(5)) {
            case 0 -> ServerFixture.cachedHash(random.nextInt(ServerFixture.MOVIES));
            case 1 -> ServerFixture.cachedHash(random.nextInt(ServerFixture.MOVIES)) + "-" + junk()
                    + Base64.getUrlEncoder().encodeToString(bytes(random.nextInt(20)));
            case 2 -> "g".repeat(40);
            case 3 -> Integer.toHexString(random.nextInt());
            default -> junk();
        };
    }

    private String api() {
        String template = pick(API_PATHS);
        String path = String.format(template, pickId(), pickId());
        return random.nextInt(3) == 0 ? path + "?" + pick(new String[] {"limit=-1", "limit=x", "since=yesterday",
                "cursor=" + junk(), "from=1&to=0", "userId=" + junk(), "action=" + junk()}) : path;
    }

    private String pickId() {
        return random.nextBoolean() ? UUID.randomUUID().toString() : junk() + random.nextInt(100);
    }

    private String body() {
        String template = pick(BODIES);
        String body = template.contains("%s") ? template.replace("%s", random.nextBoolean() ? user : junk()) : template;
        return random.nextInt(6) == 0 ? mutate(body) : body;
    }

    private String randomPath() {
        StringBuilder path = new StringBuilder();
        int segments = 1 + random.nextInt(6);
        for (int i = 0; i < segments; i++) {
            path.append('/').append(random.nextBoolean() ? junk() : Integer.toString(random.nextInt(1000), 36));
        }
        return path.toString();
    }

    private String junk() {
        return pick(JUNK);
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }
}
