package dev.chillproxy.server.torz;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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

    private BackgroundWrites() {
    }

    /**
     * {@code background}, {@link #AFTER} later; a write lost there is a cache's, made again by the next search or check.
     * A timer of its own hands due writes over, not the JDK's shared delayer: a full worker pool runs the task on the
     * caller, and on the shared delayer that would hold every other delayed timeout (the stream list's cache-check
     * budget among them) behind a database write. Its thread exists only while writes are waiting.
     */
    static Executor later(Executor background) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(0, WorkerPools.daemonThreads("torz-write-timer-"));
        timer.setKeepAliveTime(1, TimeUnit.SECONDS); // the thread waits for the next due write, then goes after a second
        return task -> timer.schedule(() -> background.execute(task), AFTER.toMillis(), TimeUnit.MILLISECONDS);
    }
}
