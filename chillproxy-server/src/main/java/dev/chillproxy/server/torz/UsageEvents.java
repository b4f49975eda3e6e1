package dev.chillproxy.server.torz;

import java.time.Clock;
import java.util.UUID;

import dev.chillproxy.chillstreams.outbox.UsageOutbox;
import dev.chillproxy.chillstreams.pool.UsageAction;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.torz.Access;

/**
 * Records torz usage in the durable outbox: what a pool user listed or played, and every refusal. A legacy
 * token user is not a pool user and is not recorded. Never throws (the outbox swallows database trouble).
 */
public final class UsageEvents {

    private final UsageOutbox outbox;
    private final Clock clock;

    public UsageEvents(UsageOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public void served(Access.Granted access, UsageAction action, String hash, boolean cached, long bytes) {
        if (access.pooled()) {
            outbox.record(new UsageEvent(UUID.randomUUID().toString(), access.userId(), access.keyId(), action.wire(),
                    hash, cached, bytes, clock.instant()));
        }
    }

    /** A refusal for the config's pool user, if it has one. */
    public void denied(TorzConfig config, String hash) {
        config.stores().stream().filter(StoreConfig::usesPool).findFirst().ifPresent(store ->
                outbox.record(new UsageEvent(UUID.randomUUID().toString(), store.poolUser().orElseThrow(), "", UsageAction.DENIED.wire(),
                        hash, false, 0, clock.instant())));
    }
}
