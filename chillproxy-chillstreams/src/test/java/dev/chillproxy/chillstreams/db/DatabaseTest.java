package dev.chillproxy.chillstreams.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aFailedStatementCarriesNoBoundValueInItsMessages(Engine engine) {
        try (TestDatabase test = TestDatabase.create(engine)) {
            test.database().migrate("pool");
            String user = "5f0c2a9e-8d1b-4c3a-9e7f-6a5b4c3d2e1f";
            String insert = "INSERT INTO users (id, email, status, created_at) VALUES (:id, :email, 'active', 1)";
            test.database().jdbi().useHandle(h -> h.createUpdate(insert).bind("id", user).bind("email", "a@b.c").execute());

            RuntimeException e = assertThrows(RuntimeException.class, () -> test.database().jdbi().useHandle(
                    h -> h.createUpdate(insert).bind("id", user).bind("email", "private@example.com").execute()));

            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains(user), t.toString());
                assertFalse(String.valueOf(t.getMessage()).contains("private@example.com"), t.toString());
            }
            String described = DatabaseErrors.describe(e).orElseThrow();
            assertTrue(described.matches("\\w+ \\(SQL state \\w+\\)"), described);
            assertFalse(described.contains(user));
        }
    }
}
