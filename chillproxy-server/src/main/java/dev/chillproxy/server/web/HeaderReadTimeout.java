package dev.chillproxy.server.web;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request line and headers take longer than {@link #DEFAULT} to arrive (slowloris: one
 * header byte a second keeps Jetty's idle timeout from ever firing, and ties up a connection for minutes). Jetty has
 * no header deadline of its own, so a watchdog looks at each HTTP/1 connection's parser: the clock starts with a
 * request's first byte and stops when its headers are complete, so an idle keep-alive connection and a slow answer
 * (playback waits for a torrent) are never cut. Thread-safe.
 */
public final class HeaderReadTimeout implements LifeCycle.Listener {

    /** Generous for any real client, even on a poor mobile link; headers are a few hundred bytes. */
    public static final Duration DEFAULT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(HeaderReadTimeout.class);

    private final Server server;
    private final long limitNanos;
    private final long checkMillis;
    private final Map<EndPoint, Started> started = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    private HeaderReadTimeout(Server server, Duration limit) {
        this.server = server;
        this.limitNanos = limit.toNanos();
        this.checkMillis = Math.max(100, Math.min(1_000, limit.toMillis() / 10));
    }

    /** Watches {@code server}'s connections from its start to its stop. */
    public static void install(Server server, Duration limit) {
        server.addEventListener(new HeaderReadTimeout(server, limit));
    }

    @Override
    public synchronized void lifeCycleStarted(LifeCycle event) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "header-read-timeout");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::check, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void lifeCycleStopping(LifeCycle event) {
        if (timer != null) {
            timer.shutdownNow();
        }
        started.clear();
    }

    private record Started(long nanos, long responsesBefore) {
    }

    private void check() {
        try {
            long now = System.nanoTime();
            Set<EndPoint> reading = new HashSet<>();
            for (Connector connector : server.getConnectors()) {
                if (connector instanceof AbstractConnector watched) {
                    watched.getConnectedEndPoints().forEach(endPoint -> check(endPoint, now, reading));
                }
            }
            started.keySet().retainAll(reading);
        } catch (RuntimeException e) {
            LOG.warn("header read timeout check failed: {}", e.getClass().getSimpleName());
        }
    }

    private void check(EndPoint endPoint, long now, Set<EndPoint> reading) {
        if (!(endPoint.getConnection() instanceof HttpConnection connection)) {
            return;
        }
        HttpParser parser = connection.getParser();
        if (parser.isStart() || !parser.inHeaderState()) {
            return; // idle between requests, or the headers are in
        }
        reading.add(endPoint);
        long responses = connection.getMessagesOut();
        // a response since the clock started means this is the connection's next request: its clock starts now
        Started since = started.compute(endPoint,
                (key, old) -> old == null || old.responsesBefore() != responses ? new Started(now, responses) : old);
        if (now - since.nanos() >= limitNanos) {
            started.remove(endPoint);
            LOG.info("closed a connection whose request headers took over {} ms", limitNanos / 1_000_000);
            endPoint.close();
        }
    }
}
