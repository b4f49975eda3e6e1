package dev.chillproxy.chillstreams.embedded;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/**
 * A user's device slots: a device holds one while it has made a request within the idle window
 * ({@code DEVICE_IDLE_RELEASE}); after that its slot is free again, so a phone whose address changed, or a
 * device the user stopped using, does not lock the user out for good. Only devices seen within the window are
 * counted, and stale rows are deleted inside the caller's locked transaction, so the limit stays atomic.
 * Stateless apart from its settings; thread-safe.
 */
final class DeviceSlots {

    /** Default idle time: a household's devices used every evening keep their slots; a lost one frees overnight. */
    static final Duration DEFAULT_IDLE_RELEASE = Duration.ofHours(12);

    private final int maxDevices;
    private final Duration idleRelease;

    DeviceSlots(int maxDevices, Duration idleRelease) {
        if (maxDevices < 1) {
            throw new IllegalArgumentException("TORBOX_MAX_DEVICES_PER_USER must be at least 1");
        }
        Objects.requireNonNull(idleRelease, "idleRelease");
        if (idleRelease.isNegative() || idleRelease.isZero()) {
            throw new IllegalArgumentException("DEVICE_IDLE_RELEASE must be positive");
        }
        this.maxDevices = maxDevices;
        this.idleRelease = idleRelease;
    }

    /** Rows last seen at or before this moment hold no slot. */
    long cutoff(long now) {
        return now - idleRelease.toMillis();
    }

    /** SQL condition on {@code alias.last_seen} for a device that holds a slot; binds {@code :cutoff}. */
    static String activeCondition(String alias) {
        return alias + ".last_seen > :cutoff";
    }

    /** What the locked path decided for one device. */
    sealed interface Decision {
        /** The device may use a slot; {@link #take} records it. */
        record Admitted(boolean known, boolean hadRow, int activeDevices) implements Decision {
        }

        record Full(int activeDevices, Duration freesIn) implements Decision {
        }
    }

    /** Under the user lock: frees idle slots of other devices, then decides whether {@code deviceId} fits. */
    Decision decide(Handle handle, String userId, String deviceId, long now) {
        long cutoff = cutoff(now);
        handle.createUpdate("DELETE FROM torbox_pool_devices WHERE user_id = :u AND device_id <> :d AND last_seen <= :cutoff")
                .bind("u", userId).bind("d", deviceId).bind("cutoff", cutoff).execute();
        Optional<Long> ownLastSeen = handle.createQuery("SELECT last_seen FROM torbox_pool_devices WHERE user_id = :u AND device_id = :d")
                .bind("u", userId).bind("d", deviceId).mapTo(Long.class).findOne();
        boolean known = ownLastSeen.isPresent() && ownLastSeen.get() > cutoff;
        int active = handle.createQuery("SELECT count(*) FROM torbox_pool_devices WHERE user_id = :u AND last_seen > :cutoff")
                .bind("u", userId).bind("cutoff", cutoff).mapTo(Integer.class).one();
        if (known || active < maxDevices) {
            return new Decision.Admitted(known, ownLastSeen.isPresent(), active);
        }
        long oldest = handle.createQuery("SELECT min(last_seen) FROM torbox_pool_devices WHERE user_id = :u AND last_seen > :cutoff")
                .bind("u", userId).bind("cutoff", cutoff).mapTo(Long.class).one();
        return new Decision.Full(active, Duration.ofMillis(Math.max(0, oldest - cutoff)));
    }

    /** Records the admitted device's request; returns the user's active devices including it. */
    int take(Handle handle, String userId, String deviceId, long now, Decision.Admitted admitted) {
        if (admitted.hadRow()) {
            handle.createUpdate("UPDATE torbox_pool_devices SET last_seen = :now, request_count = request_count + 1"
                    + " WHERE user_id = :u AND device_id = :d").bind("now", now).bind("u", userId).bind("d", deviceId).execute();
        } else {
            handle.createUpdate("INSERT INTO torbox_pool_devices (user_id, device_id, first_seen, last_seen, request_count)"
                    + " VALUES (:u, :d, :now, :now, 1)").bind("u", userId).bind("d", deviceId).bind("now", now).execute();
        }
        return admitted.known() ? admitted.activeDevices() : admitted.activeDevices() + 1;
    }

    /** The denial text: how many, when a slot frees by itself, and that the operator can free one now. */
    String limitMessage(Decision.Full full) {
        return "Device limit reached (" + full.activeDevices() + " of " + maxDevices + "). A slot frees in "
                + about(full.freesIn()) + ", once one of your devices has been idle for " + span(idleRelease)
                + "; the operator of this addon can free one sooner.";
    }

    /** "about 3 h", "about 20 min", "about 2 days": what a user needs, not the exact time. */
    static String about(Duration duration) {
        return "about " + span(duration);
    }

    private static String span(Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        if (seconds < 90) {
            return seconds + " s";
        }
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 90) {
            return minutes + " min";
        }
        long hours = Math.round(minutes / 60.0);
        if (hours < 48) {
            return hours + " h";
        }
        return Math.round(hours / 24.0) + " days";
    }
}
