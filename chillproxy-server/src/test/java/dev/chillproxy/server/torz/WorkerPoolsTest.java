package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class WorkerPoolsTest {

    @Test
    void slowIndexerWorkBeyondThePoolAndItsQueueIsRefusedNotGivenNewThreads() throws Exception {
        ThreadPoolExecutor indexers = WorkerPools.indexers();
        CountDownLatch release = new CountDownLatch(1);
        int refused = 0;
        try {
            for (int i = 0; i < 500; i++) {
                try {
                    indexers.execute(() -> await(release));
                } catch (RejectedExecutionException e) {
                    refused++;
                }
            }
            assertEquals(WorkerPools.INDEXER_THREADS, indexers.getLargestPoolSize());
            assertEquals(500 - WorkerPools.INDEXER_THREADS - WorkerPools.INDEXER_QUEUE, refused);
        } finally {
            release.countDown();
            indexers.shutdownNow();
        }
    }

    @Test
    void slowStepsBeyondTheWorkerThreadsRunOnTheCallerNotOnNewThreads() throws Exception {
        ThreadPoolExecutor workers = WorkerPools.workers();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ranByCaller = new AtomicInteger();
        Thread caller = Thread.currentThread();
        try {
            for (int i = 0; i < WorkerPools.WORKER_THREADS; i++) {
                workers.execute(() -> await(release));
            }
            for (int i = 0; i < 100; i++) {
                workers.execute(() -> {
                    if (Thread.currentThread() == caller) {
                        ranByCaller.incrementAndGet();
                    }
                });
            }
            assertEquals(100, ranByCaller.get());
            assertTrue(workers.getLargestPoolSize() <= WorkerPools.WORKER_THREADS);
        } finally {
            release.countDown();
            workers.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
