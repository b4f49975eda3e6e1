package dev.chillproxy.server.torz;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.core.torz.DebridGateway.PlaybackFailure;
import dev.chillproxy.core.torz.ErrorVideo;
import dev.chillproxy.core.torz.PlaybackResolver;

/**
 * One add per (store, key, torrent) at a time, across every instance that shares the {@link AddClaims}: when two
 * players click the same torrent on the same key at once, one request adds it and the others wait for its magnet id
 * instead of adding it again (each add spends the key's scarce {@code createtorrent} budget). A waiter gives up with
 * "downloading" after {@link #HOLD}; a failed add lets the next waiter try. Thread-safe.
 */
public final class SingleFlightAdds {

    /** Longer than an add takes, {@code .torrent} download included; a crashed adder's claim lapses after it. */
    static final Duration HOLD = Duration.ofSeconds(20);
    /**
     * How long a finished add's magnet id answers the requests that waited for it: a few polls, no longer, since the
     * torrent may be removed from the account afterwards (TorBox's account list finds it for later clicks).
     */
    static final Duration REMEMBER = Duration.ofSeconds(10);

    /** The add itself: returns the magnet id. */
    @FunctionalInterface
    interface Add {
        String run() throws PlaybackFailure;
    }

    private final AddClaims claims;
    private final PlaybackResolver.Sleeper sleeper;
    private final Duration poll;

    public SingleFlightAdds(AddClaims claims, PlaybackResolver.Sleeper sleeper, Duration poll) {
        this.claims = Objects.requireNonNull(claims, "claims");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.poll = Objects.requireNonNull(poll, "poll");
        if (poll.isZero() || poll.isNegative()) {
            throw new IllegalArgumentException("poll: must be positive");
        }
    }

    /** Claims in this instance's memory, polled every 250 ms. */
    public static SingleFlightAdds local(Ticker ticker) {
        return new SingleFlightAdds(new LocalAddClaims(ticker), duration -> Thread.sleep(duration.toMillis()),
                Duration.ofMillis(250));
    }

    /** Runs {@code add} unless another request adds the same {@code subject}; then answers that request's magnet id. */
    String add(String subject, Add add) throws PlaybackFailure {
        // waits less than a hold: a claim that outlives the wait is the next click's to take over, not this one's
        long polls = Math.max(1, HOLD.toMillis() / poll.toMillis());
        for (long i = 0; i < polls; i++) {
            AddClaims.Claim claim = claims.claim(subject, HOLD);
            if (claim instanceof AddClaims.Won won) {
                Optional<String> magnetId = Optional.empty();
                try {
                    String id = add.run();
                    magnetId = Optional.of(id);
                    return id;
                } finally {
                    claims.release(subject, won, magnetId, REMEMBER);
                }
            }
            if (claim instanceof AddClaims.Added added) {
                return added.magnetId();
            }
            try {
                sleeper.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlaybackFailure(ErrorVideo.SERVER_ERROR, "interrupted while another request added the torrent");
            }
        }
        throw new PlaybackFailure(ErrorVideo.DOWNLOADING, "another request is still adding this torrent");
    }
}
