package dev.chillproxy.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockedAddressesTest {

    /**
     * Spellings as OkHttp receives them in a URL's host: it hands IP-looking hosts to {@link InetAddress#getByName},
     * which reads decimal, short and zero-padded IPv4 forms and IPv6 forms that embed IPv4.
     */
    @ParameterizedTest(name = "{0} blocked={1}")
    @CsvSource({
            // this machine
            "127.0.0.1, true", "127.255.255.254, true", "2130706433, true", "127.1, true", "127.000.000.001, true",
            "127.0.0.01, true", "0.0.0.0, true", "0, true", "0.1.2.3, true", "::1, true", "0:0:0:0:0:0:0:1, true",
            "::, true",
            // link-local and cloud metadata
            "169.254.169.254, true", "169.254.0.1, true", "2852039166, true", "fe80::1, true", "febf:ffff::1, true",
            "fd00:ec2::254, true", "fd00:ec2:0:0:0:0:0:254, true",
            // carrier-grade NAT
            "100.64.0.1, true", "100.127.255.255, true",
            // IPv4 inside IPv6
            "::ffff:127.0.0.1, true", "::ffff:7f00:1, true", "::127.0.0.1, true", "::ffff:169.254.169.254, true",
            "::ffff:0:127.0.0.1, true", "64:ff9b::127.0.0.1, true", "64:ff9b::7f00:1, true",
            "64:ff9b::169.254.169.254, true", "64:ff9b::100.64.0.1, true",
            // allowed: LAN, public, near misses
            "10.0.0.5, false", "172.16.0.1, false", "192.168.1.20, false", "fc00::1, false", "fd12:3456::1, false",
            "fd00:ec2::253, false", "fec0::1, false", "fe7f::1, false", "100.63.255.255, false", "100.128.0.0, false",
            "169.253.255.255, false", "169.255.0.1, false", "126.255.255.255, false", "128.0.0.1, false",
            "8.8.8.8, false", "0177.0.0.1, false", "2606:4700:4700::1111, false", "::ffff:192.168.1.20, false",
            "::ffff:8.8.8.8, false", "64:ff9b::8.8.8.8, false"
    })
    void classifiesSpellings(String spelling, boolean blocked) throws Exception {
        assertEquals(blocked, BlockedAddresses.isBlocked(InetAddress.getByName(spelling)), spelling);
    }
}
