import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Local stand-ins for the benchmark's upstreams, on one loopback port, every answer after a FIXED latency
 * (JDK only, no build step):
 *
 * <pre>java scripts/FakeUpstreams.java --port 9000 --latency-ms 50 [--key tb-bench-key]</pre>
 *
 * <ul>
 *   <li>TorBox ({@code /v1/api/...}, debrid-apis.md §1): {@code user/me}, POST {@code torrents/checkcached?format=list}
 *       with a JSON body, {@code torrents/createtorrent}, {@code torrents/mylist?id=}, {@code torrents/requestdl?token=}
 *       (answers a CDN URL that never carries the key). Only {@code --key} is accepted (403 BAD_TOKEN otherwise).</li>
 *   <li>A Jackett-style Torznab endpoint (any path ending in {@code /api}): {@code t=caps} with imdbid support, and a
 *       feed of {@value #ITEMS} movie releases for any {@code imdbid}.</li>
 * </ul>
 *
 * <p>Stateless: an info hash encodes its imdb number and release index ({@code %010d%030x}), a torrent id is
 * {@code imdb * 100 + index}, so any hash or id the feed ever named can be answered. Releases with
 * {@code index % 3 != 2} are cached. {@code GET /stats} prints request counts per operation (no latency).
 */
public final class FakeUpstreams {

    static final int ITEMS = 30;
    private static final String[] RESOLUTIONS = {"2160p", "1080p", "720p", "480p"};
    private static final String[] SOURCES = {"BluRay", "WEB-DL", "WEBRip", "HDTV"};
    private static final String[] CODECS = {"x265", "x264"};
    private static final Pattern BTIH = Pattern.compile("btih:([0-9a-fA-F]{40})");
    private static final Pattern HASH = Pattern.compile("\"([0-9a-fA-F]{40})\"");

    private final long latencyMs;
    private final String key;
    private final Map<String, AtomicLong> counts = new java.util.concurrent.ConcurrentHashMap<>();

    FakeUpstreams(long latencyMs, String key) {
        this.latencyMs = latencyMs;
        this.key = key;
    }

    public static void main(String[] args) throws IOException {
        int port = 9000;
        long latency = 50;
        String key = "tb-bench-key-0000000000000000000000000000";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--latency-ms" -> latency = Long.parseLong(args[i + 1]);
                case "--key" -> key = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // without TCP_NODELAY, Nagle plus the client's delayed ACK adds ~40 ms to answers written in two parts
        System.setProperty("sun.net.httpserver.nodelay", "true");
        FakeUpstreams fakes = new FakeUpstreams(latency, key);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        // one thread per in-flight request, so the fixed latency overlaps instead of queueing
        ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", fakes::handle);
        server.start();
        System.out.println("fake upstreams on http://127.0.0.1:" + port + " latency " + latency + " ms");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI());
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/stats")) {
                StringBuilder text = new StringBuilder();
                counts.forEach((operation, count) -> text.append(operation).append(' ').append(count).append('\n'));
                send(exchange, 200, "text/plain", text.toString());
                return;
            }
            Thread.sleep(latencyMs);
            if (path.startsWith("/v1/api/")) {
                torbox(exchange, path.substring("/v1/api/".length()), query, new String(body, StandardCharsets.UTF_8));
            } else if (path.endsWith("/api")) {
                torznab(exchange, query);
            } else {
                send(exchange, 404, "text/plain", "not found");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(exchange, 500, "application/json", envelope(false, "UNKNOWN_ERROR", "null"));
        }
    }

    private void torbox(HttpExchange exchange, String operation, Map<String, String> query, String body) throws IOException {
        count("torbox " + operation);
        String given = operation.equals("torrents/requestdl") ? query.get("token") : bearer(exchange);
        if (!key.equals(given)) {
            send(exchange, 403, "application/json", envelope(false, "BAD_TOKEN", "null"));
            return;
        }
        switch (operation) {
            case "user/me" -> send(exchange, 200, "application/json", envelope(true, null,
                    "{\"id\":1,\"auth_id\":\"bench\",\"email\":\"pool@example.com\",\"plan\":2,\"is_subscribed\":true,"
                            + "\"premium_expires_at\":\"2099-01-01T00:00:00Z\",\"cooldown_until\":null}"));
            case "torrents/checkcached" -> {
                List<String> cached = new ArrayList<>();
                Matcher hashes = HASH.matcher(body);
                while (hashes.find()) {
                    Release release = Release.of(hashes.group(1));
                    if (release != null && release.cached()) {
                        cached.add("{\"name\":" + quote(release.name()) + ",\"size\":" + release.size() + ",\"hash\":\""
                                + release.hash() + "\",\"files\":[{\"name\":" + quote(release.path()) + ",\"size\":"
                                + release.size() + "}]}");
                    }
                }
                send(exchange, 200, "application/json", envelope(true, null,
                        cached.isEmpty() ? "null" : "[" + String.join(",", cached) + "]"));
            }
            case "torrents/createtorrent" -> {
                Matcher magnet = BTIH.matcher(URLDecoder.decode(body, StandardCharsets.UTF_8));
                Release release = magnet.find() ? Release.of(magnet.group(1)) : null;
                if (release == null) {
                    send(exchange, 400, "application/json", envelope(false, "BOZO_TORRENT", "null"));
                    return;
                }
                send(exchange, 200, "application/json", envelope(true, null, "{\"torrent_id\":" + release.torrentId()
                        + ",\"hash\":\"" + release.hash() + "\",\"auth_id\":\"bench\"}"));
            }
            case "torrents/mylist" -> {
                Release release = Release.ofTorrentId(Long.parseLong(query.getOrDefault("id", "0")));
                if (release == null) {
                    send(exchange, 404, "application/json", envelope(false, "ITEM_NOT_FOUND", "null"));
                    return;
                }
                boolean ready = release.cached();
                send(exchange, 200, "application/json", envelope(true, null, "{\"id\":" + release.torrentId()
                        + ",\"hash\":\"" + release.hash() + "\",\"name\":" + quote(release.name()) + ",\"size\":"
                        + release.size() + ",\"download_state\":\"" + (ready ? "cached" : "downloading")
                        + "\",\"progress\":" + (ready ? "1" : "0.2") + ",\"download_present\":" + ready
                        + ",\"download_finished\":" + ready + ",\"created_at\":\"2026-01-01T00:00:00Z\",\"files\":[{\"id\":0,"
                        + "\"name\":" + quote(release.path()) + ",\"short_name\":" + quote(release.name() + ".mkv")
                        + ",\"size\":" + release.size() + ",\"mimetype\":\"video/x-matroska\"}]}"));
            }
            case "torrents/requestdl" -> send(exchange, 200, "application/json", envelope(true, null,
                    "\"http://127.0.0.1:9/dld/" + query.get("torrent_id") + "/" + query.get("file_id") + "?sig=cdnsig\""));
            default -> send(exchange, 404, "application/json", envelope(false, "ENDPOINT_NOT_FOUND", "null"));
        }
    }

    private void torznab(HttpExchange exchange, Map<String, String> query) throws IOException {
        String function = query.getOrDefault("t", "");
        count("torznab " + function);
        if (function.equals("caps")) {
            send(exchange, 200, "application/xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <caps><server title="Bench Jackett" /><limits default="100" max="100" />
                      <searching>
                        <search available="yes" supportedParams="q" />
                        <tv-search available="yes" supportedParams="q,season,ep,imdbid" />
                        <movie-search available="yes" supportedParams="q,imdbid" />
                      </searching></caps>""");
            return;
        }
        StringBuilder feed = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<rss version=\"2.0\" xmlns:torznab=\"http://torznab.com/schemas/2015/feed\"><channel><title>bench</title>");
        String imdb = query.getOrDefault("imdbid", "");
        if (imdb.matches("(tt)?\\d{1,10}")) {
            long number = Long.parseLong(imdb.replace("tt", ""));
            for (int index = 0; index < ITEMS; index++) {
                Release release = new Release(number, index);
                feed.append("<item><title>").append(release.name()).append("</title>")
                        .append("<jackettindexer id=\"bench\">BenchTracker</jackettindexer>")
                        .append("<size>").append(release.size()).append("</size>")
                        .append("<torznab:attr name=\"seeders\" value=\"").append(100 - index).append("\"/>")
                        .append("<torznab:attr name=\"infohash\" value=\"").append(release.hash()).append("\"/>")
                        .append("</item>");
            }
        }
        send(exchange, 200, "application/rss+xml", feed.append("</channel></rss>").toString());
    }

    /** One release of the feed, derived from (imdb number, index) alone. */
    record Release(long imdb, int index) {
        static Release of(String hash) {
            String lower = hash.toLowerCase(Locale.ROOT);
            if (!lower.substring(0, 10).chars().allMatch(Character::isDigit)) {
                return null;
            }
            BigInteger index = new BigInteger(lower.substring(10), 16);
            return index.compareTo(BigInteger.valueOf(ITEMS)) < 0
                    ? new Release(Long.parseLong(lower.substring(0, 10)), index.intValue()) : null;
        }

        static Release ofTorrentId(long id) {
            return id <= 0 || id % 100 >= ITEMS ? null : new Release(id / 100, (int) (id % 100));
        }

        String hash() {
            return String.format(Locale.ROOT, "%010d%030x", imdb, index);
        }

        long torrentId() {
            return imdb * 100 + index;
        }

        boolean cached() {
            return index % 3 != 2;
        }

        String name() {
            return "Bench.Movie." + imdb + ".2019." + RESOLUTIONS[index % RESOLUTIONS.length] + "."
                    + SOURCES[(index / 4) % SOURCES.length] + "." + CODECS[index % 2] + "-GRP" + index;
        }

        String path() {
            return name() + "/" + name() + ".mkv";
        }

        long size() {
            return 700_000_000L + index * 350_000_000L;
        }
    }

    private void count(String operation) {
        counts.computeIfAbsent(operation, name -> new AtomicLong()).incrementAndGet();
    }

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring("Bearer ".length()) : null;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String envelope(boolean success, String error, String data) {
        return "{\"success\":" + success + ",\"error\":" + (error == null ? "null" : quote(error))
                + ",\"detail\":\"fake\",\"data\":" + data + "}";
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
