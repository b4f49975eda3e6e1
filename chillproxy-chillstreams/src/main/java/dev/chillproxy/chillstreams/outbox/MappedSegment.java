package dev.chillproxy.chillstreams.outbox;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.chillproxy.chillstreams.pool.UsageEvent;

/**
 * One journal segment, a file mapped into memory: an append reserves its bytes with one atomic add and copies the line
 * into the mapping. No system call and no lock between appenders, so a disk busy with the database's fsyncs (which
 * stalled {@code write(2)} for 30 ms here) never holds a request; the pages belong to the file, so a {@code kill -9}
 * after the copy loses nothing. Every page is touched when the segment is created, off the request path. Bytes past
 * the last line stay zero; a line cut short by a crash ends at a zero byte ({@link JournalLines#read} splits there).
 * Thread-safe.
 */
final class MappedSegment {

    /** What an append came to. */
    enum Appended { YES, FULL, SEALED }

    private static final int PAGE = 4096;
    private static final MethodHandle UNMAP = unmapper();

    private final Path path;
    private final int capacity;
    private final MappedByteBuffer map;
    private final AtomicInteger end = new AtomicInteger();
    private final Queue<UsageEvent> events = new ConcurrentLinkedQueue<>();
    /** Appenders share it while they copy; {@link #seal} takes it alone, so nobody writes into an unmapped buffer. */
    private final ReentrantReadWriteLock copying = new ReentrantReadWriteLock();
    private boolean sealed;

    private MappedSegment(Path path, int capacity, MappedByteBuffer map) {
        this.path = path;
        this.capacity = capacity;
        this.map = map;
    }

    /** Creates the file at {@code capacity} bytes and maps and touches every page of it. */
    static MappedSegment create(Path path, int capacity) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, capacity);
            for (int page = 0; page < capacity; page += PAGE) {
                map.put(page, (byte) 0);
            }
            return new MappedSegment(path, capacity, map);
        }
    }

    Appended append(byte[] line, UsageEvent event) {
        if (!copying.readLock().tryLock()) {
            return Appended.SEALED;
        }
        try {
            if (sealed) {
                return Appended.SEALED;
            }
            int at = end.getAndAdd(line.length);
            if (at > capacity - line.length) {
                return Appended.FULL;
            }
            map.put(at, line);
            events.add(event);
            return Appended.YES;
        } finally {
            copying.readLock().unlock();
        }
    }

    /** Ends appends (waiting for those copying), unmaps the file and returns the events in it. */
    List<UsageEvent> seal() {
        copying.writeLock().lock();
        try {
            if (!sealed) {
                sealed = true;
                unmap(map);
            }
            return List.copyOf(events);
        } finally {
            copying.writeLock().unlock();
        }
    }

    Path path() {
        return path;
    }

    int capacity() {
        return capacity;
    }

    /** Bytes reserved so far, up to the capacity. */
    int used() {
        return Math.min(end.get(), capacity);
    }

    /**
     * Frees the mapping now rather than at a later garbage collection: a file deleted while still mapped keeps its
     * pages. Through {@code sun.misc.Unsafe} (module jdk.unsupported), looked up reflectively; where it is missing,
     * the collector frees the mapping.
     */
    private static void unmap(MappedByteBuffer map) {
        if (UNMAP == null) {
            return;
        }
        try {
            UNMAP.invoke(map);
        } catch (Throwable e) {
            // left to the garbage collector
        }
    }

    private static MethodHandle unmapper() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner",
                    MethodType.methodType(void.class, ByteBuffer.class)).bindTo(field.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
