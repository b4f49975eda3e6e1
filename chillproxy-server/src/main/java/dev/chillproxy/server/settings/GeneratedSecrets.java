package dev.chillproxy.server.settings;

import java.nio.file.Path;
import java.util.function.Supplier;

import dev.chillproxy.chillstreams.embedded.secret.BearerKeys;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.chillstreams.embedded.secret.SecretFiles;
import dev.chillproxy.core.secret.ApiKey;

/**
 * Fills the secrets the operator did not set from owner-only files in the data folder, generating each
 * file once ({@link SecretFiles}: the log names the file, never the value). Stateless.
 */
public final class GeneratedSecrets {

    public static final String ADMIN_API_KEY_FILE = "admin-api-key";
    /** Written by earlier versions in embedded mode; no longer read nor written. */
    public static final String CHILLSTREAMS_API_KEY_FILE = "chillstreams-api-key";
    public static final String POOL_ENCRYPTION_KEY_FILE = PoolKeyCipher.FILE_NAME;

    /** Returns settings whose admin key and encryption key are present; the internal key stays as the operator set it. */
    public Settings fill(Settings settings) {
        Path folder = settings.storage().dataDir();
        ApiKey admin = settings.pool().adminApiKey()
                .orElseGet(() -> stored(folder, ADMIN_API_KEY_FILE, BearerKeys::generate));
        ApiKey encryption = settings.pool().poolEncryptionKey()
                .orElseGet(() -> stored(folder, POOL_ENCRYPTION_KEY_FILE, PoolKeyCipher::generateKey));
        // no internal key is generated: without one set by the operator the internal pool API is not served at all
        return settings.withSecrets(admin, encryption);
    }

    /** True when {@code value} is a usable AES-256 key (32 bytes as base64 or 64 hex digits). */
    public static boolean isEncryptionKey(String value) {
        try {
            PoolKeyCipher.of(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ApiKey stored(Path folder, String fileName, Supplier<String> generator) {
        return ApiKey.of(SecretFiles.loadOrCreate(folder, fileName, generator));
    }
}
