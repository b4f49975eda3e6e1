package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.server.fakes.FakeStore;
import dev.chillproxy.core.testing.TestClock;
import dev.chillproxy.server.fakes.FakePool;
import dev.chillproxy.core.store.StoreName;
import java.util.List;
import java.util.Map;

import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.torz.Access;
import dev.chillproxy.core.torz.RequestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PoolStoreAccessTest {

    private static final String USER = "0b6f1a52-3c7e-4d0a-9b1e-2f5c8d9e0a11";
    private static final String TOKEN = "users-own-torbox-token-0123456789";
    private static final String HASH = "0123456789abcdef0123456789abcdef01234567";
    private static final RequestContext CONTEXT = new RequestContext("203.0.113.7", "device-abc");
    private static final StoreConfig POOLED = StoreConfig.pooled(StoreName.TORBOX, USER);
    private static final StoreConfig LEGACY = StoreConfig.own(StoreName.TORBOX, TOKEN);

    private final FakePool pool = new FakePool(new Grant.Allowed(ApiKey.of("pool-key-secret-1"), "pk-7", 2));
    private final FakeStore torbox = new FakeStore(StoreName.TORBOX);
    private final TestClock clock = new TestClock();
    private final LegacyTokenCheck tokens = new LegacyTokenCheck(torbox.asSet(), clock::nanos);

    /** A wrong legacy token is told at the stream list (not after a normal-looking list), asked once per few minutes. */
    @Test
    void aLegacyTokenTheStoreRefusesIsToldAtTheListAndAskedOncePerFewMinutes() {
        torbox.failing("user", new StoreException(StoreName.TORBOX, ErrorCode.UNAUTHORIZED, 401, "BAD_TOKEN", "no", null));
        PoolStoreAccess access = new PoolStoreAccess(pool, tokens, true, true);

        Access.Refused refused = assertInstanceOf(Access.Refused.class, access.open(LEGACY, CONTEXT, "stream-list", ""));
        access.open(LEGACY, CONTEXT, "stream-served", HASH);

        assertEquals(Access.Refusal.TOKEN_REFUSED, refused.reason());
        assertFalse(refused.message().contains(TOKEN));
        assertEquals(1, torbox.calls("user").size(), "the verdict is kept per token fingerprint");
        assertEquals(TOKEN, torbox.calls("user").get(0).key().reveal(), "the token only goes to its own store");
        clock.advance(LegacyTokenCheck.REMEMBER.plusSeconds(1));
        access.open(LEGACY, CONTEXT, "stream-list", "");
        assertEquals(2, torbox.calls("user").size(), "asked again later: the user may have fixed the account");
    }

    @Test
    void aStoreThatCannotSayDoesNotBlockTheToken() {
        torbox.failing("user", new StoreException(StoreName.TORBOX, ErrorCode.STORE_SERVER_DOWN, 502, null, "down", null));

        Access access = new PoolStoreAccess(pool, tokens, true, true).open(LEGACY, CONTEXT, "stream-list", "");

        assertInstanceOf(Access.Granted.class, access);
    }

    @Test
    void aPoolUserGetsThePoolsKeyForThisDeviceAndAction() {
        Access access = new PoolStoreAccess(pool, tokens, true, true).open(POOLED, CONTEXT, "stream-served", HASH);

        assertEquals(new Access.Granted(ApiKey.of("pool-key-secret-1"), "pk-7", USER, "tb"), access);
        assertTrue(((Access.Granted) access).pooled());
        assertEquals(java.util.List.of(new GetKeyRequest(USER, "device-abc", "stream-served", HASH)), pool.requests);
    }

    @ParameterizedTest
    @EnumSource(Access.Refusal.class)
    void everyDenialBecomesARefusalWithThePoolsReasonAndMessage(Access.Refusal reason) {
        pool.answer = new Grant.Denied(reason, "message for " + reason, 3);

        Access access = new PoolStoreAccess(pool, tokens, true, true).open(POOLED, CONTEXT, "stream-list", "");

        assertEquals(new Access.Refused(reason, "message for " + reason), access);
    }

    @Test
    void poolUsersAreRefusedWithoutAskingThePoolWhenPoolAuthIsOff() {
        Access access = new PoolStoreAccess(pool, tokens, false, true).open(POOLED, CONTEXT, "stream-list", "");

        assertEquals(Access.Refusal.AUTH_METHOD_DISABLED, assertInstanceOf(Access.Refused.class, access).reason());
        assertTrue(pool.requests.isEmpty());
    }

    @Test
    void aLegacyTokenUsesTheUsersOwnKeyUnderAStableFingerprint() {
        PoolStoreAccess access = new PoolStoreAccess(pool, tokens, true, true);

        Access.Granted first = assertInstanceOf(Access.Granted.class, access.open(LEGACY, CONTEXT, "stream-list", ""));
        Access.Granted again = assertInstanceOf(Access.Granted.class,
                access.open(LEGACY, new RequestContext("198.51.100.1", "other-device"), "stream-served", HASH));
        Access.Granted other = assertInstanceOf(Access.Granted.class,
                access.open(StoreConfig.own(StoreName.TORBOX, TOKEN + "x"), CONTEXT, "stream-list", ""));

        assertEquals(TOKEN, first.key().reveal());
        assertFalse(first.pooled(), "not a pool user: no usage events, no key problems reported");
        assertEquals(first.keyId(), again.keyId(), "stable across calls and devices");
        assertNotEquals(first.keyId(), other.keyId());
        for (int i = 0; i + 8 <= TOKEN.length(); i++) {
            assertFalse(first.keyId().contains(TOKEN.substring(i, i + 8)), "no piece of the token in " + first.keyId());
        }
        assertFalse(first.toString().contains(TOKEN));
        assertTrue(pool.requests.isEmpty(), "never falls back to or from the pool");
    }

    @Test
    void aLegacyTokenIsRefusedWhenLegacyTokensAreOff() {
        Access access = new PoolStoreAccess(pool, tokens, true, false).open(LEGACY, CONTEXT, "stream-list", "");

        Access.Refused refused = assertInstanceOf(Access.Refused.class, access);
        assertEquals(Access.Refusal.AUTH_METHOD_DISABLED, refused.reason());
        assertFalse(refused.message().contains(TOKEN));
        assertTrue(pool.requests.isEmpty());
    }

    /** Every debrid service is pooled: the pool is asked for a key of the configured store's own service. */
    @ParameterizedTest
    @EnumSource(StoreName.class)
    void aPoolUserOnAnyStoreGetsAKeyOfThatStoresService(StoreName store) {
        pool.answer = new Grant.Allowed(ApiKey.of("pool-key-secret-" + store.code()), "pk-" + store.code(), 1, store.id());

        Access access = new PoolStoreAccess(pool, tokens, true, true).open(StoreConfig.pooled(store, USER), CONTEXT, "stream-list", "");

        Access.Granted granted = assertInstanceOf(Access.Granted.class, access);
        assertEquals(List.of(store.code(), "pool-key-secret-" + store.code()), List.of(granted.store(), granted.key().reveal()));
        assertEquals(store.id(), pool.requests.get(0).service());
    }

    /** An older Chillstreams that ignores {@code service} answers TorBox keys: never used for Real-Debrid. */
    @Test
    void aTorBoxKeyIsNeverUsedForAnotherStore() {
        Access access = new PoolStoreAccess(pool, tokens, true, true)
                .open(StoreConfig.pooled(StoreName.REALDEBRID, USER), CONTEXT, "stream-list", "");

        assertEquals(Access.Refusal.NO_KEY_AVAILABLE, ((Access.Refused) access).reason());
        assertEquals("realdebrid", pool.requests.get(0).service());
    }

    /** A pool (remote or misconfigured) answering with another service's key: that key is not used for TorBox. */
    @Test
    void aGrantForAnotherServiceIsRefused() {
        pool.answer = new Grant.Allowed(ApiKey.of("rd-pool-key-secret"), "pk-9", 1, "realdebrid");

        Access access = new PoolStoreAccess(pool, tokens, true, true).open(POOLED, CONTEXT, "stream-list", "");

        assertEquals(Access.Refusal.NO_KEY_AVAILABLE, ((Access.Refused) access).reason());
        assertFalse(access.toString().contains("rd-pool-key-secret"));
    }

    @Test
    void aGrantNamingNoServiceIsTheWiresDefaultTorBox() {
        pool.answer = new Grant.Allowed(ApiKey.of("pool-key-secret-1"), "pk-7", 2, null);

        Access access = new PoolStoreAccess(pool, tokens, true, true).open(POOLED, CONTEXT, "stream-list", "");

        assertEquals("tb", ((Access.Granted) access).store());
    }
}
