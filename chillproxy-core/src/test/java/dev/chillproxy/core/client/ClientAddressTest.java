package dev.chillproxy.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {

    private final TrustedProxies trusted = TrustedProxies.parse("10.0.0.0/8,::1");

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "203.0.113.7  | 198.51.100.1                        | 203.0.113.7   | untrusted peer: header ignored",
            "203.0.113.7  | -                                   | 203.0.113.7   | no header",
            "10.0.0.2     | -                                   | 10.0.0.2      | trusted peer without header",
            "10.0.0.2     | 198.51.100.1                        | 198.51.100.1  | one trusted hop",
            "10.0.0.2     | 6.6.6.6, 198.51.100.1               | 198.51.100.1  | spoofed left entry ignored",
            "10.0.0.2     | 198.51.100.1, 10.0.0.3              | 198.51.100.1  | chain of trusted proxies",
            "10.0.0.2     | 10.0.0.5, 10.0.0.4, 10.0.0.3        | 10.0.0.5      | all trusted: left-most",
            "10.0.0.2     | 198.51.100.1, garbage, 10.0.0.3     | 10.0.0.3      | malformed entry stops the walk",
            "10.0.0.2     | 198.51.100.1, unknown               | 10.0.0.2      | malformed right-most: socket",
            "10.0.0.2     | ''                                  | 10.0.0.2      | empty header",
            "10.0.0.2     | 198.51.100.1:5678                   | 198.51.100.1  | port stripped",
            "10.0.0.2     | '[2001:DB8::7]:443'                 | 2001:db8::7   | bracketed IPv6 with port",
            "10.0.0.2     | ::ffff:198.51.100.1                 | 198.51.100.1  | mapped IPv6 normalised",
            "0:0:0:0:0:0:0:1 | 2001:db8:0:0:0:0:0:9             | 2001:db8::9   | IPv6 trusted peer",
            "::ffff:203.0.113.7 | 1.1.1.1                       | 203.0.113.7   | mapped untrusted peer",
            "not-an-ip    | 1.1.1.1                             | not-an-ip     | odd socket text returned as is",
            "-            | 1.1.1.1                             | ''            | null socket",
    })
    void resolvesTheClient(String socket, String xff, String expected, String why) {
        assertEquals(expected, ClientAddress.resolve(socket, xff, trusted), why);
    }
}
