package dev.chillproxy.chillstreams.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void theSqliteFolderFileAndItsWalAndShmAreOwnerOnly(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("data").resolve("nested").resolve("chillproxy.db");
        try (Database database = Database.open(DatabaseUrl.parse("sqlite:" + file))) {
            database.migrate("probe");
            database.jdbi().useHandle(h -> h.execute("INSERT INTO probe (name) VALUES ('x')"));
            assertEquals("rwx------", mode(temp.resolve("data")));
            assertEquals("rwx------", mode(file.getParent()));
            for (String suffix : List.of("", "-wal", "-shm")) {
                Path path = Path.of(file + suffix);
                assertTrue(Files.exists(path), path + " exists while the database is open");
                assertEquals("rw-------", mode(path), path.toString());
            }
        }
    }

    @Test
    void aDatabaseFileLeftReadableByAnOlderVersionIsMadeOwnerOnly(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("old.db");
        try (Database database = Database.open(DatabaseUrl.parse("sqlite:" + file))) {
            database.migrate("probe");
        }
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path path = Path.of(file + suffix);
            if (!Files.exists(path)) {
                Files.createFile(path);
            }
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (Database database = Database.open(DatabaseUrl.parse("sqlite:" + file))) {
            for (String suffix : List.of("", "-wal", "-shm")) {
                assertEquals("rw-------", mode(Path.of(file + suffix)), suffix);
            }
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
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
