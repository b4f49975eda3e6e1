package dev.chillproxy.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @CsvSource({
            "1.2.3.4, 1.2.3.4",
            "' 255.255.255.255 ', 255.255.255.255",
            "::ffff:1.2.3.4, 1.2.3.4",
            "::FFFF:0102:0304, 1.2.3.4",
            "[::1], ::1",
            "0:0:0:0:0:0:0:1, ::1",
            "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "fe80:0000:0000:0000:0000:0000:0000:0000, fe80::",
            "::, ::",
    })
    void printsOneCanonicalTextPerAddress(String input, String canonical) {
        assertEquals(Optional.of(canonical), IpLiteral.normalize(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4/8",
            "1:2", "::1%eth0", "fe80::1%1", "12345::", "[1.2.3.4", "1.2.3.4:80", "0x7f.0.0.1", "2130706433", "::g"})
    void rejectsAnythingThatIsNotAnIpLiteral(String input) {
        assertEquals(Optional.empty(), IpLiteral.parse(input));
    }
}
