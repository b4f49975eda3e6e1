package dev.chillproxy.server.web;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request in logfmt ({@code request id=… method=GET route=… status=200 duration_ms=7}), easy to
 * grep and to parse. The route is the matched route template
 * ({@code /stremio/torz/{cfg}/manifest.json}) so a config segment, which may carry a legacy debrid token,
 * never reaches the log; unmatched paths have long segments masked for the same reason.
 *
 * <p>The request thread only queues the line's fields: one background thread formats and writes them, because
 * slf4j-simple formats the date and writes {@code System.err} under one lock, on which a busy server's request
 * threads otherwise queue. When the queue is full (the log cannot keep up) lines are dropped and counted, and the
 * count is logged once the queue has room again: the answer never waits for the log. Thread-safe.
 */
public final class RequestLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final Pattern LONG_SEGMENT = Pattern.compile("(?<=/)[^/]{20,}");
    static final int QUEUE = 8192;

    private record Line(String id, String method, String route, int status, long millis) {
    }

    private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    public RequestLog() {
        writer = new Thread(this::write, "request-log");
        writer.setDaemon(true);
        writer.start();
    }

    public void log(Context ctx, Float millis) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Line line = new Line(RequestIds.of(ctx), ctx.method().name(), loggedPath(ctx), ctx.statusCode(), Math.round(millis));
        if (!queue.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    private void write() {
        while (!closed || !queue.isEmpty()) {
            try {
                Line line = queue.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    LOG.info("request id={} method={} route={} status={} duration_ms={}", line.id(), line.method(),
                            line.route(), line.status(), line.millis());
                }
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    LOG.warn("request log: {} lines dropped, the log could not keep up", lost);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Writes what is queued (up to a second), then stops the writer thread. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The route template when a route matched, else the raw path with every long segment masked. */
    public static String loggedPath(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint != null && !endpoint.path.equals("*")) {
            return endpoint.path;
        }
        return mask(ctx.path());
    }

    static String mask(String path) {
        return LONG_SEGMENT.matcher(path).replaceAll("…");
    }
}
