package dev.chillproxy.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTest {

    @ParameterizedTest(name = "{0} ns -> {1} s")
    @CsvSource({"0, 1", "1, 1", "999999999, 1", "1000000000, 1", "1000000001, 2", "2500000000, 3"})
    void wholeSecondsRoundedUpAndAtLeastOne(long nanos, long seconds) {
        assertEquals(seconds, RetryAfter.seconds(Duration.ofNanos(nanos)));
    }
}
