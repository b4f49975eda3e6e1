package dev.chillproxy.chillstreams.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.chillproxy.chillstreams.db.Engine;

/** A device seen on every request is written at most every five minutes, and its last sighting moves on. */
class SightingsTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aKnownDeviceIsWrittenAtMostEveryFiveMinutes(Engine engine) {
        try (SignalsFixture f = new SignalsFixture(engine)) {
            Sightings sightings = f.sightings();
            Instant first = f.clock.instant();
            sightings.device("ann", "tv");
            f.clock.advance(Duration.ofMinutes(4));
            sightings.device("ann", "tv");
            assertEquals(first.toEpochMilli(), lastSeen(f), "not written again within five minutes");

            f.clock.advance(Duration.ofMinutes(2));
            sightings.device("ann", "tv");
            assertEquals(first.plus(Duration.ofMinutes(6)).toEpochMilli(), lastSeen(f));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aNewInstanceUpdatesTheSightingAnotherWrote(Engine engine) {
        try (SignalsFixture f = new SignalsFixture(engine)) {
            f.sightings().device("ann", "tv");
            f.clock.advance(Duration.ofMinutes(1));
            f.sightings().device("ann", "tv"); // another instance: its own memory, the same row

            assertEquals(f.clock.instant().toEpochMilli(), lastSeen(f));
            int rows = f.database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM abuse_sightings").mapTo(Integer.class).one());
            assertEquals(1, rows);
        }
    }

    private static long lastSeen(SignalsFixture f) {
        return f.database().jdbi().withHandle(h -> h.createQuery("SELECT last_seen FROM abuse_sightings WHERE user_id = 'ann'")
                .mapTo(Long.class).one());
    }
}
