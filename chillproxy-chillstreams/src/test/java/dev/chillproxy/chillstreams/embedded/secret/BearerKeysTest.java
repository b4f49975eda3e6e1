package dev.chillproxy.chillstreams.embedded.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerKeysTest {

    @Test
    void refusesShortConfiguredKeysNamingTheVariableOnly() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> BearerKeys.resolve("ADMIN_API_KEY", "short-secret-value", Path.of("unused"), "admin-api.key"));
        assertTrue(error.getMessage().contains("ADMIN_API_KEY"));
        assertFalse(error.getMessage().contains("short-secret-value"));
        String good = "x".repeat(32);
        assertEquals(good, BearerKeys.validate("CHILLSTREAMS_API_KEY", good).reveal());
    }

    @Test
    void generatesOnceIntoAnOwnerOnlyFileAndKeepsIt(@TempDir Path dir) throws Exception {
        String first = BearerKeys.resolve("ADMIN_API_KEY", null, dir, "admin-api.key").reveal();
        String second = BearerKeys.resolve("ADMIN_API_KEY", " ", dir, "admin-api.key").reveal();
        String other = BearerKeys.resolve("CHILLSTREAMS_API_KEY", null, dir, "chillstreams-api.key").reveal();

        assertEquals(first, second);
        assertNotEquals(first, other);
        assertTrue(first.length() >= BearerKeys.MIN_LENGTH);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("admin-api.key"))));
    }

    @Test
    void createsTheDataFolderAndRefusesAnEmptiedFile(@TempDir Path dir) throws Exception {
        Path nested = dir.resolve("a/b");
        String value = SecretFiles.loadOrCreate(nested, "s.key", () -> "generated-value");
        assertEquals("generated-value", value);
        Files.writeString(nested.resolve("s.key"), "  \n");
        assertThrows(IllegalStateException.class, () -> SecretFiles.loadOrCreate(nested, "s.key", () -> "new"));
    }
}
