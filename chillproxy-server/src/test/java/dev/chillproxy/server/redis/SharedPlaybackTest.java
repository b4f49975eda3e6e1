package dev.chillproxy.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.core.torz.Access;
import dev.chillproxy.core.torz.DebridGateway.PlaybackFailure;
import dev.chillproxy.core.torz.ErrorVideo;
import dev.chillproxy.server.fakes.FakePool;
import dev.chillproxy.server.fakes.FakeTorBox;
import dev.chillproxy.server.torz.KeyProblemReporter;
import dev.chillproxy.server.torz.SingleFlightAdds;
import dev.chillproxy.server.torz.StoreGateway;
import dev.chillproxy.server.torz.UserAddQuota;
import dev.chillproxy.store.StoreEndpoints;
import dev.chillproxy.store.http.ResilienceSettings;
import dev.chillproxy.store.registry.StoreSet;
import dev.chillproxy.store.torznab.TorrentFetcher;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances on one Redis and one TorBox account: one add per torrent and key, one add quota per user. */
class SharedPlaybackTest {

    private static final OkHttpClient HTTP = new OkHttpClient();
    private static final String KEY = "tb-shared-playback-key-0123456789";
    private static final String HASH = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1";

    @StartStop
    private final MockWebServer torbox = new MockWebServer();
    private final FakeTorBox fakeTorBox = new FakeTorBox();
    private final TestRedis redis = new TestRedis();

    @BeforeEach
    void torBox() {
        torbox.setDispatcher(fakeTorBox);
        fakeTorBox.acceptKey(KEY);
        for (int i = 1; i <= 3; i++) {
            fakeTorBox.know(new FakeTorBox.Torrent(HASH.substring(0, 39) + i, "Show.S01E0" + i + ".1080p",
                    FakeTorBox.paths("Show.S01E0" + i + ".mkv"), 1_000_000));
        }
    }

    @AfterEach
    void cleanUp() {
        redis.close();
    }

    private StoreGateway instance(int addsPerHour) {
        SharedLimits limits = redis.instance();
        String url = torbox.url("/").toString();
        StoreSet stores = StoreSet.create(HTTP, new ObjectMapper(), new StoreEndpoints(url, url, url, url, url), "chillproxy/test",
                limits.resilience(ResilienceSettings.defaults()));
        KeyProblemReporter problems = new KeyProblemReporter(new FakePool(new Grant.Allowed(ApiKey.of("unused"), "unused", 1)),
                Clock.systemUTC());
        return new StoreGateway(stores, new TorrentFetcher(HTTP, Duration.ofSeconds(2)), problems, null, // no private torrents here
                new UserAddQuota(addsPerHour, limits.ledger()),
                new SingleFlightAdds(limits.addClaims(), duration -> Thread.sleep(duration.toMillis()), Duration.ofMillis(50)));
    }

    private static Access.Granted user(String userId) {
        return new Access.Granted(ApiKey.of(KEY), "pk-1", userId, "tb");
    }

    @Test
    void twoInstancesGettingTheSameClickAtOnceAddTheTorrentOnce() throws Exception {
        fakeTorBox.slowCreates(400); // the first add is still running when the second instance gets the click
        StoreGateway first = instance(10);
        StoreGateway second = instance(10);

        CompletableFuture<String> one = CompletableFuture.supplyAsync(() -> add(first, user("user-1"), HASH));
        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> add(second, user("user-2"), HASH));

        assertEquals(one.get(), other.get(), "both play the one torrent added");
        assertEquals(1, fakeTorBox.requests("createtorrent"));
    }

    @Test
    void aUsersAddsPerHourHoldOverBothInstances() throws Exception {
        StoreGateway first = instance(2);
        StoreGateway second = instance(2);

        first.add(StoreName.TORBOX, user("user-1"), HASH.substring(0, 39) + 1, Optional.empty(), null);
        second.add(StoreName.TORBOX, user("user-1"), HASH.substring(0, 39) + 2, Optional.empty(), null);
        PlaybackFailure third = assertThrows(PlaybackFailure.class,
                () -> first.add(StoreName.TORBOX, user("user-1"), HASH.substring(0, 39) + 3, Optional.empty(), null));

        assertEquals(ErrorVideo.BUSY, third.video());
        assertEquals(2, fakeTorBox.requests("createtorrent"));
        first.add(StoreName.TORBOX, user("user-2"), HASH.substring(0, 39) + 3, Optional.empty(), null);
        assertEquals(List.of(KEY, KEY, KEY), fakeTorBox.keysUsedFor("createtorrent"));
    }

    private static String add(StoreGateway gateway, Access.Granted access, String hash) {
        try {
            return gateway.add(StoreName.TORBOX, access, hash, Optional.empty(), null);
        } catch (PlaybackFailure e) {
            throw new AssertionError(e.video() + ": " + e.getMessage(), e);
        }
    }
}
