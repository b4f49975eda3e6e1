package dev.chillproxy.chillstreams.embedded.secret;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import dev.chillproxy.core.secret.ApiKey;

/**
 * Bearer keys of the internal and admin APIs ({@code CHILLSTREAMS_API_KEY}, {@code ADMIN_API_KEY}): at least
 * {@value #MIN_LENGTH} characters, configured or generated once into the data folder. Stateless.
 */
public final class BearerKeys {

    public static final int MIN_LENGTH = 32;

    private BearerKeys() {
    }

    /**
     * @throws IllegalArgumentException naming {@code variable}, never echoing the value, when shorter than 32
     */
    public static ApiKey validate(String variable, String value) {
        if (value == null || value.trim().length() < MIN_LENGTH) {
            throw new IllegalArgumentException(variable + " must be at least " + MIN_LENGTH + " characters");
        }
        return ApiKey.of(value.trim());
    }

    /** The configured value when set (validated), otherwise the one kept in {@code dataDir/fileName}. */
    public static ApiKey resolve(String variable, String configured, Path dataDir, String fileName) {
        if (configured != null && !configured.isBlank()) {
            return validate(variable, configured);
        }
        return validate(dataDir.resolve(fileName).toString(),
                SecretFiles.loadOrCreate(dataDir, fileName, BearerKeys::generate));
    }

    /** 32 random bytes, URL-safe base64 (43 characters). */
    public static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
