package dev.chillproxy.chillstreams.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void migratesOnceAndKeepsDataAcrossRestarts(Engine engine) {
        try (TestDatabase test = TestDatabase.create(engine)) {
            test.database().migrate("probe");
            test.database().jdbi().useHandle(h -> h.execute("INSERT INTO probe (name) VALUES ('first')"));

            try (Database reopened = Database.open(test.url())) {
                reopened.migrate("probe"); // a second start must not re-apply or fail
                int rows = reopened.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM probe").mapTo(Integer.class).one());
                assertEquals(1, rows);
                assertTrue(reopened.isReachable());
            }
        }
    }
}
