package dev.chillproxy.server.torz;

import java.time.Clock;

import dev.chillproxy.chillstreams.outbox.UsageOutbox;
import dev.chillproxy.chillstreams.pool.UsageAction;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.torz.Access;
import dev.chillproxy.server.web.FastIds;

/**
 * Records torz usage in the durable outbox: what a pool user listed or played, and every refusal. A legacy
 * token user is not a pool user and is not recorded. Never throws (the outbox swallows database trouble).
 */
public final class UsageEvents {

    private final UsageOutbox outbox;
    private final Clock clock;
    private final FastIds ids = new FastIds();

    public UsageEvents(UsageOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public void served(Access.Granted access, UsageAction action, String hash, boolean cached, long bytes) {
        record(access, action, hash, cached, bytes, "");
    }

    /**
     * A playback GET that reached the store with a key (call it once per GET, never for HEAD).
     *
     * @param outcome {@link UsageEvent#SERVED}, {@link UsageEvent#TORRENT_ADDED} or {@link UsageEvent#FAILED};
     *                it travels as {@code stream-served} plus an outcome field, which an older remote ignores
     */
    public void playback(Access.Granted access, String hash, boolean cached, long bytes, String outcome) {
        record(access, UsageAction.STREAM_SERVED, hash, cached, bytes, outcome);
    }

    private void record(Access.Granted access, UsageAction action, String hash, boolean cached, long bytes, String outcome) {
        if (access.pooled()) {
            outbox.record(new UsageEvent(ids.next(), access.userId(), access.keyId(), action.wire(),
                    hash, cached, bytes, clock.instant(), outcome, ""));
        }
    }

    /** A refusal for the config's pool user, if it has one; {@code reason} is stored so the operator sees why. */
    public void denied(TorzConfig config, String hash, Access.Refusal reason) {
        config.stores().stream().filter(StoreConfig::usesPool).findFirst().ifPresent(store ->
                outbox.record(new UsageEvent(ids.next(), store.poolUser().orElseThrow(), "", UsageAction.DENIED.wire(),
                        hash, false, 0, clock.instant(), "", reason == null ? "" : reason.wire())));
    }
}
