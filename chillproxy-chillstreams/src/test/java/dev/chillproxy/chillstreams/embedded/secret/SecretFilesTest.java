package dev.chillproxy.chillstreams.embedded.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

    @Test
    void theDataFolderItCreatesAndTheSecretAreOwnerOnly(@TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("data");

        assertEquals("generated", SecretFiles.loadOrCreate(dataDir, "admin-api-key", () -> "generated"));

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("admin-api-key"))));
        assertEquals("generated", SecretFiles.loadOrCreate(dataDir, "admin-api-key", () -> "other"));
    }
}
