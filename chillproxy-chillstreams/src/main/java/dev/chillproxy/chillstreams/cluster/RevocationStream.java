package dev.chillproxy.chillstreams.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This instance's revocations, fanned out to the subscribers of its event stream (other Chillproxy instances using
 * it as their Chillstreams). Bounded: at most {@link #MAX_SUBSCRIBERS} at once, each with a queue of
 * {@link #QUEUE_SIZE}; a subscriber that falls behind is ended (it reconnects and catches up by clearing its
 * caches). Event ids are {@code <start>-<n>}, only for the subscriber's {@code Last-Event-ID}: nothing is replayed,
 * because a reconnecting subscriber forgets all its cached grants anyway. Thread-safe.
 */
public final class RevocationStream implements CacheEvictions, AutoCloseable {

    public static final int MAX_SUBSCRIBERS = 32;
    static final int QUEUE_SIZE = 1_000;

    /** One event for one subscriber. */
    public record Item(String id, Eviction eviction) {
    }

    /** Wakes a waiting subscriber that was ended. */
    private static final Item END = new Item("", Eviction.user("-"));

    private final Set<Subscription> subscribers = ConcurrentHashMap.newKeySet();
    private final String epoch;
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean closed;

    /** @param epoch distinguishes this run's event ids from an earlier one's (e.g. the start time in ms) */
    public RevocationStream(long epoch) {
        this.epoch = Long.toString(epoch);
    }

    /** Empty when {@link #MAX_SUBSCRIBERS} are connected or the stream was closed. */
    public synchronized Optional<Subscription> subscribe() {
        if (closed || subscribers.size() >= MAX_SUBSCRIBERS) {
            return Optional.empty();
        }
        Subscription subscription = new Subscription();
        subscribers.add(subscription);
        return Optional.of(subscription);
    }

    @Override
    public void evictUser(String userId) {
        publish(Eviction.user(userId));
    }

    @Override
    public void evictKey(String poolKeyId) {
        publish(Eviction.key(poolKeyId));
    }

    /** This instance's own catch-up is no revocation to pass on. */
    @Override
    public void evictAll() {
    }

    private void publish(Eviction eviction) {
        Item item = new Item(epoch + "-" + sequence.incrementAndGet(), eviction);
        for (Subscription subscription : subscribers) {
            if (!subscription.queue.offer(item)) {
                subscription.end(); // too far behind: it reconnects and catches up
            }
        }
    }

    /** Ends every subscription (the server is stopping) and refuses new ones. */
    @Override
    public synchronized void close() {
        closed = true;
        subscribers.forEach(Subscription::end);
    }

    /** One subscriber's queue; {@link #close} it when the connection ends. */
    public final class Subscription implements AutoCloseable {
        private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE_SIZE + 1);
        private volatile boolean ended;

        /** The next event, or empty when none came within {@code wait} (time for a heartbeat) or it {@link #ended}. */
        public Optional<Item> next(Duration wait) throws InterruptedException {
            Item item = ended ? null : queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            return item == END || ended ? Optional.empty() : Optional.ofNullable(item);
        }

        /** True once the server stops or this subscriber fell too far behind: its connection should end. */
        public boolean ended() {
            return ended;
        }

        private void end() {
            ended = true;
            subscribers.remove(this);
            queue.clear();
            queue.offer(END);
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }
}
