package dev.chillproxy.server.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.chillproxy.chillstreams.embedded.ProbeResult;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.core.testing.TestClock;
import dev.chillproxy.server.fakes.FakeStore;
import dev.chillproxy.store.ErrorCode;
import dev.chillproxy.store.Store;
import dev.chillproxy.store.StoreException;
import dev.chillproxy.store.registry.StoreSet;

class StoreKeyProbeTest {

    private static final ApiKey KEY = ApiKey.of("pool-key-under-test-0123456789");

    private final TestClock clock = new TestClock();
    private final Map<StoreName, FakeStore> fakes = new EnumMap<>(StoreName.class);
    private final StoreKeyProbe probe;

    StoreKeyProbeTest() {
        Map<StoreName, Store> stores = new EnumMap<>(StoreName.class);
        Arrays.stream(StoreName.values()).forEach(name -> {
            fakes.put(name, new FakeStore(name));
            stores.put(name, fakes.get(name));
        });
        probe = new StoreKeyProbe(new StoreSet(stores), clock);
    }

    /** A key is checked with its own service's account call, and no other service ever sees it. */
    @ParameterizedTest
    @EnumSource(StoreName.class)
    void aKeyIsCheckedWithItsOwnServiceOnly(StoreName service) {
        assertInstanceOf(ProbeResult.Ok.class, probe.probe(service, KEY));

        fakes.forEach((name, fake) -> assertEquals(name == service ? List.of(KEY) : List.of(),
                fake.calls("user").stream().map(FakeStore.Call::key).toList(), name.label()));
    }

    @Test
    void refusalsThrottlingAndOtherFailuresBecomeTheirProbeResults() {
        fakes.get(StoreName.REALDEBRID).failing("user",
                new StoreException(StoreName.REALDEBRID, ErrorCode.UNAUTHORIZED, 401, "bad_token"));
        fakes.get(StoreName.ALLDEBRID).failing("user", new StoreException(StoreName.ALLDEBRID, ErrorCode.TOO_MANY_REQUESTS,
                429, null, "slow down", Duration.ofSeconds(90)));
        fakes.get(StoreName.PREMIUMIZE).failing("user",
                new StoreException(StoreName.PREMIUMIZE, ErrorCode.SERVICE_UNAVAILABLE, 503, "unavailable"));

        assertInstanceOf(ProbeResult.Unauthorized.class, probe.probe(StoreName.REALDEBRID, KEY));
        ProbeResult.Throttled throttled = assertInstanceOf(ProbeResult.Throttled.class, probe.probe(StoreName.ALLDEBRID, KEY));
        assertEquals(clock.instant().plusSeconds(90), throttled.until());
        ProbeResult.Error error = assertInstanceOf(ProbeResult.Error.class, probe.probe(StoreName.PREMIUMIZE, KEY));
        assertTrue(!error.message().contains(KEY.reveal()), "the key is not in the result");
    }
}
