package dev.chillproxy.server.torz;

import static dev.chillproxy.server.fakes.ServerFixture.KEY_ONE;
import static dev.chillproxy.server.fakes.ServerFixture.cachedHash;
import static dev.chillproxy.server.fakes.ServerFixture.imdbId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.server.fakes.FakeDebrid;
import dev.chillproxy.server.fakes.ServerFixture;

/**
 * Every debrid service's pool end to end, through the running server and embedded pool: a key of each service is
 * added (checked with that service's own account call), a pool user lists and plays through each, and each fake only
 * ever sees its own service's key. One server for the class; each test has its own users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the last test retires AllDebrid's key
class PooledServicesEndToEndTest {

    private static final String PLAYER = "Player/1";
    private static final Map<StoreName, String> KEYS = Map.of(
            StoreName.TORBOX, KEY_ONE,
            StoreName.REALDEBRID, "RDPOOLKEY0000000000000000000000000000000000000000001",
            StoreName.ALLDEBRID, "adpoolkey00000000000000000001",
            StoreName.PREMIUMIZE, "pmpoolkey00000000000000000001",
            StoreName.DEBRIDLINK, "dlpoolkey00000000000000000000000001");

    private final Map<StoreName, FakeDebrid> fakes = new EnumMap<>(StoreName.class);
    private final Map<StoreName, MockWebServer> servers = new EnumMap<>(StoreName.class);
    private ServerFixture fixture;

    @BeforeAll
    void start() throws IOException {
        Map<String, String> env = new HashMap<>();
        for (StoreName service : List.of(StoreName.REALDEBRID, StoreName.ALLDEBRID, StoreName.PREMIUMIZE, StoreName.DEBRIDLINK)) {
            FakeDebrid fake = new FakeDebrid(service).accept(KEYS.get(service));
            MockWebServer server = new MockWebServer();
            server.setDispatcher(fake);
            server.start();
            fakes.put(service, fake);
            servers.put(service, server);
            env.put(service.id().toUpperCase(java.util.Locale.ROOT) + "_API_URL", server.url(fake.basePath()).toString());
        }
        env.put("RATE_LIMIT_USER_RPS", "1000");
        env.put("RATE_LIMIT_IP_RPS", "1000");
        fixture = ServerFixture.withCatalogue(Engine.SQLITE, env);
        for (StoreName service : List.of(StoreName.TORBOX, StoreName.REALDEBRID, StoreName.ALLDEBRID, StoreName.PREMIUMIZE)) {
            fixture.admin("POST", "/pool-keys", "{\"apiKey\":\"" + KEYS.get(service) + "\",\"service\":\"" + service.id()
                    + "\",\"maxUsers\":20}");
        }
    }

    @AfterAll
    void stop() {
        fixture.close();
        servers.values().forEach(MockWebServer::close);
    }

    private static String cfg(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String store(StoreName service, String user) {
        return "{\"c\":\"" + service.code() + "\",\"auth\":\"" + user + "\"}";
    }

    private static List<String> texts(JsonNode streams) {
        return StreamSupport.stream(streams.spliterator(), false)
                .map(s -> s.path("name").asText() + " | " + s.path("description").asText() + " | " + s.path("url").asText())
                .toList();
    }

    /** Lists and plays through {@code service} with a pool user; returns where the playback redirected. */
    private String listAndPlay(StoreName service, int movie) throws IOException {
        String user = fixture.addUser();
        String config = cfg("{\"stores\":[" + store(service, user) + "]}");
        JsonNode streams = fixture.streams("/stremio/torz/" + config + "/stream/movie/" + imdbId(movie) + ".json", PLAYER);
        String link = "/" + service.code() + "/" + cachedHash(movie) + "/";
        assertTrue(texts(streams).stream().anyMatch(s -> s.contains(link)), service + ": " + texts(streams));
        return fixture.play("/stremio/torz/" + config + "/_/strem/" + imdbId(movie) + "/" + service.code() + "/"
                + cachedHash(movie) + "/-1/", PLAYER);
    }

    @Test
    @Order(1)
    void eachServiceListsAndPlaysWithItsOwnPoolKeyAndNoFakeEverSeesAnotherServicesKey() throws IOException {
        assertTrue(listAndPlay(StoreName.TORBOX, 1).startsWith("http://cdn.tb.invalid/"));
        for (StoreName service : List.of(StoreName.REALDEBRID, StoreName.ALLDEBRID, StoreName.PREMIUMIZE)) {
            assertEquals(fakes.get(service).cdn(cachedHash(2)), listAndPlay(service, 2), service.label());
        }
        fixture.admin("POST", "/pool-keys", "{\"apiKey\":\"" + KEYS.get(StoreName.DEBRIDLINK)
                + "\",\"service\":\"debridlink\",\"maxUsers\":20}");
        assertEquals(fakes.get(StoreName.DEBRIDLINK).cdn(cachedHash(3)), listAndPlay(StoreName.DEBRIDLINK, 3));

        assertEquals(Set.of(KEY_ONE), fixture.torBox.keysSeen(), "TorBox saw TorBox's key only");
        fakes.forEach((service, fake) -> {
            assertFalse(fake.keysSeen().isEmpty(), service + " was called");
            assertEquals(Set.of(KEYS.get(service)), Set.copyOf(fake.keysSeen()), service + " saw its own key only");
        });
    }

    /** The pool user holds one assignment per service, shown per service by the admin API. */
    @Test
    @Order(2)
    void aUsersAssignmentsAreKeptPerService() throws IOException {
        String user = fixture.addUser();
        String config = cfg("{\"stores\":[" + store(StoreName.TORBOX, user) + "," + store(StoreName.PREMIUMIZE, user) + "]}");
        fixture.streams("/stremio/torz/" + config + "/stream/movie/" + imdbId(4) + ".json", PLAYER);

        JsonNode assignments = fixture.admin("GET", "/users/" + user, null).get("assignments");
        assertEquals(List.of("premiumize", "torbox"), StreamSupport.stream(assignments.spliterator(), false)
                .map(a -> a.get("service").asText()).toList());
        JsonNode premiumize = fixture.admin("GET", "/pool-keys?service=premiumize", null);
        assertEquals(1, premiumize.get("items").size());
        assertEquals("premiumize", premiumize.get("services").get(0).get("service").asText());
    }

    /** A config listing a service the pool has no key for still answers with the others; alone it says why. */
    @Test
    @Order(3)
    void aServiceWithoutAPoolKeyIsSkippedAndAloneAnswersAClearInfoStream() throws IOException {
        MockWebServer alone = servers.get(StoreName.ALLDEBRID);
        fixture.admin("GET", "/pool-keys?service=alldebrid", null).get("items")
                .forEach(key -> {
                    try {
                        fixture.admin("DELETE", "/pool-keys/" + key.get("id").asText(), null);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        int adCalls = alone.getRequestCount();
        String user = fixture.addUser();

        String both = cfg("{\"stores\":[" + store(StoreName.ALLDEBRID, user) + "," + store(StoreName.TORBOX, user) + "]}");
        List<String> listed = texts(fixture.streams("/stremio/torz/" + both + "/stream/movie/" + imdbId(5) + ".json", PLAYER));
        assertTrue(listed.stream().anyMatch(s -> s.contains("/tb/" + cachedHash(5) + "/")), listed.toString());
        assertFalse(listed.stream().anyMatch(s -> s.contains("/ad/")), listed.toString());

        String onlyAd = cfg("{\"stores\":[" + store(StoreName.ALLDEBRID, user) + "]}");
        List<String> refused = texts(fixture.streams("/stremio/torz/" + onlyAd + "/stream/movie/" + imdbId(5) + ".json", PLAYER));
        assertEquals(1, refused.size());
        assertTrue(refused.get(0).contains("No AllDebrid key in the pool"), refused.toString());
        assertEquals(adCalls, alone.getRequestCount(), "AllDebrid was not called without a key of its own");
    }
}
