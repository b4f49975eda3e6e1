package dev.chillproxy.chillstreams.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class EvictionTest {

    @Test
    void aMessageReadsBackAsTheEvictionThatWroteIt() {
        assertEquals(Optional.of(Eviction.user("alice")), Eviction.decode(Eviction.user("alice").encode()));
        assertEquals(Optional.of(Eviction.key("k:1")), Eviction.decode(Eviction.key("k:1").encode()));
    }

    @Test
    void malformedOrOversizedMessagesAreDropped() {
        assertTrue(Eviction.decode(null).isEmpty());
        assertTrue(Eviction.decode("").isEmpty());
        assertTrue(Eviction.decode("u:").isEmpty());
        assertTrue(Eviction.decode("x:alice").isEmpty());
        assertTrue(Eviction.decode("ualice").isEmpty());
        assertTrue(Eviction.decode("u:" + "a".repeat(Eviction.MAX_ID_LENGTH + 1)).isEmpty());
    }
}
