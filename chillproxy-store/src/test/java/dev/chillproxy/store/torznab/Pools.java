package dev.chillproxy.store.torznab;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A bounded pool as the server builds one: fixed threads, a short queue, refusal when full. */
final class Pools implements AutoCloseable {

    final ThreadPoolExecutor executor;

    Pools(int threads, int queue) {
        executor = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.SECONDS,
                queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
