package dev.chillproxy.chillstreams.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.chillproxy.chillstreams.db.PrivateFiles;
import dev.chillproxy.chillstreams.pool.UsageEvent;

/**
 * Usage events on local disk before their answer is sent, so that no request waits for a database commit: a line in
 * a {@link MappedSegment} survives a {@code kill -9} of the process, and the outbox moves the lines into the database
 * in large groups a moment later. Nothing is fsynced: an OS crash or power loss can lose what the database had not
 * committed yet (normally the last move interval's events).
 *
 * <p>The folder may be shared by processes with the same data folder. Each open journal has a random id, holds an
 * {@link OwnerLock} on {@code <id>.lock} while open and writes segments {@code <id>-<n>.usage}, one
 * {@link JournalLines line} per event. {@link #seal} (the outbox's mover, one thread) swaps in a new segment and hands
 * over the old one's events; its file stays until {@link #stored}. The segments of an owner whose lock is free (it
 * crashed, or stopped with events left) are adopted by the next journal that opens: renamed to its own id and
 * replayed. Thread-safe.
 */
public final class UsageJournal implements AutoCloseable {

    /** Bytes of unstored segments beyond which {@link #append} refuses, so a long database outage cannot fill the disk. */
    static final long MAX_BYTES = 256L << 20;
    static final int MIN_SEGMENT = 256 << 10;
    static final int MAX_SEGMENT = 4 << 20;
    private static final String SEGMENT = ".usage";
    private static final String LOCK = ".lock";

    /** A sealed segment's file and every event in it. */
    record Segment(Path path, List<UsageEvent> events) {
    }

    private record Size(long bytes, long events) {
    }

    private final Path folder;
    private final String id;
    private final OwnerLock lock;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong unstoredBytes = new AtomicLong();
    /** Sealed segments not stored yet; guarded by itself. */
    private final Map<Path, Size> unstored = new HashMap<>();
    /** Null while no segment could be created: appends refuse. */
    private volatile MappedSegment current;
    private volatile boolean filled;

    private UsageJournal(Path folder, String id, OwnerLock lock) {
        this.folder = folder;
        this.id = id;
        this.lock = lock;
    }

    /** Opens a journal of its own in {@code folder} (created when missing) and adopts the segments of dead owners. */
    public static UsageJournal open(Path folder) throws IOException {
        PrivateFiles.createFolders(Objects.requireNonNull(folder, "folder")); // the lines name users: owner-only
        String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        UsageJournal journal = new UsageJournal(folder, id, OwnerLock.take(folder, id + LOCK));
        journal.adoptOrphans();
        journal.current = MappedSegment.create(journal.nextPath(), MIN_SEGMENT);
        return journal;
    }

    /** Writes the event's line; false (nothing kept) when the segment is full or {@link #MAX_BYTES} is reached. */
    public boolean append(UsageEvent event) {
        if (unstoredBytes.get() > MAX_BYTES) {
            return false;
        }
        byte[] line = JournalLines.encode(event);
        for (int attempt = 0; attempt < 3; attempt++) {
            MappedSegment segment = current;
            if (segment == null) {
                return false;
            }
            waiting.incrementAndGet();
            MappedSegment.Appended appended = segment.append(line, event);
            if (appended == MappedSegment.Appended.YES) {
                return true;
            }
            waiting.decrementAndGet();
            if (appended == MappedSegment.Appended.FULL) {
                filled = true;
                return false;
            }
        }
        return false; // sealed three times over: the caller commits it itself
    }

    /**
     * Swaps in a new segment (sized for the traffic the old one saw) and returns the old one, or null when it is empty
     * or, with {@code onlyIfHalfFull}, less than half full. Called by one thread at a time.
     */
    synchronized Segment seal(boolean onlyIfHalfFull) {
        MappedSegment old = current;
        if (old != null && (old.used() == 0 || (onlyIfHalfFull && old.used() < old.capacity() / 2))) {
            return null;
        }
        int next = old == null ? MIN_SEGMENT
                : Math.max(MIN_SEGMENT, Math.min(MAX_SEGMENT, (filled ? old.capacity() : old.used()) * 4));
        filled = false;
        try {
            current = MappedSegment.create(nextPath(), next);
        } catch (IOException e) {
            current = null; // appends refuse (their requests wait for a commit) until a later seal succeeds
        }
        if (old == null) {
            return null;
        }
        List<UsageEvent> events = old.seal();
        keep(old.path(), old.capacity(), events.size());
        return new Segment(old.path(), events);
    }

    /** Counts a sealed or adopted segment as unstored until {@link #stored}. */
    private void keep(Path segment, long bytes, long events) {
        synchronized (unstored) {
            unstored.put(segment, new Size(bytes, events));
        }
        unstoredBytes.addAndGet(bytes);
    }

    /** Sealed segments not stored yet (earlier moves that failed, adopted ones), oldest first. */
    List<Path> unstored() {
        synchronized (unstored) {
            return unstored.keySet().stream().sorted(Comparator.comparingLong(UsageJournal::sequenceOf)).toList();
        }
    }

    /** Reads a sealed segment's events, in groups of at most {@code groupSize}, into {@code store}. */
    void replay(Path segment, int groupSize, Consumer<List<UsageEvent>> store) {
        try {
            JournalLines.read(segment, groupSize, store);
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
        Size size;
        synchronized (unstored) {
            size = unstored.remove(segment);
        }
        if (size != null) {
            unstoredBytes.addAndGet(-size.bytes());
            waiting.addAndGet(-size.events());
        }
    }

    /** Events written here or adopted that are not in the database yet. */
    long waiting() {
        return waiting.get();
    }

    private void adoptOrphans() throws IOException {
        for (String owner : OwnerLock.owners(folder, LOCK)) {
            try (OwnerLock theirs = owner.equals(id) ? null : OwnerLock.tryAdopt(folder, owner + LOCK)) {
                if (theirs == null) {
                    continue; // this journal, or a live owner
                }
                for (Path segment : segmentsOf(owner)) {
                    Path mine = Files.move(segment, nextPath(), StandardCopyOption.ATOMIC_MOVE);
                    long events = JournalLines.count(mine);
                    keep(mine, Files.size(mine), events);
                    waiting.addAndGet(events);
                }
                theirs.deleteFile();
            }
        }
    }

    private Path nextPath() {
        return folder.resolve(id + "-" + sequence.incrementAndGet() + SEGMENT);
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

    /** Releases this journal's lock, after sealing what it holds; the lock file goes too when every segment was stored. */
    @Override
    public synchronized void close() {
        MappedSegment last = current;
        current = null;
        if (last != null) {
            List<UsageEvent> events = last.seal();
            if (last.used() > 0) {
                keep(last.path(), last.capacity(), events.size());
            } else {
                try {
                    Files.deleteIfExists(last.path());
                } catch (IOException e) {
                    // an empty segment left behind is adopted, and reads as no event, at the next start
                }
            }
        }
        synchronized (unstored) {
            if (unstored.isEmpty()) {
                lock.deleteFile();
            }
        }
        lock.close();
    }
}
