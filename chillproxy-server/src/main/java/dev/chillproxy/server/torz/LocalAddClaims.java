package dev.chillproxy.server.torz;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * {@link AddClaims} of this instance: a bounded map of claims, each dropped when its hold (or, once added, the time
 * its magnet id is remembered) runs out. Thread-safe.
 */
public final class LocalAddClaims implements AddClaims {

    private static final long MAX_CLAIMS = 100_000;

    /** A claim in progress ({@code adding}) or its outcome, and how long it is kept. */
    private record State(String value, boolean adding, Duration keep) {
    }

    private final Cache<String, State> claims;

    public LocalAddClaims(Ticker ticker) {
        this.claims = Caffeine.newBuilder().ticker(ticker)
                .expireAfter(Expiry.writing((String subject, State state) -> state.keep()))
                .maximumSize(MAX_CLAIMS).executor(Runnable::run).build();
    }

    @Override
    public Claim claim(String subject, Duration hold) {
        Won won = new Won(UUID.randomUUID().toString());
        State current = claims.asMap().putIfAbsent(subject, new State(won.token(), true, hold));
        if (current == null) {
            return won;
        }
        return current.adding() ? new Busy() : new Added(current.value());
    }

    @Override
    public void release(String subject, Won won, Optional<String> magnetId, Duration remember) {
        claims.asMap().computeIfPresent(subject, (key, state) -> !state.adding() || !state.value().equals(won.token())
                ? state : magnetId.map(id -> new State(id, false, remember)).orElse(null));
    }
}
