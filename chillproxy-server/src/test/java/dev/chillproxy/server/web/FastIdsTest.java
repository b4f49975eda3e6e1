package dev.chillproxy.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class FastIdsTest {

    @Test
    void idsAreDistinctRandomLookingUuidsAndDifferBetweenInstances() {
        FastIds ids = new FastIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ids.next();
            UUID parsed = UUID.fromString(id);
            assertEquals(4, parsed.version(), id);
            assertEquals(2, parsed.variant(), id);
            seen.add(id);
        }
        assertEquals(10_000, seen.size());
        assertNotEquals(new FastIds().next().substring(0, 18), new FastIds().next().substring(0, 18),
                "two processes (instances) draw different prefixes");
    }
}
