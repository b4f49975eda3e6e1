package dev.chillproxy.server.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.server.fakes.FakeChillstreams;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.ServerFixture;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A remote Chillstreams that answers 503, then answers too late, then is gone altogether: users get the "pool
 * unavailable" info stream and error video quickly, usage events wait in the outbox, and once Chillstreams is back
 * every event arrives and the same users are served again without anyone restarting anything.
 */
class ChillstreamsOutageTest {

    private static final String INTERNAL_KEY = "faults-internal-key-0123456789abcdef";
    /** Far beyond the client's 3 s call timeout, bounded so the fake's threads end soon after the test. */
    private static final long SLOW_MS = 4_500;
    /** Generous: the client gives up after 3 s; a hang would be the 30 s read timeout. */
    private static final long FAST_ENOUGH_MS = 10_000;

    private final FakeChillstreams fake = new FakeChillstreams(INTERNAL_KEY, ServerFixture.KEY_ONE, SLOW_MS);
    private final List<MockWebServer> chillstreams = new ArrayList<>();
    private ServerFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
        chillstreams.forEach(MockWebServer::close);
    }

    @Test
    void anOutageFailsFastKeepsEveryUsageEventAndHealsByItself() throws Exception {
        int port = startChillstreams(freePort());
        fixture = ServerFixture.withCatalogue(Engine.SQLITE, Map.of("CHILLSTREAMS_API_URL", "http://127.0.0.1:" + port,
                "CHILLSTREAMS_API_KEY", INTERNAL_KEY));
        assertEquals(2, fixture.streams(ServerFixture.streamPath(UUID.randomUUID().toString(), 0), "Player/1").size(),
                "served while Chillstreams is up");

        List<String> outageUsers = new ArrayList<>();
        for (String outage : List.of("503", "slow", "down")) {
            if (outage.equals("503")) {
                fake.mode(FakeChillstreams.Mode.FAILING);
            } else if (outage.equals("slow")) {
                fake.mode(FakeChillstreams.Mode.SLOW);
            } else {
                chillstreams.get(0).close();
            }
            // a user whose grant is not cached yet, so the pool has to be asked
            String user = UUID.randomUUID().toString();
            outageUsers.add(user);
            long started = System.nanoTime();
            JsonNode streams = fixture.streams(ServerFixture.streamPath(user, 1), "Player/1");
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals(1, streams.size(), outage + ": " + streams);
            assertTrue(streams.get(0).get("name").asText().contains("Key pool unavailable"), outage + ": " + streams);
            assertTrue(streams.get(0).get("description").asText().contains("unreachable"), outage + ": " + streams);
            assertTrue(tookMs < FAST_ENOUGH_MS, outage + " took " + tookMs + " ms");
            String location = fixture.play(ServerFixture.playbackPath(user, 1), "Player/1");
            assertTrue(location.endsWith("/v0/store/_/static/pool_unavailable.mp4"), outage + ": " + location);
        }
        Set<String> waiting = waitingEventIds(outageUsers);
        assertEquals(2 * outageUsers.size(), waiting.size(), "one denial per list and per playback, all kept");

        fake.mode(FakeChillstreams.Mode.UP);
        startChillstreams(port);
        for (String user : outageUsers) {
            assertEquals(2, fixture.streams(ServerFixture.streamPath(user, 1), "Player/1").size(),
                    "served again at once: an unreachable pool is not remembered");
        }
        String location = fixture.play(ServerFixture.playbackPath(outageUsers.get(0), 1), "Player/1");
        assertTrue(location.startsWith("http://cdn.tb.invalid/"), location);

        assertTrue(fixture.server.outbox().drain(Duration.ofSeconds(10)), "outbox empty after recovery");
        Set<String> deliveredDenials = fake.events.stream()
                .filter(event -> outageUsers.contains(event.userId()) && event.action().equals("denied"))
                .map(FakeChillstreams.Received::eventId)
                .collect(Collectors.toSet());
        assertEquals(waiting, deliveredDenials, "every event of the outage delivered, none invented");
        long listsAfter = fake.events.stream()
                .filter(event -> outageUsers.contains(event.userId()) && event.action().equals("stream-list"))
                .map(FakeChillstreams.Received::eventId).distinct().count();
        assertEquals(outageUsers.size(), listsAfter, "the lists served after recovery are recorded too");
    }

    /** A fixed port from the start: MockWebServer sets SO_REUSEADDR only then, which the restart needs. */
    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Starts a Chillstreams on {@code port} and returns it; a restart reuses the old port. */
    private int startChillstreams(int port) throws Exception {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(fake);
        server.start(InetAddress.getByName("127.0.0.1"), port);
        chillstreams.add(server);
        return server.getPort();
    }

    /** The outage's denials in the outbox table, once the journal's lines are moved there. */
    private Set<String> waitingEventIds(List<String> users) {
        fixture.server.outbox().flush();
        return fixture.database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT event_id FROM usage_outbox WHERE action = 'denied' AND user_id IN (<users>)")
                .bindList("users", users)
                .mapTo(String.class)
                .set());
    }
}
