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
 * </ul>
 */
public final class WorkerPools {

    static final int WORKER_THREADS = 64;
    static final int INDEXER_THREADS = 32;
    static final int INDEXER_QUEUE = 64;

    private WorkerPools() {
    }

    /** The two pools the addon's requests share; closed at shutdown. */
    public record Pools(ThreadPoolExecutor general, ThreadPoolExecutor indexers) implements AutoCloseable {
        @Override
        public void close() {
            general.shutdownNow();
            indexers.shutdownNow();
        }
    }

    public static ThreadPoolExecutor workers() {
        return pool("torz-worker-", WORKER_THREADS, new SynchronousQueue<>(), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    public static ThreadPoolExecutor indexers() {
        return pool("torz-indexer-", INDEXER_THREADS, new ArrayBlockingQueue<>(INDEXER_QUEUE),
                new ThreadPoolExecutor.AbortPolicy());
    }

    private static ThreadPoolExecutor pool(String prefix, int threads, java.util.concurrent.BlockingQueue<Runnable> queue,
                                           java.util.concurrent.RejectedExecutionHandler whenFull) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, queue,
                daemonThreads(prefix), whenFull);
        pool.allowCoreThreadTimeOut(true); // idle threads go away; the bound is what matters
        return pool;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
