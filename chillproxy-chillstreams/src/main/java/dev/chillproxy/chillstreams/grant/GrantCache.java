package dev.chillproxy.chillstreams.grant;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeyProblem;
import dev.chillproxy.chillstreams.pool.KeyProblemSink;
import dev.chillproxy.chillstreams.pool.KeySource;
import dev.chillproxy.chillstreams.pool.RequestTally;
import dev.chillproxy.core.torz.Access;

/**
 * Remembers the pool's answer per (user, device, service) so that a warm stream list does not ask the pool; a key of
 * one service is never the answer for another.
 * Thread-safe; concurrent requests for one user and device share one pool call.
 *
 * <p>Caching rules: an allowed grant lives {@code grantTtl} ({@code POOL_GRANT_TTL}, default 30 s); a denial
 * lives at most {@link #MAX_DENIAL_TTL} so a freed device slot or re-enabled user works soon; a
 * {@code POOL_UNREACHABLE} denial is not cached at all, so users get keys again on the first request after
 * the pool comes back. {@link Duration#ZERO} turns caching off. A stream list's grant is for the user's device, not for
 * one title; a playback's grant is kept per torrent, because the pool may answer it with the key the torrent was
 * first played through (key affinity).
 *
 * <p>Revocation: {@link #evictUser} drops every grant of a user at once, including one being fetched at
 * that moment (it is handed to its caller but not kept). {@link #evictKey} drops every grant that uses a key; a
 * reported key problem evicts the key before it is passed on to the pool's own sink.
 *
 * <p>Request counts: a request answered from the cache is not seen by the pool, so a device read 1–2 requests
 * after dozens. Hits on an allowed grant are counted in memory per (user, device) and handed to the delegate when
 * it is a {@link RequestTally} as the entry leaves the cache (one UPDATE per device per {@code grantTtl}).
 *
 * <p>Trust: while {@code trusted} answers false (the feed that carries other instances' revocations is down), every
 * request goes to the pool as if the TTL were zero; whoever restores the feed calls {@link #evictAll} to catch up.
 */
public final class GrantCache implements KeySource, KeyProblemSink {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
    public static final Duration MAX_DENIAL_TTL = Duration.ofSeconds(5);
    private static final long MAX_ENTRIES = 100_000;
    private static final Duration REVOCATION_MEMORY = Duration.ofMinutes(1);
    /** The revocation name of {@link #evictAll}; user ids are UUIDs and key names start with "key:". */
    private static final String ALL = "*";

    private final KeySource delegate;
    private final KeyProblemSink problems;
    private final Duration grantTtl;
    private final Ticker ticker;
    private final BooleanSupplier trusted;
    /** Futures, so a pool call in flight holds no lock of the map: a revocation never waits for one. */
    private final AsyncCache<Slot, Entry> grants;
    /** userId or "key:" + poolKeyId → ticker time of the last revocation, to refuse caching grants fetched before it. */
    private final Cache<String, Long> revocations;
    /** Cache hits not yet told to the pool, per slot; empty unless the delegate is a {@link RequestTally}. */
    private final ConcurrentMap<Slot, LongAdder> uncounted = new ConcurrentHashMap<>();

    /** @param problems where key problems go after the key's grants are evicted: the embedded pool, or nowhere remote */
    public GrantCache(KeySource delegate, KeyProblemSink problems, Duration grantTtl) {
        this(delegate, problems, grantTtl, Ticker.systemTicker());
    }

    /** @param ticker the clock of expiries; tests pass a fake one */
    public GrantCache(KeySource delegate, KeyProblemSink problems, Duration grantTtl, Ticker ticker) {
        this(delegate, problems, grantTtl, ticker, () -> true);
    }

    /** @param trusted false while cached grants may have missed a revocation (see the class comment) */
    public GrantCache(KeySource delegate, KeyProblemSink problems, Duration grantTtl, Ticker ticker,
                      BooleanSupplier trusted) {
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.problems = Objects.requireNonNull(problems, "problems");
        this.grantTtl = Objects.requireNonNull(grantTtl, "grantTtl");
        if (grantTtl.isNegative()) {
            throw new IllegalArgumentException("POOL_GRANT_TTL: must not be negative");
        }
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.grants = Caffeine.newBuilder()
                .recordStats()
                .maximumSize(MAX_ENTRIES)
                .expireAfter(new PerEntryLifetime())
                .ticker(ticker)
                .executor(Runnable::run) // futures are completed by hand; the removal listener runs in place
                .removalListener((Slot slot, Entry entry, com.github.benmanes.caffeine.cache.RemovalCause cause) ->
                        tallyHits(slot))
                .buildAsync();
        this.revocations = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(REVOCATION_MEMORY)
                .ticker(ticker)
                .build();
    }

    @Override
    public Grant getKey(GetKeyRequest request) {
        if (grantTtl.isZero() || !trusted.getAsBoolean()) {
            return delegate.getKey(request);
        }
        Slot slot = Slot.of(request);
        // a hit (the usual case) allocates no future and takes no lock; only a miss races to put its own
        CompletableFuture<Entry> shared = grants.getIfPresent(slot);
        CompletableFuture<Entry> mine = null;
        if (shared == null) {
            mine = new CompletableFuture<>();
            shared = grants.asMap().putIfAbsent(slot, mine);
        }
        if (shared != null) {
            Grant grant = awaited(shared).grant();
            if (grant instanceof Grant.Allowed && delegate instanceof RequestTally) {
                countHit(slot);
            }
            return grant;
        }
        try {
            Entry entry = fetch(request);
            mine.complete(entry);
            return entry.grant();
        } catch (RuntimeException e) {
            grants.asMap().remove(slot, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private void countHit(Slot slot) {
        LongAdder hits = uncounted.get(slot);
        if (hits == null) {
            hits = uncounted.computeIfAbsent(slot, s -> new LongAdder());
        }
        hits.increment();
    }

    private static Entry awaited(CompletableFuture<Entry> shared) {
        try {
            return shared.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private Entry fetch(GetKeyRequest request) {
        long started = ticker.read();
        Grant grant = delegate.getKey(request);
        boolean revokedMeanwhile = revokedSince(request.userId(), started) || revokedSince(ALL, started)
                || grant instanceof Grant.Allowed allowed && revokedSince("key:" + allowed.poolKeyId(), started);
        return new Entry(grant, revokedMeanwhile ? Duration.ZERO : lifetime(grant));
    }

    private boolean revokedSince(String name, long started) {
        Long revokedAt = revocations.getIfPresent(name);
        return revokedAt != null && revokedAt - started >= 0;
    }

    private Duration lifetime(Grant grant) {
        if (grant instanceof Grant.Denied denied) {
            return denied.reason() == Access.Refusal.POOL_UNREACHABLE ? Duration.ZERO : min(grantTtl, MAX_DENIAL_TTL);
        }
        return grantTtl;
    }

    /** Hands the slot's counted hits to the pool (the grant left the cache, or a test/shutdown flushes). */
    private void tallyHits(Slot slot) {
        LongAdder hits = slot == null ? null : uncounted.remove(slot);
        if (hits != null && hits.sum() > 0 && delegate instanceof RequestTally tally) {
            tally.countRequests(slot.userId(), slot.deviceId(), hits.sum());
        }
    }

    /** Tells the pool every hit counted so far (expired entries are also cleaned up here). */
    public void flushRequestCounts() {
        grants.synchronous().cleanUp();
        uncounted.keySet().forEach(this::tallyHits);
        if (delegate instanceof RequestTally tally) {
            tally.persistCounts();
        }
    }

    /** Forgets every grant of this user, e.g. when Chillstreams revoked or disabled them. */
    public void evictUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        revocations.put(userId, ticker.read());
        grants.asMap().keySet().removeIf(slot -> slot.userId().equals(userId));
    }

    /** Forgets every grant that hands out this key, e.g. after a store answered 401 for it. */
    public void evictKey(String poolKeyId) {
        Objects.requireNonNull(poolKeyId, "poolKeyId");
        revocations.put("key:" + poolKeyId, ticker.read()); // a grant being fetched right now is not kept either
        grants.asMap().values().removeIf(future -> {
            Entry entry = future.isDone() && !future.isCompletedExceptionally() ? future.join() : null;
            return entry != null && entry.grant() instanceof Grant.Allowed allowed && allowed.poolKeyId().equals(poolKeyId);
        });
    }

    /** Forgets every grant, including those being fetched: a missed revocation may concern anyone. */
    public void evictAll() {
        revocations.put(ALL, ticker.read());
        grants.asMap().clear();
    }

    /** Evicts the key's grants first, so that the next request gets whatever key the pool chooses now. */
    @Override
    public void reportKeyProblem(String poolKeyId, KeyProblem problem) {
        evictKey(poolKeyId);
        problems.reportKeyProblem(poolKeyId, problem);
    }

    /** The grant cache itself, read-only use: its hit ratio is the warm stream list's main lever. */
    public Cache<?, ?> statistics() {
        return grants.synchronous();
    }

    /** Grants currently held (expired entries may still count until Caffeine cleans up). */
    public long size() {
        return grants.synchronous().estimatedSize();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** One grant: per user, device and service; a playback's also per torrent (its key may be the torrent's own). */
    private record Slot(String userId, String deviceId, String service, String playbackHash) {
        static Slot of(GetKeyRequest request) {
            return new Slot(request.userId(), request.deviceId(), request.service(), request.isPlayback() ? request.hash() : "");
        }
    }

    private record Entry(Grant grant, Duration lifetime) {
    }

    private static final class PerEntryLifetime implements Expiry<Slot, Entry> {
        @Override
        public long expireAfterCreate(Slot slot, Entry entry, long now) {
            return entry.lifetime().toNanos();
        }

        @Override
        public long expireAfterUpdate(Slot slot, Entry entry, long now, long currentDuration) {
            return entry.lifetime().toNanos();
        }

        @Override
        public long expireAfterRead(Slot slot, Entry entry, long now, long currentDuration) {
            return currentDuration;
        }
    }

    /** Whether cached grants are served now: false while the revocation feed is down (every request asks the pool). */
    public boolean trustsCachedGrants() {
        return trusted.getAsBoolean();
    }
}
