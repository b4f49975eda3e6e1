package dev.chillproxy.server.torz;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.chillproxy.chillstreams.pool.UsageAction;
import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.ConfigException;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.stremio.InvalidStremioIdException;
import dev.chillproxy.core.stremio.StremioId;
import dev.chillproxy.core.stremio.Stream;
import dev.chillproxy.core.stremio.StreamResponse;
import dev.chillproxy.core.torz.Access;
import dev.chillproxy.core.torz.ErrorVideo;
import dev.chillproxy.core.torz.Listing;
import dev.chillproxy.core.torz.StreamLister;
import dev.chillproxy.core.torz.StreamLinks;
import dev.chillproxy.server.limits.StremioRateLimit;
import dev.chillproxy.server.limits.UserKeys;
import dev.chillproxy.server.web.RequestIds;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /stremio/torz/{cfg}/stream/{type}/{id}.json}: the stream list. Every problem (bad config, bad id,
 * refused grant, failing store) is an HTTP 200 with one info stream saying what to do, because Stremio shows
 * nothing at all for an HTTP error. Thread-safe.
 */
public final class StreamRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);

    private final StreamLister lister;
    private final ClientContexts clients;
    private final UsageEvents usage;
    private final StreamLinks links;
    private final VideoRoutes videos;
    private final StremioRateLimit rateLimit;
    private final boolean p2pEnabled;
    private final UnaryOperator<StremioId> animeIds;

    /**
     * @param p2pEnabled {@code ENABLE_P2P}: when false a {@code p2p} config gets an info stream and nothing else
     * @param animeIds   the IMDb id (with season and episode) a {@code kitsu:}/{@code mal:} id stands for, when known
     */
    public StreamRoutes(StreamLister lister, ClientContexts clients, UsageEvents usage, StreamLinks links, VideoRoutes videos,
                        StremioRateLimit rateLimit, boolean p2pEnabled, UnaryOperator<StremioId> animeIds) {
        this.animeIds = animeIds;
        this.p2pEnabled = p2pEnabled;
        this.rateLimit = rateLimit;
        this.lister = lister;
        this.clients = clients;
        this.usage = usage;
        this.links = links;
        this.videos = videos;
    }


    /** The last line of defence: whatever breaks, Stremio gets an info stream, never a bare 500. */
    public void streams(Context ctx) {
        try {
            list(ctx);
        } catch (RuntimeException e) {
            LOG.warn("stream list failed (request {}): {}", RequestIds.of(ctx), e.getClass().getSimpleName());
            answer(ctx, Stream.info("Something went wrong", "This list could not be made. Try again in a minute.",
                    videos.url(ErrorVideo.SERVER_ERROR)));
        }
    }

    private void list(Context ctx) {
        TorzConfig config;
        StremioId id;
        try {
            config = ConfigCodec.decode(ctx.pathParam("cfg"));
        } catch (ConfigException e) {
            if (!limited(ctx, null)) {
                answer(ctx, Stream.infoPage("Invalid configuration", e.getMessage() + ". Open the configure page to fix it.",
                        links.configurePage("")));
            }
            return;
        }
        if (limited(ctx, UserKeys.of(config).orElse(null))) {
            return;
        }
        if (!p2pEnabled && config.p2p()) {
            answer(ctx, Stream.infoPage("P2P is off on this server", "This server streams through a debrid store only."
                    + " Open the configure page to pick one.", links.configurePage("")));
            return;
        }
        try {
            // mapped here, so the search, the episode filter and the playback links all use the IMDb season/episode
            id = animeIds.apply(StremioId.parse(ctx.pathParam("type"), ctx.pathParam("id")));
        } catch (InvalidStremioIdException e) {
            answer(ctx, Stream.info("Unsupported title", e.getMessage(), null));
            return;
        }
        Listing listing = lister.list(config, ConfigCodec.encode(config), id, clients.of(ctx));
        if (listing instanceof Listing.Served served) {
            if (!served.dropped().isEmpty()) {
                LOG.info("stream list for {} answered without {}", id.baseId(), served.dropped());
            }
            // "cached" for a list: it offered at least one stream the store can play at once
            served.grants().forEach(grant -> usage.served(grant, UsageAction.STREAM_LIST, "", !served.cached().isEmpty(), 0));
            ctx.json(new StreamResponse(served.streams()));
        } else if (listing instanceof Listing.Refused refused) {
            Access.Refusal reason = refused.refusal().reason();
            usage.denied(config, "", reason);
            answer(ctx, Stream.info(reason.title(), refused.refusal().message(), videos.url(reason.video())));
        } else if (listing instanceof Listing.Invalid invalid) {
            answer(ctx, Stream.infoPage("Invalid sort or filter", invalid.message(),
                    links.configurePage(ConfigCodec.encode(config))));
        } else {
            answer(ctx, Stream.info("Store unavailable", ((Listing.StoresFailed) listing).message(),
                    videos.url(ErrorVideo.SERVER_ERROR)));
        }
    }

    /** Over the IP or user rate: one info stream, with {@code Retry-After} already set by the limiter. */
    private boolean limited(Context ctx, String userKey) {
        Optional<Duration> wait = rateLimit.check(ctx, userKey);
        wait.ifPresent(duration -> answer(ctx, Stream.info("Too many requests",
                "Slow down a little: try again in " + Math.max(1, duration.toSeconds()) + " s.",
                videos.url(ErrorVideo.RATE_LIMITED))));
        return wait.isPresent();
    }


    /** One informational entry, never cached: a video to play or a page to open. */
    private static void answer(Context ctx, Stream entry) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(new StreamResponse(List.of(entry)));
    }
}
