package dev.chillproxy.server.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.server.fakes.ServerFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Tag;

/** {@code DEVICE_IDLE_RELEASE} reaches the embedded pool: a user at the limit is told when a slot frees, then gets it. */
@Tag("security")
class DeviceIdleReleaseTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aSlotFreesAfterTheIdleTimeAndTheUserIsToldWhen(Engine engine) throws Exception {
        try (ServerFixture fixture = ServerFixture.withCatalogue(engine, Map.of("DEVICE_IDLE_RELEASE", "2s",
                "TORBOX_MAX_DEVICES_PER_USER", "1", "POOL_GRANT_TTL", "0"))) {
            fixture.addPoolKey(ServerFixture.KEY_ONE, 10);
            String user = fixture.addUser();
            String path = ServerFixture.streamPath(user, 0);
            assertEquals(2, fixture.streams(path, "Phone/1 (mobile address 1)").size());

            JsonNode denied = fixture.streams(path, "Phone/1 (mobile address 2)");
            assertEquals(1, denied.size());
            String text = denied.get(0).toString();
            assertTrue(text.contains("Device limit reached") && text.matches(".*A slot frees in about [12] s.*")
                    && text.contains("operator"), text);

            Thread.sleep(2_100);
            assertEquals(2, fixture.streams(path, "Phone/1 (mobile address 2)").size(), "the idle slot was freed");
        }
    }
}
