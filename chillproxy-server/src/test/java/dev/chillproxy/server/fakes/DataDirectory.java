package dev.chillproxy.server.fakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A throw-away {@code DATA_DIR} for a test server, deleted with everything in it on close. Not thread-safe. */
public final class DataDirectory implements AutoCloseable {

    private final Path path;

    private DataDirectory(Path path) {
        this.path = path;
    }

    public static DataDirectory create(String prefix) {
        try {
            return new DataDirectory(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
