package dev.chillproxy.server.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.chillproxy.core.secret.ApiKey;

/** One household is one network (its /24 or /64), and what is stored tells nothing about the address. */
class ClientNetworksTest {

    private final ClientNetworks networks = new ClientNetworks(ApiKey.of("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));

    @Test
    void addressesInOneSlash24OrSlash64AreOneNetwork() {
        assertEquals(networks.of("198.51.100.7"), networks.of("198.51.100.250"));
        assertEquals(networks.of("198.51.100.7"), networks.of("::ffff:198.51.100.8"), "an IPv4-mapped address is its IPv4");
        assertNotEquals(networks.of("198.51.100.7"), networks.of("198.51.101.7"));
        assertEquals(networks.of("2001:db8:1:2::1"), networks.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "privacy addresses rotate");
        assertNotEquals(networks.of("2001:db8:1:2::1"), networks.of("2001:db8:1:3::1"));
    }

    @Test
    void theFingerprintHoldsNoAddressAndDependsOnTheServersSecret() {
        String fingerprint = networks.of("198.51.100.7").orElseThrow();
        assertTrue(fingerprint.matches("net-[0-9a-f]{16}"), fingerprint);
        assertFalse(fingerprint.contains("198") || fingerprint.contains("51"), fingerprint);
        ClientNetworks otherServer = new ClientNetworks(ApiKey.of("fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"));
        assertNotEquals(networks.of("198.51.100.7"), otherServer.of("198.51.100.7"), "a guessed network cannot be checked");
    }

    @Test
    void somethingThatIsNoAddressHasNoNetwork() {
        assertEquals(Optional.empty(), networks.of("unix-socket"));
        assertEquals(Optional.empty(), networks.of(""));
    }

    @Test
    void prefixesAreTheSlash24AndSlash64() throws Exception {
        assertEquals("198.51.100.0/24", ClientNetworks.prefix(java.net.InetAddress.getByName("198.51.100.7")));
        assertEquals("2001:db8:1:2::/64", ClientNetworks.prefix(java.net.InetAddress.getByName("2001:db8:1:2::1")));
    }
}
