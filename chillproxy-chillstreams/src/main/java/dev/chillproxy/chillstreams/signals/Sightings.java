package dev.chillproxy.chillstreams.signals;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.DatabaseErrors;

/**
 * Records which devices and networks each pool user was seen on, in the database, so every instance on one
 * PostgreSQL counts the same devices. The hot path stays cheap: a (user, device) or (user, network) already written
 * in the last {@link #REFRESH} is skipped in memory, so a known device costs one cache lookup per request and the
 * database one upsert per five minutes. Trouble is logged and never fails a request. Thread-safe.
 */
public final class Sightings {

    /** How stale {@code last_seen} may be: irrelevant to a 24 h window, and it keeps writes off the hot path. */
    public static final Duration REFRESH = Duration.ofMinutes(5);
    static final String DEVICE = "device";
    static final String NETWORK = "network";
    private static final Logger LOG = LoggerFactory.getLogger(Sightings.class);

    private final Database database;
    private final Clock clock;
    private final Cache<Seen, Boolean> written;

    private record Seen(String kind, String userId, String value) {
    }

    public Sightings(Database database, Clock clock, Ticker ticker) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.written = Caffeine.newBuilder().expireAfterWrite(REFRESH).maximumSize(200_000).ticker(ticker).build();
    }

    /** @param deviceId the pool's device id (a hash of address and user agent) */
    public void device(String userId, String deviceId) {
        seen(userId, DEVICE, deviceId);
    }

    /** @param network a fingerprint of the client's /24 or /64, never the address */
    public void network(String userId, String network) {
        seen(userId, NETWORK, network);
    }

    private void seen(String userId, String kind, String value) {
        if (userId.isEmpty() || value.isEmpty()) {
            return;
        }
        Seen key = new Seen(kind, userId, value);
        // a plain read first: the usual case (seen recently) then takes no write path of the cache
        if (written.getIfPresent(key) != null || written.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        long now = clock.millis();
        try {
            database.jdbi().useHandle(handle -> handle.createUpdate("INSERT INTO abuse_sightings"
                            + " (user_id, kind, value, first_seen, last_seen) VALUES (:u, :k, :v, :now, :now)"
                            + " ON CONFLICT (user_id, kind, value) DO UPDATE SET last_seen = excluded.last_seen")
                    .bind("u", userId).bind("k", kind).bind("v", value).bind("now", now).execute());
        } catch (RuntimeException e) {
            written.invalidate(key); // try again on the next request
            LOG.warn("sighting not recorded: {}", DatabaseErrors.describe(e).orElse(e.getClass().getSimpleName()));
        }
    }
}
