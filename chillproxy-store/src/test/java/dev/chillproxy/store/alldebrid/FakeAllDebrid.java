package dev.chillproxy.store.alldebrid;

import static dev.chillproxy.store.Fixtures.json;

import dev.chillproxy.store.FakeService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * AllDebrid as the reference describes it: POST forms for everything (a GET is {@code DISCONTINUED}), Bearer auth,
 * the {@code {"status","data"|"error"}} envelope, an upload that is idempotent per hash with per-item errors,
 * {@code v4.1/magnet/status} answering an object for one id and an array for all, the {@code {n,s,l,e}} file tree
 * and {@code link/unlock}. Thread-safe through {@link FakeService}.
 */
final class FakeAllDebrid extends FakeService {

    private static final Pattern BTIH = Pattern.compile("(?i)(?:btih:)?([0-9a-f]{40})");

    private final String key;
    private final Map<String, Magnet> magnets = new LinkedHashMap<>();
    private long nextId = 123456789;
    /** Whether an uploaded magnet is in AllDebrid's cache (ready at once) or starts downloading. */
    volatile boolean cached = true;
    volatile boolean premium = true;
    /**
     * When positive, a link is "delayed": {@code link/unlock} gives a delayed id and {@code link/delayed} answers
     * "processing" this many times minus one, then the link; when {@link #delayedFails}, "failed" instead.
     */
    volatile int delayedPolls;
    volatile boolean delayedFails;
    private int delayedAsked;
    private String delayedLink = "";

    private record Magnet(long id, String hash, int statusCode) {
    }

    FakeAllDebrid(String key) {
        this.key = key;
    }

    synchronized int magnetCount() {
        return magnets.size();
    }

    @Override
    protected MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (!request.getMethod().equals("POST")) {
            return error(400, "DISCONTINUED", "This endpoint is discontinued, use POST");
        }
        if (!("Bearer " + key).equals(request.getHeaders().get("Authorization"))) {
            return error(401, "AUTH_BAD_APIKEY", "The auth apikey is invalid");
        }
        Map<String, List<String>> form = form(request);
        return switch (path) {
            case "/v4/user" -> ok("{\"user\":{\"username\":\"u\",\"email\":\"u@example.com\",\"isPremium\":" + premium
                    + ",\"isSubscribed\":" + premium + ",\"isTrial\":false,\"premiumUntil\":" + (premium ? 4102444800L : 0)
                    + ",\"lang\":\"en\",\"fidelityPoints\":0}}");
            case "/v4/magnet/upload" -> upload(form.getOrDefault("magnets[]", List.of()));
            case "/v4.1/magnet/status" -> status(first(form, "id"));
            case "/v4/magnet/files" -> files(form.getOrDefault("id[]", List.of()));
            case "/v4/magnet/delete" -> delete(first(form, "id"));
            case "/v4/link/unlock" -> delayedPolls > 0 ? delay(first(form, "link")) : unlock(first(form, "link"));
            case "/v4/link/delayed" -> delayed(first(form, "id"));
            default -> error(404, "404", "Endpoint doesn't exist");
        };
    }

    private MockResponse upload(List<String> inputs) {
        List<String> items = new ArrayList<>();
        for (String input : inputs) {
            Matcher hash = BTIH.matcher(input);
            if (!hash.find()) {
                items.add("{\"magnet\":\"" + input + "\",\"error\":{\"code\":\"MAGNET_INVALID_URI\",\"message\":\"This magnet is not valid\"}}");
                continue;
            }
            String lower = hash.group(1).toLowerCase();
            Magnet magnet = magnets.computeIfAbsent(lower, h -> new Magnet(nextId++, h, cached ? 4 : 1));
            items.add("{\"magnet\":\"" + input + "\",\"hash\":\"" + lower + "\",\"name\":\"Show.S01.1080p.WEB-DL\","
                    + "\"filename_original\":\"\",\"size\":4294967296,\"ready\":" + (magnet.statusCode() == 4)
                    + ",\"id\":" + magnet.id() + "}");
        }
        return ok("{\"magnets\":[" + String.join(",", items) + "]}");
    }

    private MockResponse status(String id) {
        if (id.isEmpty()) {
            List<String> all = new ArrayList<>();
            magnets.values().forEach(magnet -> all.add(0, status(magnet)));
            return ok("{\"magnets\":[" + String.join(",", all) + "],\"counter\":1,\"fullsync\":true}");
        }
        Magnet magnet = byId(id);
        return magnet == null ? error(200, "MAGNET_INVALID_ID", "This magnet ID does not exists or is invalid")
                : ok("{\"magnets\":" + status(magnet) + "}");
    }

    private static String status(Magnet magnet) {
        return "{\"id\":" + magnet.id() + ",\"filename\":\"Show.S01.1080p.WEB-DL\",\"size\":4294967296,\"hash\":\""
                + magnet.hash() + "\",\"status\":\"" + (magnet.statusCode() == 4 ? "Ready" : "Downloading")
                + "\",\"statusCode\":" + magnet.statusCode() + ",\"downloaded\":0,\"uploadDate\":1700000000,"
                + "\"completionDate\":0,\"type\":\"m\",\"nbLinks\":2}";
    }

    private MockResponse files(List<String> ids) {
        List<String> entries = new ArrayList<>();
        for (String id : ids) {
            Magnet magnet = byId(id);
            entries.add(magnet == null
                    ? "{\"id\":\"" + id + "\",\"error\":{\"code\":\"MAGNET_INVALID_ID\",\"message\":\"invalid id\"}}"
                    : "{\"id\":\"" + id + "\",\"files\":[{\"n\":\"Show.S01.1080p.WEB-DL\",\"e\":["
                    + "{\"n\":\"Show.S01E01.1080p.WEB-DL.mkv\",\"s\":2147483648,\"l\":\"https://alldebrid.com/f/E01" + id + "\"},"
                    + "{\"n\":\"Subs\",\"e\":[{\"n\":\"en.srt\",\"s\":2048,\"l\":\"https://alldebrid.com/f/SRT" + id + "\"}]},"
                    + "{\"n\":\"sample.txt\",\"s\":1024,\"l\":\"https://alldebrid.com/f/TXT" + id + "\"}]}]}");
        }
        return ok("{\"magnets\":[" + String.join(",", entries) + "]}");
    }

    private MockResponse delete(String id) {
        Magnet magnet = byId(id);
        if (magnet == null) {
            return error(200, "MAGNET_INVALID_ID", "This magnet ID does not exists or is invalid");
        }
        magnets.remove(magnet.hash());
        return ok("{\"message\":\"Magnet was successfully deleted\"}");
    }

    private synchronized MockResponse delay(String link) {
        if (!link.startsWith("https://alldebrid.com/f/")) {
            return unlock(link);
        }
        delayedAsked = 0;
        delayedLink = "https://abcd.debrid.it/dl/" + link.substring("https://alldebrid.com/f/".length()) + "/file.mkv";
        return ok("{\"link\":\"\",\"host\":\"uptobox\",\"filename\":\"file.mkv\",\"delayed\":77,\"streams\":[],\"paws\":false}");
    }

    private synchronized MockResponse delayed(String id) {
        if (!"77".equals(id)) {
            return error(200, "DELAYED_INVALID_ID", "This delayed link id is invalid");
        }
        delayedAsked++;
        if (delayedFails) {
            return ok("{\"status\":3,\"time_left\":0,\"link\":\"\"}");
        }
        return delayedAsked < delayedPolls ? ok("{\"status\":1,\"time_left\":20,\"link\":\"\"}")
                : ok("{\"status\":2,\"time_left\":0,\"link\":\"" + delayedLink + "\"}");
    }

    synchronized int delayedAsked() {
        return delayedAsked;
    }

    private static MockResponse unlock(String link) {
        if (!link.startsWith("https://alldebrid.com/f/")) {
            return error(200, "LINK_DOWN", "This link is not available on the file hoster website");
        }
        String code = link.substring("https://alldebrid.com/f/".length());
        return ok("{\"link\":\"https://abcd.debrid.it/dl/" + code + "/file.mkv\",\"host\":\"magnet\",\"filename\":\"file.mkv\","
                + "\"filesize\":\"2147483648\",\"id\":\"" + code + "\",\"streams\":[],\"paws\":false}");
    }

    private Magnet byId(String id) {
        return magnets.values().stream().filter(magnet -> Long.toString(magnet.id()).equals(id)).findFirst().orElse(null);
    }

    private static MockResponse ok(String data) {
        return json("{\"status\":\"success\",\"data\":" + data + "}");
    }

    static MockResponse error(int status, String code, String message) {
        return json(status, "{\"status\":\"error\",\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }
}
