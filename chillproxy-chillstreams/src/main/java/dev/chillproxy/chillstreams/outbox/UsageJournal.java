package dev.chillproxy.chillstreams.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import dev.chillproxy.chillstreams.pool.UsageEvent;

/**
 * Usage events on local disk before their answer is sent, so that no request waits for a database commit: a written
 * line is in the kernel's hands and survives a {@code kill -9} of the process, and the outbox moves the lines into the
 * database in large groups a moment later. Lines are not fsynced: an OS crash or power loss can lose what the
 * database had not committed yet (normally the last move interval's events).
 *
 * <p>The folder may be shared by processes with the same data folder. Each open journal has a random id, holds an
 * {@link OwnerLock} on {@code <id>.lock} while open and writes segments {@code <id>-<n>.usage}, one
 * {@link JournalLines line} per event. {@link #seal} closes the current segment and hands over its events; its file
 * stays until {@link #stored}. The segments of an owner whose lock is free (it crashed, or stopped with events left)
 * are adopted by the next journal that opens: renamed to its own id and replayed. Thread-safe.
 */
public final class UsageJournal implements AutoCloseable {

    /** Events of the current segment kept in memory; beyond that the segment is replayed from its file. */
    static final int MAX_IN_MEMORY = 50_000;
    /** Bytes of unstored segments beyond which {@link #append} refuses, so a long database outage cannot fill the disk. */
    static final long MAX_BYTES = 256L << 20;
    private static final String SEGMENT = ".usage";
    private static final String LOCK = ".lock";

    /** A sealed segment: its file and, when {@code complete}, every event in it. */
    record Segment(Path path, List<UsageEvent> events, boolean complete) {
    }

    private record Size(long bytes, long events) {
    }

    private final Path folder;
    private final String id;
    private final OwnerLock lock;
    private final ReentrantLock guard = new ReentrantLock();
    /** Sealed segments not stored yet, with their size in bytes and events; guarded. */
    private final Map<Path, Size> unstored = new HashMap<>();
    private long sequence;
    private FileChannel current;
    private Path currentPath;
    private long currentBytes;
    private long currentCount;
    private long unstoredBytes;
    private long waiting;
    private List<UsageEvent> currentEvents = new ArrayList<>();
    private boolean currentComplete = true;

    private UsageJournal(Path folder, String id, OwnerLock lock) {
        this.folder = folder;
        this.id = id;
        this.lock = lock;
    }

    /** Opens a journal of its own in {@code folder} (created when missing) and adopts the segments of dead owners. */
    public static UsageJournal open(Path folder) throws IOException {
        Files.createDirectories(Objects.requireNonNull(folder, "folder"));
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        UsageJournal journal = new UsageJournal(folder, id, OwnerLock.take(folder, id + LOCK));
        journal.adoptOrphans();
        return journal;
    }

    /** Writes the event's line; false (nothing kept) when the disk refuses it or {@link #MAX_BYTES} is reached. */
    public boolean append(UsageEvent event) {
        byte[] line = JournalLines.encode(event);
        guard.lock();
        try {
            if (unstoredBytes + currentBytes + line.length > MAX_BYTES) {
                return false;
            }
            if (current == null) {
                currentPath = folder.resolve(id + "-" + (++sequence) + SEGMENT);
                current = FileChannel.open(currentPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                current.write(buffer);
            }
            currentBytes += line.length;
            currentCount++;
            waiting++;
            if (currentEvents.size() < MAX_IN_MEMORY) {
                currentEvents.add(event);
            } else {
                currentComplete = false;
            }
            return true;
        } catch (IOException e) {
            if (current != null) {
                // a torn line ends this segment (reading skips it); the next event starts a new one
                currentComplete = false;
                sealLocked();
            }
            return false;
        } finally {
            guard.unlock();
        }
    }

    /** Closes the current segment and returns it, or null when nothing was written since the last seal. */
    Segment seal() {
        guard.lock();
        try {
            return current == null ? null : sealLocked();
        } finally {
            guard.unlock();
        }
    }

    private Segment sealLocked() {
        try {
            current.close();
        } catch (IOException e) {
            // the bytes are written; a failing close loses nothing
        }
        Segment sealed = new Segment(currentPath, currentEvents, currentComplete);
        unstored.put(currentPath, new Size(currentBytes, currentCount));
        unstoredBytes += currentBytes;
        current = null;
        currentBytes = 0;
        currentCount = 0;
        currentEvents = new ArrayList<>();
        currentComplete = true;
        return sealed;
    }

    /** Sealed segments not stored yet (earlier moves that failed, adopted ones), oldest first. */
    List<Path> unstored() {
        guard.lock();
        try {
            return unstored.keySet().stream().sorted(Comparator.comparingLong(UsageJournal::sequenceOf)).toList();
        } finally {
            guard.unlock();
        }
    }

    /** Reads a sealed segment's events, in groups of at most {@code groupSize}, into {@code store}. */
    int replay(Path segment, int groupSize, Consumer<List<UsageEvent>> store) {
        try {
            return JournalLines.read(segment, groupSize, store);
        } catch (IOException e) {
            throw new UncheckedIOException("usage journal: cannot read " + segment.getFileName(), e);
        }
    }

    /** The segment's events are in the database: its file goes. */
    void stored(Path segment) {
        try {
            Files.deleteIfExists(segment);
        } catch (IOException e) {
            throw new UncheckedIOException("usage journal: cannot delete " + segment.getFileName(), e);
        }
        guard.lock();
        try {
            Size size = unstored.remove(segment);
            if (size != null) {
                unstoredBytes -= size.bytes();
                waiting -= size.events();
            }
        } finally {
            guard.unlock();
        }
    }

    /** Events written here or adopted that are not in the database yet. */
    long waiting() {
        guard.lock();
        try {
            return waiting;
        } finally {
            guard.unlock();
        }
    }

    private void adoptOrphans() throws IOException {
        for (String owner : OwnerLock.owners(folder, LOCK)) {
            try (OwnerLock theirs = owner.equals(id) ? null : OwnerLock.tryAdopt(folder, owner + LOCK)) {
                if (theirs == null) {
                    continue; // this journal, or a live owner
                }
                for (Path segment : segmentsOf(owner)) {
                    Path mine = folder.resolve(id + "-" + (++sequence) + SEGMENT);
                    Files.move(segment, mine, StandardCopyOption.ATOMIC_MOVE);
                    long events = JournalLines.count(mine);
                    long size = Files.size(mine);
                    unstored.put(mine, new Size(size, events));
                    unstoredBytes += size;
                    waiting += events;
                }
                theirs.deleteFile();
            }
        }
    }

    private List<Path> segmentsOf(String owner) throws IOException {
        List<Path> segments = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, owner + "-*" + SEGMENT)) {
            files.forEach(segments::add);
        }
        segments.sort(Comparator.comparingLong(UsageJournal::sequenceOf));
        return segments;
    }

    private static long sequenceOf(Path segment) {
        String name = segment.getFileName().toString();
        try {
            return Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.length() - SEGMENT.length()));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Releases this journal's lock; the lock file goes too when every segment was stored. */
    @Override
    public void close() {
        guard.lock();
        try {
            if (current != null) {
                sealLocked();
            }
            if (unstored.isEmpty()) {
                lock.deleteFile();
            }
            lock.close();
        } finally {
            guard.unlock();
        }
    }
}
