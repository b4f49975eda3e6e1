package dev.chillproxy.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.chillproxy.core.testing.TestClock;
import dev.chillproxy.server.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestLimitsTest {

    private static final String IP = "203.0.113.7";
    private static final String USER = "0f8fad5b-d9cb-469f-a165-70867728950e";

    private final TestClock clock = new TestClock();

    /** How many of {@code attempts} requests from one IP pass right now. */
    private static int allowedIps(RequestLimits limits, String ip, int attempts) {
        int allowed = 0;
        for (int i = 0; i < attempts; i++) {
            if (limits.checkIp(ip).isEmpty()) {
                allowed++;
            }
        }
        return allowed;
    }

    @Test
    void aQuietClientMayBurstTwiceTheRateThenWaitsOneInterval() {
        RequestLimits limits = new RequestLimits(10, 5, clock::nanos, 100);
        assertEquals(10, allowedIps(limits, IP, 10));
        assertEquals(Optional.of(Duration.ofMillis(200)), limits.checkIp(IP), "one token per 1/5 s");
        clock.advance(Duration.ofMillis(199));
        assertEquals(Optional.of(Duration.ofMillis(1)), limits.checkIp(IP));
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), limits.checkIp(IP), "a token came back after 200 ms");
        assertTrue(limits.checkIp(IP).isPresent(), "and only one");
    }

    @Test
    void theSustainedRateIsThePerSecondSetting() {
        RequestLimits limits = new RequestLimits(10, 50, clock::nanos, 100);
        assertEquals(100, allowedIps(limits, IP, 100), "burst of 2 x 50");
        int allowed = 0;
        for (int second = 0; second < 10; second++) {
            clock.advance(Duration.ofSeconds(1));
            allowed += allowedIps(limits, IP, 200);
        }
        assertEquals(500, allowed, "50 a second for 10 seconds");
    }

    @Test
    void idleTimeRefillsUpToTheBurstOnly() {
        RequestLimits limits = new RequestLimits(10, 5, clock::nanos, 100);
        assertEquals(10, allowedIps(limits, IP, 20));
        clock.advance(Duration.ofHours(1));
        assertEquals(10, allowedIps(limits, IP, 20), "an hour of quiet saves no more than the burst");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(5, allowedIps(limits, IP, 20), "half the bucket back after a second");
    }

    @Test
    void refusedRequestsTakeNoToken() {
        RequestLimits limits = new RequestLimits(10, 1, clock::nanos, 100);
        assertEquals(2, allowedIps(limits, IP, 2));
        for (int i = 0; i < 1000; i++) {
            assertTrue(limits.checkIp(IP).isPresent());
        }
        clock.advance(Duration.ofSeconds(1));
        assertTrue(limits.checkIp(IP).isEmpty(), "hammering while limited does not push the wait out");
    }

    @Test
    void usersAndAddressesHaveTheirOwnBuckets() {
        RequestLimits limits = new RequestLimits(2, 3, clock::nanos, 100);
        for (int i = 0; i < 4; i++) {
            assertTrue(limits.checkUser(USER).isEmpty());
        }
        assertEquals(Optional.of(Duration.ofMillis(500)), limits.checkUser(USER), "user: 2/s, burst 4");
        assertTrue(limits.checkUser("another-user").isEmpty());
        assertEquals(6, allowedIps(limits, IP, 10), "the IP limit is not touched by user checks");
        assertEquals(6, allowedIps(limits, "198.51.100.1", 10));
    }

    @ParameterizedTest(name = "{0} and {1}: same bucket {2}")
    @CsvSource({
            "2001:db8:1:2::1, 2001:db8:1:2:ffff:ffff:ffff:ffff, true",
            "2001:DB8:1:2:0:0:0:1, 2001:db8:1:2::1, true",
            "2001:db8:1:2::1, 2001:db8:1:3::1, false",
            "::ffff:192.0.2.1, 192.0.2.1, true",
            "192.0.2.1, 192.0.2.2, false",
    })
    void ipv6ClientsAreCountedPerSlash64(String first, String second, boolean shared) {
        RequestLimits limits = new RequestLimits(10, 1, clock::nanos, 100);
        assertEquals(2, allowedIps(limits, first, 2));
        assertEquals(shared, limits.checkIp(second).isPresent());
    }

    @Test
    void ipKeysAreCanonicalAddressesOrSlash64Blocks() {
        assertEquals("2001:db8:1:2::/64", RequestLimits.ipKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals("192.0.2.1", RequestLimits.ipKey("::ffff:192.0.2.1"));
        assertEquals("not-an-ip", RequestLimits.ipKey("not-an-ip"));
    }

    @Test
    void idleKeysAreDroppedOnceTheirBucketIsFullAgain() {
        RequestLimits limits = new RequestLimits(10, 5, clock::nanos, 100);
        limits.checkIp(IP);
        limits.checkUser(USER);
        assertEquals(1, limits.trackedIps());
        assertEquals(1, limits.trackedUsers());
        clock.advance(RequestLimits.IDLE.plusMillis(1));
        assertEquals(0, limits.trackedIps());
        assertEquals(0, limits.trackedUsers());
    }

    @Test
    void aFloodOfDistinctAddressesKeepsTheMapBounded() {
        RequestLimits limits = new RequestLimits(10, 50, clock::nanos, RequestLimits.DEFAULT_MAX_KEYS);
        for (int i = 0; i < 100_000; i++) {
            assertTrue(limits.checkIp("10." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff)).isEmpty());
            limits.checkUser("user-" + i);
        }
        assertTrue(limits.trackedIps() <= RequestLimits.DEFAULT_MAX_KEYS, "ips: " + limits.trackedIps());
        assertTrue(limits.trackedUsers() <= RequestLimits.DEFAULT_MAX_KEYS, "users: " + limits.trackedUsers());
        assertTrue(limits.trackedIps() > 0);
    }

    @Test
    void concurrentRequestsNeverGetMoreThanTheBurst() throws Exception {
        RequestLimits limits = new RequestLimits(10, 100, clock::nanos, 100);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Integer> hammer = () -> {
                    start.await();
                    return allowedIps(limits, IP, 1_000);
                };
                results.add(pool.submit(hammer));
            }
            start.countDown();
            int allowed = 0;
            for (Future<Integer> result : results) {
                allowed += result.get(30, TimeUnit.SECONDS);
            }
            assertEquals(200, allowed, "the clock stands still: exactly the burst of 2 x 100 passes");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void settingsGiveTheRates() {
        RequestLimits limits = new RequestLimits(Settings.fromEnvironment(
                Map.of("RATE_LIMIT_USER_RPS", "1", "RATE_LIMIT_IP_RPS", "2")), clock::nanos);
        assertEquals(4, allowedIps(limits, IP, 10), "burst 2 x 2");
        int users = 0;
        for (int i = 0; i < 10; i++) {
            users += limits.checkUser(USER).isEmpty() ? 1 : 0;
        }
        assertEquals(2, users, "burst 2 x 1");
    }

    @Test
    void badRatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RequestLimits(0, 5, clock::nanos, 100));
        assertThrows(IllegalArgumentException.class, () -> new RequestLimits(5, 5, clock::nanos, 0));
    }
}
