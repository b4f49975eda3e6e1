package dev.chillproxy.server.signals;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.chillproxy.chillstreams.pool.UsageAction;
import dev.chillproxy.chillstreams.signals.KeyPlaybacks;
import dev.chillproxy.chillstreams.signals.PlaybackStart;
import dev.chillproxy.chillstreams.signals.Sightings;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.torz.Access;
import dev.chillproxy.core.torz.RequestContext;
import dev.chillproxy.core.torz.StoreAccess;

/**
 * Store access as seen by the abuse signals, wrapped around the pool's: each pool user's device and network are
 * recorded (embedded pool), and a playback on a pool key is admitted only while the key plays fewer than
 * {@code POOL_MAX_PLAYBACKS_PER_KEY} devices; beyond that the player gets the "too many streams" video through the
 * ordinary refusal path, which also logs it as a denial. Thread-safe.
 */
public final class ObservedStoreAccess implements StoreAccess {

    /** Refusals that prove the user exists: a made-up user id must not grow the sightings table. */
    private static final Set<Access.Refusal> KNOWN_USER = Set.of(Access.Refusal.DEVICE_LIMIT, Access.Refusal.USER_DISABLED,
            Access.Refusal.NO_KEY_AVAILABLE);

    private final StoreAccess pool;
    private final Optional<Sightings> sightings;
    private final ClientNetworks networks;
    private final KeyPlaybacks playbacks;
    private final SignalMetrics metrics;

    /** @param sightings present with the embedded pool, whose dashboard shows the signals */
    public ObservedStoreAccess(StoreAccess pool, Optional<Sightings> sightings, ClientNetworks networks, KeyPlaybacks playbacks,
                               SignalMetrics metrics) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.sightings = Objects.requireNonNull(sightings, "sightings");
        this.networks = Objects.requireNonNull(networks, "networks");
        this.playbacks = Objects.requireNonNull(playbacks, "playbacks");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public Access open(StoreConfig store, RequestContext context, String action, String hash) {
        Access access = pool.open(store, context, action, hash);
        Optional<String> user = store.poolUser();
        if (user.isEmpty()) {
            return access; // a user's own token: not the pool's business
        }
        if (access instanceof Access.Granted || access instanceof Access.Refused refused && KNOWN_USER.contains(refused.reason())) {
            sightings.ifPresent(seen -> {
                seen.device(user.get(), context.deviceId());
                networks.of(context.clientIp()).ifPresent(network -> seen.network(user.get(), network));
            });
        }
        if (access instanceof Access.Granted granted && UsageAction.STREAM_SERVED.wire().equals(action)
                && playbacks.start(granted.keyId(), user.get(), context.deviceId(), hash) instanceof PlaybackStart.Full full) {
            metrics.playbackLimitReached();
            return new Access.Refused(Access.Refusal.PLAYBACK_LIMIT, "The shared key already plays " + full.playing()
                    + " streams, as many as this server allows. Try again when one of them has ended.");
        }
        return access;
    }
}
