package dev.chillproxy.server.torz;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import dev.chillproxy.chillstreams.pool.UsageEvent;
import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.ConfigException;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.stremio.InvalidStremioIdException;
import dev.chillproxy.core.stremio.StremioId;
import dev.chillproxy.core.torrent.InfoHash;
import dev.chillproxy.core.torz.ErrorVideo;
import dev.chillproxy.core.torz.Playback;
import dev.chillproxy.core.torz.PlaybackRequest;
import dev.chillproxy.core.torz.PlaybackResolver;
import dev.chillproxy.server.limits.StremioRateLimit;
import dev.chillproxy.server.limits.UserKeys;
import dev.chillproxy.server.web.RequestIds;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|HEAD /stremio/torz/{cfg}/_/strem/{id}/{store}/{hash}/{fileIdx}/{name?}}: resolves the stream with
 * the user's pooled key and answers 302 to the CDN link, or 302 to a short error video (cached a minute). The
 * {@code Location} never carries a key: stores hand back CDN links, resolved server-side. Thread-safe.
 */
public final class PlaybackRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(PlaybackRoutes.class);
    /** {@code p}, or an old link's base64url torrent URL (checked for shape only, never decoded). */
    private static final Pattern MARK = Pattern.compile("[A-Za-z0-9_-]{1,4096}={0,2}");

    private final PlaybackResolver resolver;
    private final ClientContexts clients;
    private final UsageEvents usage;
    private final VideoRoutes videos;
    private final StremioRateLimit rateLimit;

    public PlaybackRoutes(PlaybackResolver resolver, ClientContexts clients, UsageEvents usage, VideoRoutes videos,
                          StremioRateLimit rateLimit) {
        this.rateLimit = rateLimit;
        this.resolver = resolver;
        this.clients = clients;
        this.usage = usage;
        this.videos = videos;
    }


    /** The last line of defence: whatever breaks, the player gets the error video, never a bare 500. */
    public void play(Context ctx) {
        try {
            resolve(ctx);
        } catch (RuntimeException e) {
            LOG.warn("playback failed (request {}): {}", RequestIds.of(ctx), e.getClass().getSimpleName());
            failed(ctx, ErrorVideo.SERVER_ERROR);
        }
    }

    private void resolve(Context ctx) {
        TorzConfig config;
        Optional<PlaybackRequest> request;
        try {
            config = ConfigCodec.decode(ctx.pathParam("cfg"));
            request = request(ctx, config);
        } catch (ConfigException | InvalidStremioIdException e) {
            request = Optional.empty();
            config = null;
        }
        if (rateLimit.check(ctx, config == null ? null : UserKeys.of(config).orElse(null)).isPresent()) {
            failed(ctx, ErrorVideo.RATE_LIMITED);
            return;
        }
        if (request.isEmpty()) {
            failed(ctx, ErrorVideo.BAD_LINK);
            return;
        }
        Playback playback = resolver.resolve(request.get(), clients.of(ctx));
        // players probe with HEAD before (and while) they GET: only a GET is a playback, so usage counts it once
        if (ctx.method() == HandlerType.GET) {
            recordUsage(playback, config, request.get().hash().hex());
        }
        if (playback instanceof Playback.Redirect redirect) {
            ctx.header("Cache-Control", "no-store");
            ctx.redirect(redirect.url(), HttpStatus.FOUND);
        } else {
            failed(ctx, ((Playback.Failed) playback).video());
        }
    }

    private void recordUsage(Playback playback, TorzConfig config, String hash) {
        if (playback instanceof Playback.Redirect redirect) {
            usage.playback(redirect.access(), hash, redirect.cached(), redirect.bytes(), UsageEvent.SERVED);
        } else if (playback instanceof Playback.Failed failure && failure.access() == null) {
            usage.denied(config, hash, failure.refusal());
        } else if (playback instanceof Playback.Failed failure) {
            usage.playback(failure.access(), hash, false, 0,
                    failure.video() == ErrorVideo.DOWNLOADING ? UsageEvent.TORRENT_ADDED : UsageEvent.FAILED);
        }
    }

    private void failed(Context ctx, ErrorVideo video) {
        ctx.header("Cache-Control", "public, max-age=60");
        ctx.redirect(videos.url(video), HttpStatus.FOUND);
    }

    /** Empty when the link is malformed: unknown store, bad hash, bad index, or no store to use. */
    private static Optional<PlaybackRequest> request(Context ctx, TorzConfig config) throws InvalidStremioIdException {
        String rawId = ctx.pathParam("id");
        StremioId id = StremioId.parse(guessType(rawId), rawId);
        // <hash>, or <hash>-p for a private upload. Old links carry <hash>-<b64url torrent URL>: that URL is never
        // decoded nor fetched (it may point anywhere); the .torrent link is looked up server-side like for -p
        String[] hashAndMark = ctx.pathParam("hash").split("-", 2);
        Optional<InfoHash> hash = InfoHash.tryParse(hashAndMark[0]);
        Optional<StoreConfig> store = store(config, ctx.pathParam("store"));
        if (hash.isEmpty() || store.isEmpty()
                || (hashAndMark.length == 2 && !MARK.matcher(hashAndMark[1]).matches())) {
            return Optional.empty();
        }
        Optional<String> privateFinder = hashAndMark.length == 2 ? Optional.of(SearchScope.of(config).finder()) : Optional.empty();
        int fileIdx;
        try {
            fileIdx = Integer.parseInt(ctx.pathParam("fileIdx"));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<String> name = Optional.ofNullable(ctx.pathParamMap().get("name"));
        // -1 is how a link says the file is unknown
        return fileIdx < -1 ? Optional.empty() : Optional.of(new PlaybackRequest(store.get(), id, hash.get(), privateFinder,
                fileIdx == -1 ? OptionalInt.empty() : OptionalInt.of(fileIdx), name));
    }

    /** StremThru's rule (none for a p2p config): the only store, else the store with that code, else the first. */
    private static Optional<StoreConfig> store(TorzConfig config, String code) {
        if (config.stores().size() == 1) {
            return Optional.of(config.stores().get(0));
        }
        return config.stores().stream().filter(store -> store.store().code().equalsIgnoreCase(code)).findFirst()
                .or(() -> config.stores().stream().findFirst());
    }

    /** Playback links carry no type; an id with episode parts is a series (or anime for catalog ids). */
    private static String guessType(String rawId) {
        String id = rawId.toLowerCase(java.util.Locale.ROOT);
        if (id.startsWith("kitsu") || id.startsWith("mal")) {
            return "anime";
        }
        return id.contains(":") || id.contains("%3a") ? "series" : "movie";
    }
}
