package dev.chillproxy.chillstreams.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An OS lock on a journal owner's lock file: held while the owner's process lives (the OS lets go when it dies,
 * kill -9 included), so a lock anyone else can take means the owner's segments are orphans. Not thread-safe.
 */
final class OwnerLock implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OwnerLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates and locks {@code name} in {@code folder}. The file is locked under a temporary name and then renamed,
     * so nobody can find it unlocked and take it for an orphan's.
     */
    static OwnerLock take(Path folder, String name) throws IOException {
        Path temporary = folder.resolve(name + ".new");
        FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileLock lock = channel.lock();
        Path file = Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return new OwnerLock(file, channel, lock);
    }

    /** Locks another owner's lock file, or returns null while its owner lives (or the file is gone). */
    static OwnerLock tryAdopt(Path folder, String name) throws IOException {
        Path file = folder.resolve(name);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new OwnerLock(file, channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // held by this process: alive
        }
        channel.close();
        return null;
    }

    /** The owner ids of the lock files named {@code <id><suffix>} in {@code folder}. */
    static List<String> owners(Path folder, String suffix) throws IOException {
        List<String> owners = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + suffix)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                owners.add(name.substring(0, name.length() - suffix.length()));
            }
        }
        return owners;
    }

    void deleteFile() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // an empty lock file left behind is adopted, with no segment, by the next start
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process's end releases it anyway
        }
    }
}
