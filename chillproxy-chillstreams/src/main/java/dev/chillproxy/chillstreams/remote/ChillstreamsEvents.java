package dev.chillproxy.chillstreams.remote;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.chillstreams.cluster.CacheEvictions;
import dev.chillproxy.chillstreams.cluster.Eviction;
import dev.chillproxy.chillstreams.cluster.FeedStatus;
import dev.chillproxy.core.secret.ApiKey;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote Chillstreams' revocations, pushed: {@code GET /api/v1/internal/events} (Server-Sent Events, the internal
 * bearer) streams {@code revoke} events with {@code {"userId"}} or {@code {"poolKeyId"}}; each evicts this instance's
 * caches. While connected the {@link FeedStatus} is up; on every (re)connection the caches are cleared once (what
 * was revoked meanwhile is unknown). Disconnected, the feed is down (the grant cache asks the pool every time) and it
 * reconnects after 1 s doubling to 30 s (or the server's {@code retry:}), sending {@code Last-Event-ID}.
 *
 * <p>A 404 means this Chillstreams has no event stream: cached grants are trusted as before (the push route
 * {@code /api/v1/internal/revoke} and {@code POOL_GRANT_TTL} bound revocation) and it asks again every 30 s.
 * A read times out after {@link #READ_TIMEOUT} of silence, so servers send a comment line every ~15 s.
 * One daemon thread; {@link #close} ends it.
 */
public final class ChillstreamsEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChillstreamsEvents.class);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final HttpUrl url;
    private final ApiKey internalKey;
    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final CacheEvictions caches;
    private final FeedStatus feed;
    private final Duration firstBackoff;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Call current;
    private Optional<String> lastEventId = Optional.empty();
    private boolean toldNotOffered;

    public ChillstreamsEvents(String baseUrl, ApiKey internalKey, OkHttpClient http, ObjectMapper mapper,
                              CacheEvictions caches, FeedStatus feed) {
        this(baseUrl, internalKey, http, mapper, caches, feed, Duration.ofSeconds(1));
    }

    /** @param firstBackoff the first wait before reconnecting; tests shorten it */
    ChillstreamsEvents(String baseUrl, ApiKey internalKey, OkHttpClient http, ObjectMapper mapper,
                       CacheEvictions caches, FeedStatus feed, Duration firstBackoff) {
        HttpUrl base = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl").trim());
        if (base == null) {
            throw new IllegalArgumentException("CHILLSTREAMS_API_URL: not an http(s) URL");
        }
        this.url = base.newBuilder().addPathSegments("api/v1/internal/events").build();
        this.internalKey = Objects.requireNonNull(internalKey, "internalKey");
        this.http = http.newBuilder().readTimeout(READ_TIMEOUT).callTimeout(Duration.ZERO).followRedirects(false).build();
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.caches = Objects.requireNonNull(caches, "caches");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.firstBackoff = firstBackoff;
        this.thread = new Thread(this::run, "chillstreams-events");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        Duration backoff = firstBackoff;
        while (!closed) {
            Duration wait = backoff;
            try {
                Optional<Duration> hint = subscribe();
                backoff = firstBackoff;
                wait = hint.orElse(firstBackoff);
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (feed.markDown()) {
                    LOG.warn("Chillstreams event stream lost ({}); cached grants are not used until it is back",
                            e instanceof StreamRefused refused ? refused.getMessage() : e.getClass().getSimpleName());
                }
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
            sleep(wait);
        }
    }

    /**
     * One connection, read until it ends. A clean end marks the feed down and returns the server's retry hint.
     * @throws IOException when it cannot connect or breaks
     */
    private Optional<Duration> subscribe() throws IOException {
        Request.Builder request = new Request.Builder().url(url)
                .header("Authorization", "Bearer " + internalKey.reveal())
                .header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache");
        lastEventId.ifPresent(id -> request.header("Last-Event-ID", id));
        Call call = http.newCall(request.build());
        current = call;
        try (Response response = call.execute()) {
            if (response.code() == 404) {
                notOffered();
                return Optional.of(MAX_BACKOFF);
            }
            if (response.code() != 200) {
                throw new StreamRefused("HTTP " + response.code());
            }
            caches.evictAll();
            if (feed.markUp()) {
                LOG.info("Chillstreams event stream connected");
            }
            SseReader reader = new SseReader(response.body().source());
            for (Optional<SseReader.Message> message = reader.next(); message.isPresent() && !closed;
                 message = reader.next()) {
                handle(message.get());
                lastEventId = reader.lastEventId();
            }
            lastEventId = reader.lastEventId();
            if (feed.markDown()) {
                LOG.warn("Chillstreams event stream ended; cached grants are not used until it is back");
            }
            return reader.retryMillis().stream().mapToObj(Duration::ofMillis)
                    .map(hint -> min(hint, MAX_BACKOFF)).findFirst();
        } finally {
            current = null;
        }
    }

    private void notOffered() {
        feed.markUp();
        if (!toldNotOffered) {
            toldNotOffered = true;
            LOG.warn("Chillstreams offers no event stream (404): revocations rely on /api/v1/internal/revoke and POOL_GRANT_TTL");
        }
    }

    private void handle(SseReader.Message message) {
        if (!"revoke".equals(message.type())) {
            return; // other event types are for other clients
        }
        Optional<Eviction> eviction = message.oversized() ? Optional.empty() : eviction(message.data());
        eviction.ifPresentOrElse(e -> e.applyTo(caches), () -> LOG.warn("ignored a malformed revoke event"));
    }

    private Optional<Eviction> eviction(String data) {
        try {
            JsonNode body = mapper.readTree(data);
            if (body != null && body.path("userId").isTextual()) {
                // user ids are kept lower-case from the addon config on, as /api/v1/internal/revoke does
                return Optional.of(Eviction.user(body.get("userId").asText().trim().toLowerCase(Locale.ROOT)));
            }
            if (body != null && body.path("poolKeyId").isTextual()) {
                return Optional.of(Eviction.key(body.get("poolKeyId").asText().trim()));
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        closed = true;
        Call call = current;
        if (call != null) {
            call.cancel();
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A status other than 200 or 404; its message is the status only. */
    private static final class StreamRefused extends IOException {
        StreamRefused(String message) {
            super(message);
        }
    }
}
