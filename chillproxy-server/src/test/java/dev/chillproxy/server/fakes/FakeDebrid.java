package dev.chillproxy.server.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

import dev.chillproxy.core.store.StoreName;

/**
 * Minimal Real-Debrid, AllDebrid, Premiumize or Debrid-Link: the account call, the cache check where the service has
 * one, and the calls playback makes (add, status with files, link), shaped as the reference sheet describes
 * ({@code /work/shared/reference/debrid-apis.md} §2–5). Every torrent added is ready at once with one video file.
 * Records every key that reached it, accepted or not, so a test can check that no other service's key ever did.
 * Thread-safe.
 */
public final class FakeDebrid extends Dispatcher {

    private static final Pattern BTIH = Pattern.compile("(?i)btih:([0-9a-f]{40})");

    private final StoreName service;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final List<String> keysSeen = new CopyOnWriteArrayList<>();
    private final Map<String, String> torrents = new ConcurrentHashMap<>(); // id -> hash
    private final Set<String> selected = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();

    public FakeDebrid(StoreName service) {
        this.service = service;
    }

    /** The base URL path its store adapter expects under the server's root ({@code *_API_URL}). */
    public String basePath() {
        return switch (service) {
            case REALDEBRID -> "/rest/1.0";
            case PREMIUMIZE -> "/api";
            case DEBRIDLINK -> "/api/v2";
            default -> "";
        };
    }

    public FakeDebrid accept(String key) {
        accepted.add(key);
        return this;
    }

    /** Every key sent to this service, in order (bearer header). */
    public List<String> keysSeen() {
        return List.copyOf(keysSeen);
    }

    /** Torrents added to the accounts, all keys together. */
    public int torrentsAdded() {
        return torrents.size();
    }

    /** The CDN link a ready file of {@code hash} plays from. */
    public String cdn(String hash) {
        return "http://cdn." + service.code() + ".invalid/" + hash + ".mkv";
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String header = request.getHeaders().get("Authorization");
        String key = header != null && header.startsWith("Bearer ") ? header.substring(7) : "";
        keysSeen.add(key);
        String path = request.getUrl().encodedPath().substring(basePath().length());
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        if (!accepted.contains(key)) {
            return json(401, switch (service) {
                case REALDEBRID -> "{\"error\":\"bad_token\",\"error_code\":8}";
                case ALLDEBRID -> "{\"status\":\"error\",\"error\":{\"code\":\"AUTH_BAD_APIKEY\",\"message\":\"bad key\"}}";
                case PREMIUMIZE -> "{\"status\":\"error\",\"message\":\"Not logged in.\"}";
                default -> "{\"success\":false,\"error\":\"badToken\"}";
            });
        }
        return switch (service) {
            case REALDEBRID -> realDebrid(path, request, body);
            case ALLDEBRID -> allDebrid(path, body);
            case PREMIUMIZE -> premiumize(path, request, body);
            default -> debridLink(path, request, body);
        };
    }

    private MockResponse realDebrid(String path, RecordedRequest request, String body) {
        if (path.equals("/user")) {
            return json(200, "{\"id\":7,\"username\":\"u\",\"email\":\"u@example.com\",\"type\":\"premium\",\"premium\":2592000,"
                    + "\"expiration\":\"2031-01-01T00:00:00.000Z\"}");
        }
        if (path.equals("/torrents")) {
            List<String> items = new ArrayList<>();
            torrents.forEach((id, hash) -> items.add(rdInfo(id, hash)));
            return json(200, "[" + String.join(",", items) + "]");
        }
        if (path.equals("/torrents/addMagnet")) {
            String id = add(hashIn(body));
            return json(201, "{\"id\":\"" + id + "\",\"uri\":\"https://api.real-debrid.com/rest/1.0/torrents/info/" + id + "\"}");
        }
        if (path.startsWith("/torrents/selectFiles/")) {
            selected.add(path.substring("/torrents/selectFiles/".length()));
            return new MockResponse.Builder().code(204).build();
        }
        if (path.startsWith("/torrents/info/")) {
            String id = path.substring("/torrents/info/".length());
            return torrents.containsKey(id) ? json(200, rdInfo(id, torrents.get(id)))
                    : json(404, "{\"error\":\"unknown_ressource\",\"error_code\":7}");
        }
        if (path.equals("/unrestrict/link")) {
            Matcher link = Pattern.compile("/d/([A-Za-z0-9]+)").matcher(decode(body));
            String id = link.find() ? link.group(1) : "";
            return json(200, "{\"id\":\"u1\",\"filename\":\"f.mkv\",\"filesize\":1000,\"download\":\""
                    + cdn(torrents.getOrDefault(id, "")) + "\",\"streamable\":1}");
        }
        return json(404, "{\"error\":\"unknown_ressource\",\"error_code\":7}");
    }

    private String rdInfo(String id, String hash) {
        boolean chosen = selected.contains(id);
        return "{\"id\":\"" + id + "\",\"filename\":\"" + hash + "\",\"hash\":\"" + hash + "\",\"bytes\":1000,"
                + "\"original_bytes\":1000,\"status\":\"" + (chosen ? "downloaded" : "waiting_files_selection") + "\","
                + "\"added\":\"2030-01-01T00:00:00.000Z\",\"progress\":" + (chosen ? 100 : 0) + ","
                + "\"files\":[{\"id\":1,\"path\":\"/" + hash + ".mkv\",\"bytes\":1000,\"selected\":" + (chosen ? 1 : 0) + "}],"
                + "\"links\":[" + (chosen ? "\"https://real-debrid.com/d/" + id + "\"" : "") + "]}";
    }

    private MockResponse allDebrid(String path, String body) {
        String form = decode(body);
        if (path.equals("/v4/user")) {
            return adOk("{\"user\":{\"username\":\"u\",\"email\":\"u@example.com\",\"isPremium\":true,\"isTrial\":false,"
                    + "\"premiumUntil\":1924992000}}");
        }
        if (path.equals("/v4/magnet/upload")) {
            String hash = hashIn(body);
            String id = add(hash);
            return adOk("{\"magnets\":[{\"magnet\":\"" + hash + "\",\"hash\":\"" + hash + "\",\"name\":\"" + hash
                    + "\",\"size\":1000,\"ready\":true,\"id\":" + id + "}]}");
        }
        if (path.equals("/v4.1/magnet/status")) {
            Matcher id = Pattern.compile("(?:^|&)id=(\\d+)").matcher(form);
            if (id.find()) {
                String hash = torrents.get(id.group(1));
                return hash == null ? json(200, "{\"status\":\"error\",\"error\":{\"code\":\"MAGNET_INVALID_ID\",\"message\":\"x\"}}")
                        : adOk("{\"magnets\":" + adMagnet(id.group(1), hash) + "}");
            }
            List<String> all = new ArrayList<>();
            torrents.forEach((magnetId, hash) -> all.add(adMagnet(magnetId, hash)));
            return adOk("{\"magnets\":[" + String.join(",", all) + "]}");
        }
        if (path.equals("/v4/magnet/files")) {
            Matcher id = Pattern.compile("id\\[\\]=(\\d+)").matcher(form);
            String magnetId = id.find() ? id.group(1) : "";
            String hash = torrents.getOrDefault(magnetId, "");
            return adOk("{\"magnets\":[{\"id\":\"" + magnetId + "\",\"files\":[{\"n\":\"" + hash + ".mkv\",\"s\":1000,"
                    + "\"l\":\"https://alldebrid.com/f/" + hash + "\"}]}]}");
        }
        if (path.equals("/v4/link/unlock")) {
            Matcher link = Pattern.compile("link=https://alldebrid.com/f/([0-9a-f]{40})").matcher(form);
            return adOk("{\"link\":\"" + cdn(link.find() ? link.group(1) : "") + "\",\"filename\":\"f.mkv\",\"filesize\":1000}");
        }
        return json(404, "{\"status\":\"error\",\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"x\"}}");
    }

    private static String adMagnet(String id, String hash) {
        return "{\"id\":" + id + ",\"filename\":\"" + hash + "\",\"size\":1000,\"hash\":\"" + hash + "\",\"status\":\"Ready\","
                + "\"statusCode\":4,\"uploadDate\":1893456000}";
    }

    private MockResponse premiumize(String path, RecordedRequest request, String body) {
        if (path.equals("/account/info")) {
            return json(200, "{\"status\":\"success\",\"customer_id\":\"42\",\"premium_until\":1924992000}");
        }
        if (path.equals("/cache/check")) {
            List<String> hashes = request.getUrl().queryParameterValues("items[]").stream().map(String::valueOf).toList();
            String answers = String.join(",", hashes.stream().map(h -> "true").toList());
            String names = String.join(",", hashes.stream().map(h -> "\"" + h + ".mkv\"").toList());
            String sizes = String.join(",", hashes.stream().map(h -> "\"1000\"").toList());
            return json(200, "{\"status\":\"success\",\"response\":[" + answers + "],\"filename\":[" + names + "],\"filesize\":["
                    + sizes + "]}");
        }
        if (path.equals("/transfer/create")) {
            String id = add(hashIn(body));
            return json(200, "{\"status\":\"success\",\"id\":\"" + id + "\",\"name\":\"t\",\"type\":\"torrent\"}");
        }
        if (path.equals("/transfer/list")) {
            List<String> items = new ArrayList<>();
            torrents.forEach((id, hash) -> items.add("{\"id\":\"" + id + "\",\"name\":\"" + hash + "\",\"status\":\"finished\","
                    + "\"progress\":1,\"src\":\"" + hash + "\"}"));
            return json(200, "{\"status\":\"success\",\"transfers\":[" + String.join(",", items) + "]}");
        }
        if (path.equals("/transfer/directdl")) {
            String hash = hashIn(body);
            return json(200, "{\"status\":\"success\",\"content\":[{\"path\":\"" + hash + ".mkv\",\"size\":1000,\"link\":\""
                    + cdn(hash) + "\"}]}");
        }
        return json(404, "{\"status\":\"error\",\"message\":\"unknown\"}");
    }

    private MockResponse debridLink(String path, RecordedRequest request, String body) {
        if (path.equals("/account/infos")) {
            return json(200, "{\"success\":true,\"value\":{\"username\":\"u\",\"email\":\"u@example.com\",\"accountType\":1,"
                    + "\"premiumLeft\":2592000}}");
        }
        if (path.equals("/seedbox/add")) {
            String hash = hashIn(body);
            return json(200, "{\"success\":true,\"value\":" + dlTorrent(add(hash), hash) + "}");
        }
        if (path.equals("/seedbox/list")) {
            String wanted = request.getUrl().queryParameter("ids");
            List<String> items = new ArrayList<>();
            torrents.forEach((id, hash) -> {
                if (wanted == null || wanted.equals(id)) {
                    items.add(dlTorrent(id, hash));
                }
            });
            return json(200, "{\"success\":true,\"value\":[" + String.join(",", items) + "],\"pagination\":{\"page\":0,"
                    + "\"pages\":1,\"next\":-1,\"previous\":-1}}");
        }
        return json(404, "{\"success\":false,\"error\":\"notFound\"}");
    }

    private String dlTorrent(String id, String hash) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + hash + "\",\"hashString\":\"" + hash + "\",\"totalSize\":1000,"
                + "\"downloadPercent\":100,\"created\":1893456000,\"files\":[{\"id\":\"" + id + "-0\",\"name\":\"" + hash
                + ".mkv\",\"size\":1000,\"downloadPercent\":100,\"downloadUrl\":\"" + cdn(hash) + "\"}]}";
    }

    private String add(String hash) {
        String id = (service == StoreName.ALLDEBRID ? "" : service.code().toUpperCase(Locale.ROOT)) + (1000 + ids.incrementAndGet());
        torrents.put(id, hash);
        return id;
    }

    private static String hashIn(String body) {
        Matcher matcher = BTIH.matcher(decode(body));
        if (matcher.find()) {
            return matcher.group(1).toLowerCase(Locale.ROOT);
        }
        Matcher bare = Pattern.compile("(?i)\\b([0-9a-f]{40})\\b").matcher(decode(body));
        return bare.find() ? bare.group(1).toLowerCase(Locale.ROOT) : "";
    }

    private static String decode(String form) {
        return java.net.URLDecoder.decode(form, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static MockResponse adOk(String data) {
        return json(200, "{\"status\":\"success\",\"data\":" + data + "}");
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
    }
}
