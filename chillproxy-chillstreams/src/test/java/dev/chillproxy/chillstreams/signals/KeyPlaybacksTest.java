package dev.chillproxy.chillstreams.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;

/** POOL_MAX_PLAYBACKS_PER_KEY: a key plays at most that many devices; a device already playing is never refused. */
class KeyPlaybacksTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aThirdDeviceIsRefusedWhileTwoPlayAndAdmittedOnceTheWindowPassed(Engine engine) {
        try (SignalsFixture f = new SignalsFixture(engine)) {
            KeyPlaybacks playbacks = new KeyPlaybacks(f.database(), f.clock, 2, Duration.ofHours(2));

            assertEquals(new PlaybackStart.Admitted(1), playbacks.start("key-1", "ann", "tv", "aaa"));
            assertEquals(new PlaybackStart.Admitted(2), playbacks.start("key-1", "bob", "phone", "bbb"));
            assertEquals(new PlaybackStart.Full(2, 2), playbacks.start("key-1", "cat", "tv", "ccc"));
            assertInstanceOf(PlaybackStart.Admitted.class, playbacks.start("key-2", "cat", "tv", "ccc"), "another key has room");
            assertEquals(new PlaybackStart.Admitted(2), playbacks.start("key-1", "ann", "tv", "ddd"),
                    "Ann's TV moving to the next episode keeps its place");

            f.clock.advance(Duration.ofMinutes(90));
            playbacks.start("key-1", "ann", "tv", "ddd"); // the TV asks again (a seek): still playing
            f.clock.advance(Duration.ofMinutes(31));

            assertEquals(new PlaybackStart.Admitted(2), playbacks.start("key-1", "cat", "tv", "ccc"),
                    "Bob's phone has not asked for two hours: its place is free");
        }
    }

    /** Two instances on one database, eight new devices at once on a key with room for three: exactly three play. */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void theLimitHoldsForDevicesStartingAtOnceThroughTwoInstances(Engine engine) throws Exception {
        try (SignalsFixture f = new SignalsFixture(engine);
             Database second = Database.open(f.test.url())) {
            List<KeyPlaybacks> instances = List.of(new KeyPlaybacks(f.database(), f.clock, 3, Duration.ofHours(2)),
                    new KeyPlaybacks(second, f.clock, 3, Duration.ofHours(2)));
            ExecutorService threads = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<PlaybackStart>> starts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                KeyPlaybacks instance = instances.get(i % 2);
                String device = "device-" + i;
                starts.add(threads.submit(() -> {
                    go.await();
                    return instance.start("key-1", "user-" + device, device, "hash");
                }));
            }
            go.countDown();
            int admitted = 0;
            for (Future<PlaybackStart> start : starts) {
                admitted += start.get() instanceof PlaybackStart.Admitted ? 1 : 0;
            }
            threads.shutdown();

            assertEquals(3, admitted);
        }
    }
}
