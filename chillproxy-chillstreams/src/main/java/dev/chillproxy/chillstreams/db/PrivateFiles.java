package dev.chillproxy.chillstreams.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folders and files only the server's own user may read: the data folder (0700), the SQLite database with its
 * {@code -wal}/{@code -shm} files and the generated secrets (0600). Where the file system has no POSIX permissions
 * the operator is told once per path. Stateless.
 */
public final class PrivateFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates the missing folders of {@code folder}, each owner-only; existing folders are left as they are. */
    public static void createFolders(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createFolders(parent);
        }
        try {
            Files.createDirectory(absolute, attribute(absolute, FOLDER));
        } catch (FileAlreadyExistsException raced) {
            // another process made it meanwhile
        }
    }

    /** Creates {@code file} empty and owner-only when missing; returns false when it already existed. */
    public static boolean createFile(Path file) throws IOException {
        try {
            Files.createFile(file, attribute(file, FILE));
            return true;
        } catch (FileAlreadyExistsException exists) {
            return false;
        }
    }

    /** Takes group and other permissions away from each existing file (one left readable by an older version). */
    public static void restrict(Path... files) {
        for (Path file : files) {
            try {
                if (Files.exists(file) && posix(file)) {
                    Files.setPosixFilePermissions(file, FILE);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make " + file + " owner-only", e);
            }
        }
    }

    private static FileAttribute<?>[] attribute(Path path, Set<PosixFilePermission> permissions) {
        if (posix(path)) {
            // given at creation, so the file is never readable by others, not even for an instant
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
        }
        LOG.warn("{}: this file system has no POSIX permissions; restrict access to it yourself", path);
        return new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
