package dev.chillproxy.chillstreams.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.chillproxy.chillstreams.db.Engine;

/** Each signal fires for the user over its threshold, with the evidence an operator needs, and not for others. */
class AbuseScanTest {

    private static final String ANN = "11111111-1111-4111-8111-111111111111";
    private static final String BOB = "22222222-2222-4222-8222-222222222222";

    @ParameterizedTest
    @EnumSource(Engine.class)
    void threeDevicesInADayAreDeviceChurnWhenTwoAreAllowed(Engine engine) {
        try (SignalsFixture f = new SignalsFixture(engine)) {
            Sightings sightings = f.sightings();
            sightings.device(ANN, "phone");
            f.clock.advance(Duration.ofHours(3));
            sightings.device(ANN, "tv");
            sightings.device(ANN, "laptop");
            sightings.device(BOB, "phone");
            sightings.device(BOB, "tv");

            List<Signal> found = of(f.scan(), SignalKind.DEVICE_CHURN, f);

            assertEquals(1, found.size(), "Bob's two devices are within the threshold");
            Signal signal = found.get(0);
            assertEquals(ANN, signal.userId());
            assertEquals(3, signal.observed());
            assertEquals(2, signal.threshold());
            assertEquals(Set.of("phone", "tv", "laptop"), items(signal));
            assertEquals(f.clock.instant().minus(Duration.ofHours(3)), signal.evidence().get(2).first(), "oldest last: the phone");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void devicesSeenBeforeTheWindowDoNotCount(Engine engine) {
        try (SignalsFixture f = new SignalsFixture(engine)) {
            Sightings sightings = f.sightings();
            sightings.device(ANN, "old-phone");
            f.clock.advance(Duration.ofHours(25));
            sightings.device(ANN, "phone");
            sightings.device(ANN, "tv");

            assertEquals(List.of(), of(f.scan(), SignalKind.DEVICE_CHURN, f));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void threeNetworksAreTheNetworksSignalAndOneNetworkTwiceIsOne(Engine engine) {
        try (SignalsFixture f = new SignalsFixture(engine)) {
            Sightings sightings = f.sightings();
            sightings.network(ANN, "net-home");
            sightings.network(ANN, "net-home");
            sightings.network(ANN, "net-work");
            sightings.network(BOB, "net-home");
            sightings.network(BOB, "net-work");
            assertEquals(List.of(), of(f.scan(), SignalKind.NETWORKS, f));

            sightings.network(ANN, "net-friend");
            List<Signal> found = of(f.scan(), SignalKind.NETWORKS, f);

            assertEquals(1, found.size());
            assertEquals(3, found.get(0).observed());
            assertEquals(Set.of("net-home", "net-work", "net-friend"), items(found.get(0)));
            assertEquals(List.of(), of(f.scan(), SignalKind.DEVICE_CHURN, f), "networks are not devices");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void threeDevicesPlayingAtOnceAreConcurrentPlaybacks(Engine engine) {
        try (SignalsFixture f = new SignalsFixture(engine)) {
            KeyPlaybacks playbacks = new KeyPlaybacks(f.database(), f.clock, 100, Duration.ofHours(2));
            playbacks.start("key-1", ANN, "tv", "aaa");
            playbacks.start("key-1", ANN, "tv", "bbb"); // the next episode on the same device: still one
            playbacks.start("key-1", ANN, "phone", "ccc");
            playbacks.start("key-2", ANN, "phone", "ccc"); // moved to another key: still the same device
            assertEquals(List.of(), of(f.scan(), SignalKind.CONCURRENT_PLAYBACKS, f));

            playbacks.start("key-1", ANN, "laptop", "ddd");
            List<Signal> found = of(f.scan(), SignalKind.CONCURRENT_PLAYBACKS, f);

            assertEquals(1, found.size());
            assertEquals(3, found.get(0).observed());
            assertTrue(found.get(0).evidence().stream().anyMatch(e -> e.item().equals("tv") && e.detail().equals("bbb")),
                    "the evidence names what each device plays: " + found.get(0).evidence());

            f.clock.advance(Duration.ofHours(3));
            assertEquals(List.of(), of(f.scan(), SignalKind.CONCURRENT_PLAYBACKS, f), "nothing started for longer than the window");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void bytesCountEachFileOnceHoweverOftenItWasRequested(Engine engine) {
        try (SignalsFixture f = new SignalsFixture(engine)) {
            for (int retry = 0; retry < 5; retry++) {
                f.served(ANN, "aaa", 6_000_000_000L); // a player retrying one 6 GB file
            }
            f.served(BOB, "aaa", 6_000_000_000L);
            f.served(BOB, "bbb", 3_000_000_000L);
            assertEquals(List.of(), of(f.scan(), SignalKind.BYTES, f), "6 GB and 9 GB are under 10 GB");

            f.served(ANN, "ccc", 5_000_000_000L);
            List<Signal> found = of(f.scan(), SignalKind.BYTES, f);

            assertEquals(1, found.size());
            assertEquals(ANN, found.get(0).userId());
            assertEquals(11_000_000_000L, found.get(0).observed());
            assertEquals("aaa", found.get(0).evidence().get(0).item(), "largest file first");
            assertEquals(6_000_000_000L, found.get(0).evidence().get(0).amount());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void refusalsOfTheUserCountButThePoolsOwnTroubleDoesNot(Engine engine) {
        try (SignalsFixture f = new SignalsFixture(engine)) {
            for (int i = 0; i < 10; i++) {
                f.denied(BOB, "no-key-available");
                f.denied(BOB, "playback-limit");
            }
            f.denied(ANN, "device-limit");
            f.denied(ANN, "device-limit");
            f.denied(ANN, "user-disabled");
            assertEquals(List.of(), of(f.scan(), SignalKind.REFUSALS, f));

            f.denied(ANN, "device-limit");
            List<Signal> found = of(f.scan(), SignalKind.REFUSALS, f);

            assertEquals(1, found.size());
            assertEquals(4, found.get(0).observed());
            assertEquals("device-limit", found.get(0).evidence().get(0).item());
            assertEquals(3, found.get(0).evidence().get(0).amount());

            f.clock.advance(Duration.ofMinutes(61));
            assertEquals(List.of(), of(f.scan(), SignalKind.REFUSALS, f), "refusals count over the last hour");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void forgetDropsSightingsOlderThanTheWindow(Engine engine) {
        try (SignalsFixture f = new SignalsFixture(engine)) {
            f.sightings().device(ANN, "phone");
            f.clock.advance(Duration.ofHours(25));
            f.scan().forget(f.clock.instant());

            int rows = f.database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM abuse_sightings").mapTo(Integer.class).one());
            assertEquals(0, rows);
        }
    }

    private static List<Signal> of(AbuseScan scan, SignalKind kind, SignalsFixture f) {
        return scan.scan(f.clock.instant()).stream().filter(s -> s.kind() == kind).toList();
    }

    private static Set<String> items(Signal signal) {
        return signal.evidence().stream().map(Evidence::item).collect(Collectors.toSet());
    }
}
