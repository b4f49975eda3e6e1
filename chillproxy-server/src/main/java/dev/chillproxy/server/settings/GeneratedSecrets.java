package dev.chillproxy.server.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import dev.chillproxy.core.secret.ApiKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the secrets the operator did not set from owner-only files in the data folder, generating each
 * file once. The log names the file, never the value. Not thread-safe; used once at start-up.
 */
public final class GeneratedSecrets {

    private static final Logger LOG = LoggerFactory.getLogger(GeneratedSecrets.class);

    public static final String ADMIN_API_KEY_FILE = "admin-api-key";
    public static final String CHILLSTREAMS_API_KEY_FILE = "chillstreams-api-key";
    public static final String POOL_ENCRYPTION_KEY_FILE = "pool-encryption-key";

    private final SecureRandom random = new SecureRandom();

    /** Returns settings whose admin key, encryption key and (embedded mode) internal key are all present. */
    public Settings fill(Settings settings) {
        Path folder = settings.dataDir();
        ApiKey admin = settings.adminApiKey()
                .orElseGet(() -> readOrCreate(folder.resolve(ADMIN_API_KEY_FILE), "ADMIN_API_KEY", this::bearerKey));
        ApiKey encryption = settings.poolEncryptionKey()
                .orElseGet(() -> readOrCreate(folder.resolve(POOL_ENCRYPTION_KEY_FILE), "POOL_ENCRYPTION_KEY",
                        this::encryptionKey));
        Optional<ApiKey> internal = settings.chillstreamsApiKey();
        if (internal.isEmpty() && settings.embeddedPool()) {
            internal = Optional.of(readOrCreate(folder.resolve(CHILLSTREAMS_API_KEY_FILE), "CHILLSTREAMS_API_KEY",
                    this::bearerKey));
        }
        return settings.withSecrets(internal, admin, encryption);
    }

    /** The 32 key bytes of a base64 (standard or URL-safe, padded or not) AES-256 key, if it is one. */
    public static Optional<byte[]> decodeEncryptionKey(String value) {
        String trimmed = value.trim();
        boolean urlSafe = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0;
        try {
            byte[] bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(trimmed);
            return bytes.length == 32 ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private ApiKey readOrCreate(Path file, String variable, java.util.function.Supplier<String> generator) {
        try {
            if (Files.exists(file)) {
                return ApiKey.of(Files.readString(file, StandardCharsets.UTF_8).trim());
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            String value = generator.get();
            write(file, value);
            LOG.info("{} not set: generated one into {} (read it there)", variable, file.toAbsolutePath());
            return ApiKey.of(value);
        } catch (FileAlreadyExistsException e) {
            return readOrCreate(file, variable, generator); // another instance created it first
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file.toAbsolutePath(), e);
        }
    }

    private static void write(Path file, String value) throws IOException {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private String bearerKey() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    private String encryptionKey() {
        return Base64.getEncoder().encodeToString(randomBytes(32));
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
