package dev.chillproxy.server.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedSecretsTest {

    @TempDir
    Path dataDir;

    @Test
    void generatesOwnerOnlyFilesOnceAndReadsThemBack() throws IOException {
        Settings settings = Settings.fromEnvironment(Map.of("DATA_DIR", dataDir.toString()));
        Settings first = new GeneratedSecrets().fill(settings);
        Settings second = new GeneratedSecrets().fill(settings);

        assertEquals(first.pool().adminApiKey(), second.pool().adminApiKey());
        assertEquals(first.pool().poolEncryptionKey(), second.pool().poolEncryptionKey());
        assertTrue(first.pool().chillstreamsApiKey().isEmpty(), "no internal key unless the operator sets one");
        assertTrue(Files.notExists(dataDir.resolve(GeneratedSecrets.CHILLSTREAMS_API_KEY_FILE)));
        assertTrue(first.pool().adminApiKey().orElseThrow().reveal().length() >= SettingsReader.MIN_SECRET_LENGTH);
        assertTrue(GeneratedSecrets.isEncryptionKey(first.pool().poolEncryptionKey().orElseThrow().reveal()));
        Path adminFile = dataDir.resolve(GeneratedSecrets.ADMIN_API_KEY_FILE);
        assertEquals(first.pool().adminApiKey().orElseThrow().reveal(), Files.readString(adminFile).trim());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(adminFile)));
    }

    @Test
    void operatorValuesWinAndRemoteModeGeneratesNoInternalKey() {
        String admin = "operator-chosen-admin-key-0123456789abcdef";
        Settings settings = Settings.fromEnvironment(Map.of("DATA_DIR", dataDir.toString(), "ADMIN_API_KEY", admin,
                "CHILLSTREAMS_API_URL", "https://pool.example.com", "CHILLSTREAMS_API_KEY", admin));
        Settings filled = new GeneratedSecrets().fill(settings);
        assertEquals(admin, filled.pool().adminApiKey().orElseThrow().reveal());
        assertTrue(Files.notExists(dataDir.resolve(GeneratedSecrets.ADMIN_API_KEY_FILE)));
        assertTrue(Files.notExists(dataDir.resolve(GeneratedSecrets.CHILLSTREAMS_API_KEY_FILE)));
    }
}
