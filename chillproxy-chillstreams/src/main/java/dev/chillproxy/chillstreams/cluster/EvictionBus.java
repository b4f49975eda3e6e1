package dev.chillproxy.chillstreams.cluster;

import java.util.Objects;
import java.util.Optional;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;

/**
 * Revocations across the instances that share one database. On PostgreSQL a change is evicted here and published
 * with {@code NOTIFY}; a {@link NotifyListener} applies the others' changes and keeps {@link #feed} up while it
 * listens. On SQLite there is one instance: local eviction only, the feed is always up. Nothing runs before
 * {@link #start}.
 */
public final class EvictionBus implements AutoCloseable {

    private final ClusterEvictions changes;
    private final FeedStatus feed;
    private final Optional<NotifyListener> listener;

    private EvictionBus(ClusterEvictions changes, FeedStatus feed, Optional<NotifyListener> listener) {
        this.changes = changes;
        this.feed = feed;
        this.listener = listener;
    }

    /** The feed status for {@link #of}: made first, because the grant cache it guards is one of the bus's caches. */
    public static FeedStatus feedFor(Database database) {
        return database.engine() == Engine.POSTGRESQL ? FeedStatus.connecting() : FeedStatus.notNeeded();
    }

    /**
     * @param feed  from {@link #feedFor} on the same database
     * @param local this instance's caches, told about every revocation, its own and the others'
     */
    public static EvictionBus of(Database database, FeedStatus feed, CacheEvictions local) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(feed, "feed");
        if (database.engine() != Engine.POSTGRESQL) {
            return new EvictionBus(new ClusterEvictions(local, Optional.empty()), feed, Optional.empty());
        }
        NotifyChannel channel = NotifyChannel.of(database);
        return new EvictionBus(new ClusterEvictions(local, Optional.of(channel)), feed,
                Optional.of(new NotifyListener(channel, local, feed)));
    }

    /** Where admin changes, revocations and key problems go (see {@link ClusterEvictions}). */
    public ClusterEvictions changes() {
        return changes;
    }

    /** Up while no other instance's revocation can be missed; the grant cache trusts its entries only then. */
    public FeedStatus feed() {
        return feed;
    }

    public void start() {
        listener.ifPresent(NotifyListener::start);
    }

    @Override
    public void close() {
        listener.ifPresent(NotifyListener::close);
    }
}
