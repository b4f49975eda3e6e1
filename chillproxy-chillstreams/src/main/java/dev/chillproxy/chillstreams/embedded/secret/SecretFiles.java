package dev.chillproxy.chillstreams.embedded.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

import dev.chillproxy.chillstreams.db.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets generated once into owner-only files in the data folder ({@code POOL_ENCRYPTION_KEY},
 * {@code CHILLSTREAMS_API_KEY}, {@code ADMIN_API_KEY} when unset). Logs name the file, never the value.
 * Stateless; safe across threads and across processes sharing the folder (the file is created atomically).
 */
public final class SecretFiles {

    private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);

    private SecretFiles() {
    }

    /** The trimmed content of {@code dataDir/fileName}, first writing {@code generator}'s value when missing. */
    public static String loadOrCreate(Path dataDir, String fileName, Supplier<String> generator) {
        Path file = dataDir.resolve(fileName);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            PrivateFiles.createFolders(dataDir);
            String value = generator.get();
            create(file);
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            LOG.info("generated a new secret into {} (owner-only); read it there", file.toAbsolutePath());
            return value;
        } catch (FileAlreadyExistsException raced) {
            return readWhenWritten(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException noPosix) {
            LOG.warn("{}: this file system has no POSIX permissions; restrict access to the file yourself", file);
            Files.createFile(file);
        }
    }

    private static String read(Path file) throws IOException {
        String value = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (value.isEmpty()) {
            throw new IllegalStateException("the secret file " + file + " is empty; delete it to generate a new one");
        }
        return value;
    }

    // another process created the file an instant ago and may still be writing it
    private static String readWhenWritten(Path file) {
        try {
            for (int attempt = 0; attempt < 50; attempt++) {
                String value = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!value.isEmpty()) {
                    return value;
                }
                Thread.sleep(20);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secret file " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the secret file " + file, e);
        }
    }
}
