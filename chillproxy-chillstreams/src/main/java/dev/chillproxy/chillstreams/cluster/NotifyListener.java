package dev.chillproxy.chillstreams.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;

import dev.chillproxy.chillstreams.db.DatabaseErrors;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the other instances' revocations: {@code LISTEN}s on the {@link NotifyChannel} with a connection of its
 * own and applies each notification to this instance's caches. While that connection is lost the {@link FeedStatus}
 * is down (the grant cache asks the pool every time); it reconnects with backoff (0.2 s doubling to 5 s) and, once
 * listening again, forgets every cached grant once, since revocations sent meanwhile were missed.
 * One daemon thread; {@link #close} ends it.
 */
public final class NotifyListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyListener.class);
    /** How long one wait for notifications lasts; an idle connection is checked after each. */
    private static final int WAIT_MILLIS = 5_000;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final NotifyChannel channel;
    private final CacheEvictions caches;
    private final FeedStatus feed;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection current;

    public NotifyListener(NotifyChannel channel, CacheEvictions caches, FeedStatus feed) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.caches = Objects.requireNonNull(caches, "caches");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.thread = new Thread(this::run, "cluster-evictions");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (!closed) {
            try (Connection connection = channel.openListenConnection()) {
                current = connection;
                listen(connection);
                backoff = FIRST_BACKOFF;
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (feed.markDown()) {
                    LOG.warn("revocation feed lost ({}); cached grants are not used until it is back",
                            DatabaseErrors.describe(e).orElse(e.getClass().getSimpleName()));
                }
            } finally {
                current = null;
            }
            if (!closed) {
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** LISTEN first, then the catch-up: whatever is published from here on arrives, what came before is forgotten. */
    private void listen(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + channel.name());
        }
        caches.evictAll();
        if (feed.markUp()) {
            LOG.info("revocation feed listening on {}", channel.name());
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (!closed) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications == null || notifications.length == 0) {
                // nothing for a while: make sure the connection is alive (a dropped network sends no error)
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                continue;
            }
            for (PGNotification notification : notifications) {
                Eviction.decode(notification.getParameter()).ifPresentOrElse(eviction -> eviction.applyTo(caches),
                        () -> LOG.warn("ignored a malformed revocation on {}", channel.name()));
            }
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection connection = current;
        if (connection != null) {
            try {
                connection.close(); // unblocks the wait for notifications
            } catch (SQLException e) {
                // closing anyway
            }
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
