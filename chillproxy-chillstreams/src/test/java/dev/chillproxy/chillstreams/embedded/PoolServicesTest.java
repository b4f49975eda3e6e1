package dev.chillproxy.chillstreams.embedded;

import static dev.chillproxy.chillstreams.embedded.PoolFixture.torboxKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeyProblem;
import dev.chillproxy.core.torz.Access.Refusal;

/** The pool serves every debrid service: one assignment per (user, service), keys never cross services. */
class PoolServicesTest {

    private static Grant get(PoolFixture f, String user, String device, String service) {
        return f.pool.getKey(new GetKeyRequest(user, device, "stream-list", "", service));
    }

    private static Grant.Allowed allowed(Grant grant) {
        return assertInstanceOf(Grant.Allowed.class, grant);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aUserGetsOneKeyPerServiceAndOnlyKeysOfTheServiceAsked(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            String tb = f.admin.createPoolKey(torboxKey(1), "tb", "torbox", null).id();
            String rd = f.admin.createPoolKey("RDKEY0000000000000000000000000000000000000000000001", "rd", "realdebrid", null).id();
            String dl = f.admin.createPoolKey("dlkey-00000000000000000000000001", "dl", "DebridLink", null).id();
            String user = f.admin.createUser(null, null).id();

            Grant.Allowed torbox = allowed(get(f, user, "tv", "torbox"));
            Grant.Allowed realDebrid = allowed(get(f, user, "tv", "realdebrid"));
            Grant.Allowed debridLink = allowed(get(f, user, "tv", "debridlink"));

            assertEquals(List.of(tb, "torbox"), List.of(torbox.poolKeyId(), torbox.service()));
            assertEquals(List.of(rd, "realdebrid"), List.of(realDebrid.poolKeyId(), realDebrid.service()));
            assertEquals("RDKEY0000000000000000000000000000000000000000000001", realDebrid.poolKey().reveal());
            assertEquals(List.of(dl, "debridlink"), List.of(debridLink.poolKeyId(), debridLink.service()));
            assertEquals(List.of(new UserDetails.Assignment("debridlink", dl), new UserDetails.Assignment("realdebrid", rd),
                    new UserDetails.Assignment("torbox", tb)), f.admin.getUser(user).assignments());
            assertEquals(tb, allowed(f.get(user, "tv")).poolKeyId(), "a request without service is a TorBox request");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aServiceWithoutKeysIsRefusedByNameAndNeverAnsweredWithAnotherServicesKey(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            f.admin.createPoolKey(torboxKey(1), null, null, null);
            String user = f.admin.createUser(null, null).id();

            Grant.Denied denied = assertInstanceOf(Grant.Denied.class, get(f, user, "tv", "alldebrid"));

            assertEquals(Refusal.NO_SERVICE_KEY, denied.reason());
            assertEquals("No AllDebrid key in the pool. Ask the operator of this addon to add one.", denied.message());
            assertInstanceOf(Grant.Allowed.class, get(f, user, "tv", "torbox"));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theDeviceLimitCountsAUsersDevicesAcrossServices(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) { // 3 devices per user
            f.admin.createPoolKey(torboxKey(1), null, "torbox", null);
            f.admin.createPoolKey("pmkey000000000000000001", null, "premiumize", null);
            String user = f.admin.createUser(null, null).id();
            for (String device : List.of("tv", "phone", "laptop")) {
                allowed(get(f, user, device, "torbox"));
            }

            assertEquals(3, allowed(get(f, user, "tv", "premiumize")).deviceCount(), "a known device on another service");
            Grant.Denied fourth = assertInstanceOf(Grant.Denied.class, get(f, user, "tablet", "premiumize"));
            assertEquals(Refusal.DEVICE_LIMIT, fourth.reason());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aFailingOrCoolingKeyMovesItsUsersToAnotherKeyOfTheSameService(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            String rd1 = f.admin.createPoolKey("RDKEY0000000000000000000000000000000000000000000001", null, "realdebrid", 5).id();
            f.admin.createPoolKey(torboxKey(1), null, "torbox", 50); // more room, but another service
            String user = f.admin.createUser(null, null).id();
            assertEquals(rd1, allowed(get(f, user, "tv", "realdebrid")).poolKeyId());
            String rd2 = f.admin.createPoolKey("RDKEY0000000000000000000000000000000000000000000002", null, "realdebrid", 5).id();

            f.pool.reportKeyProblem(rd1, new KeyProblem.Throttled(f.clock.instant().plusSeconds(60)));
            Grant.Allowed moved = allowed(get(f, user, "tv", "realdebrid"));
            assertEquals(List.of(rd2, "realdebrid"), List.of(moved.poolKeyId(), moved.service()));

            f.pool.reportKeyProblem(rd2, new KeyProblem.Unauthorized()); // the fixture's probe confirms every refusal
            f.clock.advance(java.time.Duration.ofSeconds(61));
            assertEquals(rd1, allowed(get(f, user, "tv", "realdebrid")).poolKeyId(), "back on the cooled-down key");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void anUnknownServiceIsRefusedWhenAKeyIsAddedAndWhenAKeyIsAskedFor(Engine engine) {
        try (PoolFixture f = new PoolFixture(engine)) {
            PoolAdminException e = assertThrows(PoolAdminException.class,
                    () -> f.admin.createPoolKey(torboxKey(1), null, "putio", null));
            assertEquals(PoolAdminException.Code.INVALID, e.code());
            assertTrue(e.getMessage().startsWith("service: must be one of torbox, realdebrid, alldebrid, premiumize, debridlink"));
            IllegalArgumentException wire = assertThrows(IllegalArgumentException.class,
                    () -> GetKeyRequest.fromWire("u", "d", null, null, "tb"));
            assertTrue(wire.getMessage().startsWith("service: must be one of"));
            assertEquals("realdebrid", GetKeyRequest.fromWire("u", "d", null, null, " RealDebrid ").service());
            assertEquals("torbox", GetKeyRequest.fromWire("u", "d", null, null, null).service());
        }
    }
}
