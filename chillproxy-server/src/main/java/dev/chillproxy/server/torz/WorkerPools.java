package dev.chillproxy.server.torz;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The torz worker threads, bounded: none of them grows with the number of requests.
 *
 * <ul>
 *   <li>{@link #workers()}: the steps of a stream list (grant, search, cache checks, background writes); when all
 *       threads are busy the caller (a request thread, itself bounded by Jetty) runs the step.</li>
 *   <li>{@link #indexers()}: indexer searches; a full queue refuses work, and the search names those indexers as
 *       skipped. Each search uses at most {@code TorznabSearch.DEFAULT_LANES} of these threads.</li>
 *   <li>{@link #refreshes()}: kept stream lists made again in the background.</li>
 * </ul>
 */
public final class WorkerPools {

    static final int WORKER_THREADS = 64;
    static final int INDEXER_THREADS = 32;
    static final int INDEXER_QUEUE = 64;
    static final int REFRESH_THREADS = 2;
    static final int REFRESH_QUEUE = 256;

    private WorkerPools() {
    }

    /** The pools the addon's requests share; closed at shutdown. */
    public record Pools(ThreadPoolExecutor general, ThreadPoolExecutor indexers, ThreadPoolExecutor refreshes)
            implements AutoCloseable {

        public static Pools create() {
            return new Pools(WorkerPools.workers(), WorkerPools.indexers(), WorkerPools.refreshes());
        }

        @Override
        public void close() {
            general.shutdownNow();
            indexers.shutdownNow();
            refreshes.shutdownNow();
        }
    }

    public static ThreadPoolExecutor workers() {
        return pool("torz-worker-", WORKER_THREADS, new SynchronousQueue<>(), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    public static ThreadPoolExecutor indexers() {
        return pool("torz-indexer-", INDEXER_THREADS, new ArrayBlockingQueue<>(INDEXER_QUEUE),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Kept stream lists made again before they expire ({@link StreamRoutes}): a full queue refuses work, which then
     * waits for the answer's expiry; never run on the caller, a request thread that has already answered.
     */
    public static ThreadPoolExecutor refreshes() {
        return pool("torz-refresh-", REFRESH_THREADS, new ArrayBlockingQueue<>(REFRESH_QUEUE),
                new ThreadPoolExecutor.AbortPolicy());
    }

    private static ThreadPoolExecutor pool(String prefix, int threads, java.util.concurrent.BlockingQueue<Runnable> queue,
                                           java.util.concurrent.RejectedExecutionHandler whenFull) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, queue,
                daemonThreads(prefix), whenFull);
        pool.allowCoreThreadTimeOut(true); // idle threads go away; the bound is what matters
        return pool;
    }

    /** Daemon threads named {@code prefix1}, {@code prefix2}…: none holds the JVM open at shutdown. */
    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
