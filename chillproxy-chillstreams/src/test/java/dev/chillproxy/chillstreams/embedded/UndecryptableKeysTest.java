package dev.chillproxy.chillstreams.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A data folder copied without its {@code pool-encryption.key}: the admin list says so instead of "healthy". */
class UndecryptableKeysTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void keysSealedUnderAnotherEncryptionKeyAreListedAsUndecryptable(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            String active = f.admin.createPoolKey(PoolFixture.torboxKey(1), "a", null, 5).id();
            String retired = f.admin.createPoolKey(PoolFixture.torboxKey(2), "b", null, 5).id();
            f.admin.retirePoolKey(retired);
            assertEquals("healthy", status(f.admin, active));
            assertEquals(0, f.admin.undecryptableKeys());

            PoolAdmin withNewKey = new PoolAdmin(f.database(), PoolKeyCipher.of(PoolKeyCipher.generateKey()), f.clock, null);

            assertEquals("undecryptable", status(withNewKey, active));
            assertEquals("retired", status(withNewKey, retired));
            assertEquals(1, withNewKey.undecryptableKeys());
        }
    }

    private static String status(PoolAdmin admin, String id) {
        return admin.listPoolKeys().stream().filter(key -> key.id().equals(id)).findFirst().orElseThrow().status();
    }
}
