package dev.chillproxy.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {

    private final TrustedProxies trusted = TrustedProxies.parse(" 10.0.0.0/8, 192.168.1.10 ,fd00::/8,2001:db8::1,, 172.16.0.0/12");

    @ParameterizedTest
    @CsvSource({
            "10.0.0.1, true", "10.255.255.255, true", "11.0.0.1, false",
            "192.168.1.10, true", "192.168.1.11, false",
            "172.31.255.255, true", "172.32.0.0, false",
            "::ffff:10.1.2.3, true",
            "fd12:3456::1, true", "fe00::1, false",
            "2001:db8:0:0:0:0:0:1, true", "2001:db8::2, false",
            "localhost, false", "'', false"})
    void matchesBlocksAndSingleAddresses(String ip, boolean expected) {
        assertEquals(expected, trusted.contains(ip));
    }

    @Test
    void noneTrustsNothing() {
        assertFalse(TrustedProxies.none().contains("127.0.0.1"));
        assertTrue(TrustedProxies.parse(null).isEmpty());
        assertTrue(TrustedProxies.parse("  ").isEmpty());
    }

    @Test
    void zeroPrefixTrustsTheWholeFamilyOnly() {
        TrustedProxies all4 = TrustedProxies.parse("0.0.0.0/0");
        assertTrue(all4.contains("8.8.8.8"));
        assertFalse(all4.contains("::1"));
    }

    @Test
    void mappedIpv6BlockCoversItsIpv4Addresses() {
        TrustedProxies mapped = TrustedProxies.parse("::ffff:10.0.0.0/104");
        assertTrue(mapped.contains("10.9.9.9"));
        assertFalse(mapped.contains("11.0.0.1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.0/8,proxy.local    | TRUSTED_PROXIES entry \"proxy.local\": not an IP address",
            "10.0.0.0/33               | TRUSTED_PROXIES entry \"10.0.0.0/33\": prefix length out of range",
            "fd00::/129                | TRUSTED_PROXIES entry \"fd00::/129\": prefix length out of range",
            "10.0.0.0/x                | TRUSTED_PROXIES entry \"10.0.0.0/x\": bad prefix length",
            "10.0.0.0/                 | TRUSTED_PROXIES entry \"10.0.0.0/\": bad prefix length",
            "::ffff:10.0.0.0/8         | TRUSTED_PROXIES entry \"::ffff:10.0.0.0/8\": prefix length out of range"})
    void namesTheBadEntry(String csv, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(csv)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.invalid", "10.0.0.1.nip.io"})
    void neverResolvesHostNames(String host) {
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(host));
    }
}
