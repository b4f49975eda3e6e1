package dev.chillproxy.server.torz;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Who adds a torrent to an account right now, so two requests (on this instance or on two instances) that want the
 * same torrent on the same key make one add: the first claims it, the others wait for its magnet id. This instance's
 * ({@link LocalAddClaims}) or shared by every instance. Implementations are thread-safe.
 */
public interface AddClaims {

    /** What {@link #claim} found. */
    sealed interface Claim permits Won, Added, Busy {
    }

    /** This caller adds; it must {@link #release} the claim. */
    record Won(String token) implements Claim {
        public Won {
            Objects.requireNonNull(token, "token");
        }
    }

    /** Another caller added it a moment ago: use its magnet. */
    record Added(String magnetId) implements Claim {
        public Added {
            Objects.requireNonNull(magnetId, "magnetId");
        }
    }

    /** Another caller is adding it now: ask again shortly. */
    record Busy() implements Claim {
    }

    /**
     * Claims the add of {@code subject} for at most {@code hold} (a crashed claimer's claim runs out by itself).
     *
     * @param subject the store, the key's fingerprint and the info hash; never a key
     */
    Claim claim(String subject, Duration hold);

    /**
     * Ends a claim won here: with the magnet id, later claims get {@link Added} for {@code remember}; without (the add
     * failed), the next claim wins.
     */
    void release(String subject, Won won, Optional<String> magnetId, Duration remember);
}
