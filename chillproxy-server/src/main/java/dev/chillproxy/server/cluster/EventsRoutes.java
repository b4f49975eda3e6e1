package dev.chillproxy.server.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chillproxy.chillstreams.cluster.Eviction;
import dev.chillproxy.chillstreams.cluster.RevocationStream;
import io.javalin.http.Context;
import io.javalin.http.ServiceUnavailableResponse;

/**
 * {@code GET /api/v1/internal/events}: this instance's revocations as Server-Sent Events, for Chillproxy instances
 * that use it as their Chillstreams ({@code revoke} events with {@code {"userId"}} or {@code {"poolKeyId"}}, a
 * comment every {@link #HEARTBEAT}). Behind the internal bearer (see {@code RouteTable}); 503 beyond
 * {@link RevocationStream#MAX_SUBSCRIBERS} subscribers. Each subscriber holds one request thread until it leaves,
 * falls behind or the server stops. Thread-safe.
 */
public final class EventsRoutes {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** A reconnecting subscriber waits this long first (its own backoff grows from there). */
    private static final int RETRY_MILLIS = 1_000;

    private final RevocationStream stream;
    private final ObjectMapper mapper;
    private final Duration heartbeat;

    public EventsRoutes(RevocationStream stream, ObjectMapper mapper) {
        this(stream, mapper, HEARTBEAT);
    }

    /** @param heartbeat how long a quiet stream waits before a comment line; tests shorten it */
    EventsRoutes(RevocationStream stream, ObjectMapper mapper, Duration heartbeat) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
    }

    public void events(Context ctx) throws IOException {
        RevocationStream.Subscription subscription = stream.subscribe()
                .orElseThrow(() -> new ServiceUnavailableResponse("too many event subscribers; try again later"));
        try (subscription) {
            ctx.status(200);
            ctx.res().setContentType("text/event-stream;charset=utf-8");
            ctx.res().setHeader("Cache-Control", "no-cache");
            ctx.res().setHeader("X-Accel-Buffering", "no"); // a proxy in front must not hold events back
            OutputStream out = ctx.res().getOutputStream();
            send(out, "retry: " + RETRY_MILLIS + "\n\n");
            while (!subscription.ended()) {
                Optional<RevocationStream.Item> item = subscription.next(heartbeat);
                if (item.isPresent()) {
                    send(out, "id: " + item.get().id() + "\nevent: revoke\ndata: " + data(item.get().eviction()) + "\n\n");
                } else if (!subscription.ended()) {
                    send(out, ": heartbeat\n\n");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the subscriber went away; it reconnects when it wants to
        }
    }

    private String data(Eviction eviction) throws JsonProcessingException {
        ObjectNode body = mapper.createObjectNode();
        body.put(eviction.target() == Eviction.Target.USER ? "userId" : "poolKeyId", eviction.id());
        return mapper.writeValueAsString(body);
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
