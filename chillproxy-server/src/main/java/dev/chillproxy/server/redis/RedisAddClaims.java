package dev.chillproxy.server.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.chillproxy.server.torz.AddClaims;
import redis.clients.jedis.params.SetParams;

/**
 * Add claims in Redis, so two instances that get the same click make one add: a claim is {@code SET NX PX} of
 * {@code adding:<token>}, replaced by {@code added:<magnet id>} when the add succeeds (only by its owner, in a Lua
 * script). While Redis is unreachable the {@code fallback} (this instance's claims) decides. Thread-safe.
 */
final class RedisAddClaims implements AddClaims {

    private static final LuaScript RELEASE = LuaScript.load("release-claim.lua");
    private static final String ADDING = "adding:";
    private static final String ADDED = "added:";

    private final RedisLink link;
    private final AddClaims fallback;

    RedisAddClaims(RedisLink link, AddClaims fallback) {
        this.link = Objects.requireNonNull(link, "link");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public Claim claim(String subject, Duration hold) {
        String token = UUID.randomUUID().toString();
        String key = key(subject);
        Optional<Claim> shared = link.call(redis -> {
            if ("OK".equals(redis.set(key, ADDING + token, SetParams.setParams().nx().px(hold.toMillis())))) {
                return new Won(token);
            }
            String current = redis.get(key);
            return current != null && current.startsWith(ADDED) ? new Added(current.substring(ADDED.length())) : new Busy();
        });
        return shared.orElseGet(() -> fallback.claim(subject, hold));
    }

    @Override
    public void release(String subject, Won won, Optional<String> magnetId, Duration remember) {
        Optional<Object> done = link.run(RELEASE, List.of(key(subject)),
                List.of(ADDING + won.token(), magnetId.map(id -> ADDED + id).orElse(""), Long.toString(remember.toMillis())),
                raw -> raw);
        if (done.isEmpty()) {
            fallback.release(subject, won, magnetId, remember); // a claim won locally while Redis was away
        }
    }

    private String key(String subject) {
        return link.key("add:{" + subject + "}");
    }
}
