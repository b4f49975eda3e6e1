package dev.chillproxy.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class DeviceIdTest {

    // expected values computed with Python's hashlib.sha256, independently of this code
    @Test
    void isSha256HexOfIpBarUserAgent() {
        assertEquals("cc65519d67b8e26272828fdc08bb94a41c195cbbf5162c6cbbd5f1d0f277bfaa",
                DeviceId.of("203.0.113.7", "Stremio/4.4 (Linux)"));
        assertEquals("398ba34151b85e0472e791d84653726236baeeae58b7e42e4eba51fe95692e05", DeviceId.of("2001:db8::1", null));
        assertEquals("cbe5cfdf7c2118a9c3d78ef1d684f3afa089201352886449a06a6511cfef74a7", DeviceId.of(null, null));
    }

    @Test
    void oneClientGetsOneIdWhateverTheSpelling() {
        String ua = "Stremio/4.4 (Linux)";
        assertEquals(DeviceId.of("203.0.113.7", ua), DeviceId.of("::ffff:203.0.113.7", ua));
        assertEquals(DeviceId.of("2001:db8::1", ua), DeviceId.of("2001:0DB8:0:0:0:0:0:1", ua));
        assertEquals(DeviceId.of("2001:db8::1", ua), DeviceId.of("[2001:db8::1]", ua));
    }

    @Test
    void differentUserAgentOrIpIsAnotherDevice() {
        assertNotEquals(DeviceId.of("203.0.113.7", "Stremio/4.4"), DeviceId.of("203.0.113.7", "Stremio/5.0"));
        assertNotEquals(DeviceId.of("203.0.113.7", "x"), DeviceId.of("203.0.113.8", "x"));
    }
}
