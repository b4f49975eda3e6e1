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
        // IPv6 counts by its /64: sha256("2001:db8::/64|")
        assertEquals("f88191480935c537bb2ca3c4abcf66df722c0a8c38824be5e9ad90712e36ebb6", DeviceId.of("2001:db8::1", null));
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
    void anIpv6PrivacyAddressRotatingInsideItsSlash64StaysOneDevice() {
        String ua = "Stremio/4.4 (Android)";
        assertEquals(DeviceId.of("2001:db8:1:2:a1b2:c3d4:e5f6:789", ua), DeviceId.of("2001:db8:1:2:ffff:1:2:3", ua));
        assertEquals(DeviceId.of("2001:db8:1:2::1", ua), DeviceId.of("2001:db8:1:2:8000::", ua));
        assertNotEquals(DeviceId.of("2001:db8:1:2::1", ua), DeviceId.of("2001:db8:1:3::1", ua), "another /64 is another device");
    }

    @Test
    void differentUserAgentOrIpIsAnotherDevice() {
        assertNotEquals(DeviceId.of("203.0.113.7", "Stremio/4.4"), DeviceId.of("203.0.113.7", "Stremio/5.0"));
        assertNotEquals(DeviceId.of("203.0.113.7", "x"), DeviceId.of("203.0.113.8", "x"));
    }
}
