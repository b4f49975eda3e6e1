package dev.chillproxy.core.torz;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.core.files.FileChoice;
import dev.chillproxy.core.files.FileRequest;
import dev.chillproxy.core.files.FileSelector;
import dev.chillproxy.core.files.MatchedBy;
import dev.chillproxy.core.torz.DebridGateway.MagnetState;
import dev.chillproxy.core.torz.DebridGateway.PlaybackFailure;
import dev.chillproxy.core.torz.DebridGateway.Progress;
import dev.chillproxy.core.torz.PlaybackPorts.FileTags;
import dev.chillproxy.core.torz.PlaybackPorts.LinkCache;
import dev.chillproxy.core.torz.PlaybackPorts.ResolvedLink;

/**
 * The playback pipeline: re-authorizes with the pool on every call (revocation is instant), adds the torrent
 * with the granted key, waits a bounded time for it, picks the file (season/episode aware, never "the largest"
 * for an episode of a pack) and generates the link with the same key. Concurrent calls for the same user,
 * torrent and file (a player's HEAD and GET) share one resolution. Thread-safe.
 */
public final class PlaybackResolver {

    public static final String ACTION = "stream-served";

    /** Waits between status polls; tests pass a no-op. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final StoreAccess access;
    private final DebridGateway gateway;
    private final LinkCache links;
    private final FileTags tags;
    private final FileSelector selector;
    private final Sleeper sleeper;
    private final int polls;
    private final Duration pollInterval;
    private final ConcurrentMap<String, CompletableFuture<Playback>> inFlight = new ConcurrentHashMap<>();

    public PlaybackResolver(StoreAccess access, DebridGateway gateway, LinkCache links, FileTags tags,
                            FileSelector selector, Sleeper sleeper, int polls, Duration pollInterval) {
        this.access = access;
        this.selector = selector;
        this.gateway = gateway;
        this.links = links;
        this.tags = tags;
        this.sleeper = sleeper;
        this.polls = polls;
        this.pollInterval = pollInterval;
    }

    public Playback resolve(PlaybackRequest request, RequestContext context) {
        Access opened = access.open(request.store(), context, ACTION, request.hash().hex());
        if (opened instanceof Access.Refused refused) {
            return new Playback.Failed(refused.reason().video(), refused.message(), null, refused.reason());
        }
        Access.Granted granted = (Access.Granted) opened;
        // the store is part of the key: a key id alone does not say which service made the link, and a TorBox CDN
        // link must never answer a Real-Debrid playback; the key id is a pool id or a fingerprint, never the key
        String linkKey = request.store().store().code() + ":" + granted.keyId() + ":" + request.hash() + ":"
                + request.fileIdx().orElse(-1) + ":" + request.fileName().orElse("") + ":" + request.id().raw();
        Optional<ResolvedLink> known = links.get(linkKey);
        if (known.isPresent()) {
            return new Playback.Redirect(known.get().url(), granted, true, known.get().bytes());
        }
        String flightKey = granted.userId() + ":" + linkKey;
        CompletableFuture<Playback> mine = new CompletableFuture<>();
        CompletableFuture<Playback> running = inFlight.putIfAbsent(flightKey, mine);
        if (running != null) {
            return running.join();
        }
        try {
            Playback result = resolveNow(request, context, granted, linkKey);
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(flightKey, mine);
        }
    }

    private Playback resolveNow(PlaybackRequest request, RequestContext context, Access.Granted granted, String linkKey) {
        StoreName store = request.store().store();
        try {
            String magnetId = gateway.add(store, granted, request.hash().hex(), request.privateFinder(),
                    context.clientIp());
            MagnetState state = null;
            boolean readyAtOnce = false;
            for (int poll = 0; poll < polls; poll++) {
                state = gateway.state(store, granted, magnetId);
                if (state.progress() != Progress.PENDING) {
                    readyAtOnce = poll == 0 && state.progress() == Progress.READY;
                    break;
                }
                if (poll < polls - 1) {
                    sleeper.sleep(pollInterval);
                }
            }
            if (state == null || state.progress() == Progress.PENDING) {
                return new Playback.Failed(ErrorVideo.DOWNLOADING, "still downloading", granted);
            }
            if (state.progress() == Progress.FAILED) {
                return new Playback.Failed(ErrorVideo.DOWNLOAD_FAILED, "download failed", granted);
            }
            return pickAndLink(request, context, granted, linkKey, state, readyAtOnce);
        } catch (PlaybackFailure failure) {
            return new Playback.Failed(failure.video(), failure.getMessage(), granted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Playback.Failed(ErrorVideo.SERVER_ERROR, "interrupted", granted);
        }
    }

    private Playback pickAndLink(PlaybackRequest request, RequestContext context, Access.Granted granted, String linkKey,
                                 MagnetState state, boolean readyAtOnce) throws PlaybackFailure {
        String stremioId = request.id().raw();
        boolean movie = request.id().season() == null && request.id().episode() == null;
        FileRequest wanted = new FileRequest(request.id().season(), request.id().episode(), movie,
                request.fileName().orElse(""), request.fileIdx().orElse(-1), request.store().store() == StoreName.REALDEBRID,
                tags.knownPath(request.hash().hex(), stremioId).orElse(null));
        FileChoice choice = selector.choose(wanted, state.files().stream().map(DebridGateway.PlayableFile::file).toList());
        if (!(choice instanceof FileChoice.Chosen chosen)) {
            return new Playback.Failed(ErrorVideo.NO_MATCHING_FILE, ((FileChoice.NoMatch) choice).reason(), granted);
        }
        DebridGateway.PlayableFile playable = state.files().stream()
                .filter(file -> file.file().equals(chosen.file())).findFirst().orElseThrow();
        String url = gateway.link(request.store().store(), granted, playable.linkHandle(), context.clientIp());
        links.put(linkKey, new ResolvedLink(url, playable.file().size()));
        // tags are shared by every user: record only what the store's file list proves, never the name or
        // index a (possibly crafted) link asked for, nor the largest-file guess
        if (chosen.by() == MatchedBy.EPISODE || chosen.by() == MatchedBy.SINGLE_VIDEO) {
            tags.tag(request.hash().hex(), stremioId, playable.file());
        }
        return new Playback.Redirect(url, granted, readyAtOnce, playable.file().size());
    }
}
