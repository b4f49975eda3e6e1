package dev.chillproxy.server.torz;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * When a stream list's shared-table writes (torrents learned for the local index, new magnet-cache answers) run:
 * {@link #AFTER} later, on the background executor. Written at once they ran beside the list's own lookups and
 * competed with them for the database: on a busy two-core machine a cold list's magnet-cache read waited some
 * 20-40 ms behind the index write of the same list. By then a cold list is answered (what is left of it after its
 * search is one cache-check hop). What is written is only shared knowledge: an instance that stops in between loses
 * a write the next search or check makes again.
 */
final class BackgroundWrites {

    /** Longer than what is left of a cold list when its writes are due (a cache-check hop and the answer). */
    static final Duration AFTER = Duration.ofMillis(250);
    /**
     * Hands due writes to the background executor. A timer of its own, not the JDK's shared delayer: a full worker
     * pool runs the task on the caller, and on the shared delayer that would hold every other delayed timeout (the
     * stream list's cache-check budget among them) behind a database write.
     */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "torz-write-timer");
        thread.setDaemon(true);
        return thread;
    });

    private BackgroundWrites() {
    }

    /** {@code background}, {@link #AFTER} later; a write lost there is a cache's, made again by the next search or check. */
    static Executor later(Executor background) {
        return task -> TIMER.schedule(() -> background.execute(task), AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }
}
