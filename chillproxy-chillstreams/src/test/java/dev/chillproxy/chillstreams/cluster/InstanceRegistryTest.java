package dev.chillproxy.chillstreams.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.db.TestDatabase;
import dev.chillproxy.core.testing.TestClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InstanceRegistryTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-02T08:00:00Z"));

    @ParameterizedTest
    @EnumSource(Engine.class)
    void instancesOnOneDatabaseSeeEachOtherUntilOneStopsBeating(Engine engine) {
        try (TestDatabase db = TestDatabase.create(engine); Database second = Database.open(db.url())) {
            db.database().migrate(InstanceRegistry.MIGRATIONS);
            InstanceRegistry a = new InstanceRegistry(db.database(), clock, "1.4.0", () -> true);
            InstanceRegistry b = new InstanceRegistry(second, clock, "1.4.0", () -> true);
            a.beat();
            b.beat();
            a.beat();
            assertEquals(2, a.liveInstances());
            assertEquals(List.of(), InstanceRegistry.warnings(a.list()));

            clock.advance(InstanceRegistry.LIVE_WINDOW.plusSeconds(1));
            a.beat(); // b has stopped beating
            assertEquals(1, a.liveInstances());
            List<ClusterInstance> listed = a.list();
            assertEquals(2, listed.size());
            assertTrue(listed.stream().anyMatch(i -> i.id().equals(a.id()) && i.live() && i.version().equals("1.4.0")));
            assertTrue(listed.stream().anyMatch(i -> i.id().equals(b.id()) && !i.live()));

            clock.advance(Duration.ofDays(1));
            a.beat();
            assertEquals(List.of(a.id()), a.list().stream().map(ClusterInstance::id).toList(), "long gone: deleted");

            a.close();
            assertEquals(List.of(), b.list(), "a stopped instance leaves the list at once");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void warningsNameInstancesWithAnotherVersionOrWithoutSharedLimits(Engine engine) {
        try (TestDatabase db = TestDatabase.create(engine)) {
            db.database().migrate(InstanceRegistry.MIGRATIONS);
            InstanceRegistry old = new InstanceRegistry(db.database(), clock, "1.3.9", () -> true);
            clock.advance(Duration.ofMinutes(1));
            InstanceRegistry fresh = new InstanceRegistry(db.database(), clock, "1.4.0", () -> false);
            old.beat();
            fresh.beat();
            assertEquals(List.of(), InstanceRegistry.warnings(List.of(fresh.list().get(1))), "one live instance: no warning");

            List<String> warnings = InstanceRegistry.warnings(fresh.list());
            assertEquals(2, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains(old.id()) && warnings.get(0).contains("1.3.9"), warnings.toString());
            assertTrue(warnings.get(1).contains(fresh.id()) && warnings.get(1).contains("without shared limits"),
                    warnings.toString());
            assertFalse(warnings.toString().contains("instance " + old.id() + " runs without"));
        }
    }
}
