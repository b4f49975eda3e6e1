package dev.chillproxy.server.torz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.UnaryOperator;

import dev.chillproxy.chillstreams.pool.UsageAction;
import dev.chillproxy.core.config.ConfigException;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.stremio.InvalidStremioIdException;
import dev.chillproxy.core.stremio.StremioId;
import dev.chillproxy.core.stremio.Stream;
import dev.chillproxy.core.stremio.StreamResponse;
import dev.chillproxy.core.torz.Access;
import dev.chillproxy.core.torz.ErrorVideo;
import dev.chillproxy.core.torz.Listing;
import dev.chillproxy.core.torz.RequestContext;
import dev.chillproxy.core.torz.StoreAccess;
import dev.chillproxy.core.torz.StreamLister;
import dev.chillproxy.core.torz.StreamLinks;
import dev.chillproxy.server.limits.StremioRateLimit;
import dev.chillproxy.server.limits.UserKeys;
import dev.chillproxy.server.web.RequestIds;
import io.javalin.http.Context;
import io.javalin.http.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /stremio/torz/{cfg}/stream/{type}/{id}.json}: the stream list. Every problem (bad config, bad id,
 * refused grant, failing store) is an HTTP 200 with one info stream saying what to do, because Stremio shows
 * nothing at all for an HTTP error.
 *
 * <p>A list served in the last seconds ({@link StreamAnswers}) is written again as stored bytes (gzipped when the
 * client accepts it) once the pool grants the same stores again: the grant check runs on every request, on the
 * request thread; the worker threads are used only when the list must be made. Thread-safe.
 */
public final class StreamRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRoutes.class);

    private final StreamLister lister;
    private final StoreAccess access;
    private final StreamAnswers answers;
    private final DecodedConfigs configs;
    private final ClientContexts clients;
    private final UsageEvents usage;
    private final StreamLinks links;
    private final VideoRoutes videos;
    private final StremioRateLimit rateLimit;
    private final boolean p2pEnabled;
    private final UnaryOperator<StremioId> animeIds;
    private final Executor refreshes;

    /**
     * @param p2pEnabled {@code ENABLE_P2P}: when false a {@code p2p} config gets an info stream and nothing else
     * @param animeIds   the IMDb id (with season and episode) a {@code kitsu:}/{@code mal:} id stands for, when known
     * @param refreshes  makes kept answers again in the background; refuses work when full (never runs it on the caller)
     */
    public StreamRoutes(StreamLister lister, StoreAccess access, StreamAnswers answers, ClientContexts clients, UsageEvents usage,
                        StreamLinks links, VideoRoutes videos, StremioRateLimit rateLimit, boolean p2pEnabled,
                        UnaryOperator<StremioId> animeIds, Executor refreshes) {
        this.refreshes = refreshes;
        this.access = access;
        this.answers = answers;
        this.configs = new DecodedConfigs();
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
        DecodedConfigs.Decoded decoded;
        try {
            decoded = configs.decode(ctx.pathParam("cfg"));
        } catch (ConfigException e) {
            if (!limited(ctx, null)) {
                answer(ctx, Stream.infoPage("Invalid configuration", e.getMessage() + ". Open the configure page to fix it.",
                        links.configurePage("")));
            }
            return;
        }
        TorzConfig config = decoded.config();
        if (limited(ctx, UserKeys.of(config).orElse(null))) {
            return;
        }
        if (!p2pEnabled && config.p2p()) {
            answer(ctx, Stream.infoPage("P2P is off on this server", "This server streams through a debrid store only."
                    + " Open the configure page to pick one.", links.configurePage("")));
            return;
        }
        StreamAnswers.Key key = new StreamAnswers.Key(decoded.canonical(), ctx.pathParam("type"), ctx.pathParam("id"));
        RequestContext client = clients.of(ctx);
        Optional<StreamAnswers.Answer> known = answers.find(key);
        if (known.isPresent() && servedAgain(ctx, config, decoded.canonical(), key, client, known.get())) {
            return;
        }
        StremioId id;
        try {
            id = stremioId(key);
        } catch (InvalidStremioIdException e) {
            answer(ctx, Stream.info("Unsupported title", e.getMessage(), null));
            return;
        }
        Listing listing = lister.list(config, decoded.canonical(), id, client);
        if (listing instanceof Listing.Served served) {
            if (!served.dropped().isEmpty()) {
                LOG.info("stream list for {} answered without {}", id.baseId(), served.dropped());
            }
            // "cached" for a list: it offered at least one stream the store can play at once
            boolean cached = !served.cached().isEmpty();
            served.grants().forEach(grant -> usage.served(grant, UsageAction.STREAM_LIST, "", cached, 0));
            write(ctx, answers.make(key, served.streams(), cached, complete(config, served)));
        } else if (listing instanceof Listing.Refused refused) {
            refuse(ctx, config, refused.refusal());
        } else if (listing instanceof Listing.Invalid invalid) {
            answer(ctx, Stream.infoPage("Invalid sort or filter", invalid.message(),
                    links.configurePage(decoded.canonical())));
        } else {
            answer(ctx, Stream.info("Store unavailable", ((Listing.StoresFailed) listing).message(),
                    videos.url(ErrorVideo.SERVER_ERROR)));
        }
    }

    /** Mapped here, so the search, the episode filter and the playback links all use the IMDb season/episode. */
    private StremioId stremioId(StreamAnswers.Key key) throws InvalidStremioIdException {
        return animeIds.apply(StremioId.parse(key.type(), key.id()));
    }

    /** Kept only when complete: no slow source dropped, every store granted (what a later request checks). */
    private static boolean complete(TorzConfig config, Listing.Served served) {
        return served.dropped().isEmpty() && (config.p2p() || served.grants().size() == config.stores().size());
    }

    /**
     * Makes a kept answer again off the request thread, for the client that was just served it (its grants are
     * asked again, as for any list); a list that comes out incomplete or refused is not kept, so the old one
     * expires as it would have. Records no usage: no one asked for this list.
     */
    private void refresh(StreamAnswers.Key key, TorzConfig config, String canonical, RequestContext client) {
        try {
            refreshes.execute(() -> {
                try {
                    if (lister.list(config, canonical, stremioId(key), client) instanceof Listing.Served served
                            && complete(config, served)) {
                        answers.make(key, served.streams(), !served.cached().isEmpty(), true);
                    }
                } catch (InvalidStremioIdException | RuntimeException e) {
                    LOG.debug("kept stream list not made again: {}", e.getClass().getSimpleName());
                } finally {
                    answers.refreshEnded(key);
                }
            });
        } catch (RejectedExecutionException e) {
            answers.refreshEnded(key); // busy: the answer expires and is made on a request, as without refreshes
        }
    }

    /**
     * Serves a kept answer when the pool grants every configured store again (asked now, on this thread); refuses
     * when it grants none. Otherwise (some stores refused) the list is made afresh for the stores granted.
     */
    private boolean servedAgain(Context ctx, TorzConfig config, String canonical, StreamAnswers.Key key,
                                RequestContext client, StreamAnswers.Answer answer) {
        if (config.p2p()) {
            writeAgain(ctx, config, canonical, key, client, answer);
            return true;
        }
        List<Access.Granted> grants = new ArrayList<>(config.stores().size());
        Access.Refused firstRefusal = null;
        for (StoreConfig store : config.stores()) {
            Access result = access.open(store, client, StreamLister.ACTION, "");
            if (result instanceof Access.Granted grant) {
                grants.add(grant);
            } else if (firstRefusal == null) {
                firstRefusal = (Access.Refused) result;
            }
        }
        if (grants.isEmpty()) {
            refuse(ctx, config, firstRefusal);
            return true;
        }
        if (grants.size() != config.stores().size()) {
            return false;
        }
        grants.forEach(grant -> usage.served(grant, UsageAction.STREAM_LIST, "", answer.cached(), 0));
        writeAgain(ctx, config, canonical, key, client, answer);
        return true;
    }

    /** Writes a kept answer, and has it made again when it is getting old. */
    private void writeAgain(Context ctx, TorzConfig config, String canonical, StreamAnswers.Key key, RequestContext client,
                            StreamAnswers.Answer answer) {
        write(ctx, answer);
        if (answers.claimRefresh(key, answer)) {
            refresh(key, config, canonical, client);
        }
    }

    private void refuse(Context ctx, TorzConfig config, Access.Refused refusal) {
        Access.Refusal reason = refusal.reason();
        usage.denied(config, "", reason);
        answer(ctx, Stream.info(reason.title(), refusal.message(), videos.url(reason.video())));
    }

    /**
     * The stored bytes, gzipped when the client accepts gzip, written straight to the response: Javalin would copy a
     * result through a fresh buffer per request (most of a warm list's garbage) and look at compressing bytes that
     * are already compressed or should stay as they are.
     */
    private static void write(Context ctx, StreamAnswers.Answer answer) {
        ctx.header(Header.VARY, Header.ACCEPT_ENCODING);
        ctx.contentType("application/json");
        byte[] body = answer.json();
        if (acceptsGzip(ctx.header(Header.ACCEPT_ENCODING))) {
            ctx.header(Header.CONTENT_ENCODING, "gzip");
            body = answer.gzip();
        }
        ctx.res().setContentLength(body.length);
        try {
            ctx.res().getOutputStream().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the client went away: nothing left to answer
        }
    }

    /** {@code gzip} among the accepted codings, unless given {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] coding = part.split(";");
            if (coding[0].strip().equalsIgnoreCase("gzip")) {
                return coding.length < 2 || !coding[1].replace(" ", "").matches("q=0(\\.0*)?");
            }
        }
        return false;
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
