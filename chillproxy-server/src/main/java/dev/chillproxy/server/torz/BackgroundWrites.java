package dev.chillproxy.server.torz;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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

    /** {@code background}, {@link #AFTER} later; a refused task is dropped (the write is a cache's). */
    static Executor later(Executor background) {
        return CompletableFuture.delayedExecutor(AFTER.toMillis(), TimeUnit.MILLISECONDS, background);
    }
}
