package dev.chillproxy.chillstreams.embedded;

import java.time.Instant;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.core.testing.TestClock;

/** A migrated test database with an embedded pool and its admin, for one test. */
final class PoolFixture implements AutoCloseable {

    static final String CIPHER_KEY = PoolKeyCipher.generateKey();

    final TestDatabase test;
    final TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
    final PoolKeyCipher cipher = PoolKeyCipher.of(CIPHER_KEY);
    final EmbeddedPool pool;
    final PoolAdmin admin;

    PoolFixture(Engine engine) {
        this.test = TestDatabase.create(engine);
        EmbeddedPool.MIGRATIONS.forEach(test.database()::migrate);
        this.pool = new EmbeddedPool(test.database(), cipher, clock, 3);
        this.admin = new PoolAdmin(test.database(), cipher, clock, null);
    }

    Database database() {
        return test.database();
    }

    /** A realistic-looking TorBox key, unique per {@code n}. */
    static String torboxKey(int n) {
        return String.format("tbk%08dfedcba9876543210fedcba98%04d", n, n);
    }

    Grant get(String userId, String deviceId) {
        return pool.getKey(new GetKeyRequest(userId, deviceId, "stream-list", ""));
    }

    static String keyIdOf(Grant grant) {
        if (grant instanceof Grant.Allowed allowed) {
            return allowed.poolKeyId();
        }
        throw new AssertionError("expected Allowed but got " + grant);
    }

    @Override
    public void close() {
        pool.close();
        test.close();
    }
}
