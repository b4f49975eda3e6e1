package dev.chillproxy.store.torznab;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The outbound calls of one stream-list request: each call gets the request's deadline as its OkHttp call
 * timeout (which also covers reading the body), and {@link #close()} cancels every call still running, so no
 * indexer or {@code .torrent} fetch outlives the answer. It also counts the request's {@code .torrent}
 * fetches. Thread-safe; one per request.
 */
final class CallScope implements AutoCloseable {

    private final long deadlineNanos;
    private final Set<Call> calls = ConcurrentHashMap.newKeySet();
    private final AtomicInteger torrentFetches = new AtomicInteger();
    private final int maxTorrentFetches;
    private volatile boolean closed;

    CallScope(Duration budget, int maxTorrentFetches) {
        this.deadlineNanos = System.nanoTime() + Math.max(0, budget.toNanos());
        this.maxTorrentFetches = maxTorrentFetches;
    }

    /** A scope for one call outside a search (caps warm-up, tests): the budget and no {@code .torrent} limit. */
    public static CallScope until(Duration budget) {
        return new CallScope(budget, Integer.MAX_VALUE);
    }

    /** True once the deadline passed or the scope was closed: start no more work. */
    public boolean stopped() {
        return closed || System.nanoTime() - deadlineNanos >= 0;
    }

    /**
     * A call bounded by what is left of the deadline and cancelled by {@link #close()}.
     *
     * @throws InterruptedIOException when the scope has already stopped
     */
    Call newCall(OkHttpClient client, Request request) throws InterruptedIOException {
        long left = deadlineNanos - System.nanoTime();
        if (closed || left <= 0) {
            throw new InterruptedIOException("deadline passed");
        }
        Call call = client.newCall(request);
        call.timeout().timeout(left, TimeUnit.NANOSECONDS);
        calls.add(call);
        if (closed) {
            call.cancel(); // closed while we registered: close() may have missed this call
        }
        return call;
    }

    /** Takes one of the request's {@code .torrent} fetches; false when they are used up. */
    boolean takeTorrentFetch() {
        return torrentFetches.incrementAndGet() <= maxTorrentFetches;
    }

    /** Cancels every call still running; later calls are refused. Idempotent. */
    @Override
    public void close() {
        closed = true;
        calls.forEach(Call::cancel);
    }
}
