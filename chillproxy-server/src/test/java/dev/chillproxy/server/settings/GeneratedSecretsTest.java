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

        assertEquals(first.adminApiKey(), second.adminApiKey());
        assertEquals(first.poolEncryptionKey(), second.poolEncryptionKey());
        assertTrue(first.chillstreamsApiKey().isEmpty(), "no internal key unless the operator sets one");
        assertTrue(Files.notExists(dataDir.resolve(GeneratedSecrets.CHILLSTREAMS_API_KEY_FILE)));
        assertTrue(first.adminApiKey().orElseThrow().reveal().length() >= SettingsReader.MIN_SECRET_LENGTH);
        assertTrue(GeneratedSecrets.isEncryptionKey(first.poolEncryptionKey().orElseThrow().reveal()));
        Path adminFile = dataDir.resolve(GeneratedSecrets.ADMIN_API_KEY_FILE);
        assertEquals(first.adminApiKey().orElseThrow().reveal(), Files.readString(adminFile).trim());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(adminFile)));
    }

    @Test
    void operatorValuesWinAndRemoteModeGeneratesNoInternalKey() {
        String admin = "operator-chosen-admin-key-0123456789abcdef";
        Settings settings = Settings.fromEnvironment(Map.of("DATA_DIR", dataDir.toString(), "ADMIN_API_KEY", admin,
                "CHILLSTREAMS_API_URL", "https://pool.example.com", "CHILLSTREAMS_API_KEY", admin));
        Settings filled = new GeneratedSecrets().fill(settings);
        assertEquals(admin, filled.adminApiKey().orElseThrow().reveal());
        assertTrue(Files.notExists(dataDir.resolve(GeneratedSecrets.ADMIN_API_KEY_FILE)));
        assertTrue(Files.notExists(dataDir.resolve(GeneratedSecrets.CHILLSTREAMS_API_KEY_FILE)));
    }
}
