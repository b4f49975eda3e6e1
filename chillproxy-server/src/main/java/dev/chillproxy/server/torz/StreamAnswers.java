package dev.chillproxy.server.torz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.chillproxy.core.stremio.Stream;
import dev.chillproxy.core.stremio.StreamResponse;

/**
 * Serialised stream lists, kept for {@link #TTL} per (canonical config, type, Stremio id): a player, or several
 * players of one user, asks for the same list again and again while browsing, and building and serialising ~15 KB
 * each time was half the cost of a warm list. Only the answer bytes (plain and gzipped) are kept, never a key, and
 * only for a list every configured store was granted for: the caller still asks the pool for every store on every
 * request and serves these bytes only when every store is granted again, so a revocation or a disabled user takes
 * effect at once.
 *
 * <p>The key holds everything the answer depends on: the canonical config (stores, user, filters, sort, indexers),
 * the type and the id as asked. The base URL in the links is the server's own ({@code STREMTHRU_BASE_URL}), the
 * same for every request. Bounded by bytes ({@link #MAX_BYTES}). Thread-safe.
 */
public final class StreamAnswers {

    /** Well under the magnet cache's freshness: a torrent that became cached shows as such within seconds. */
    static final Duration TTL = Duration.ofSeconds(15);
    /**
     * The age from which a request served a kept answer also has it made again in the background
     * ({@link #claimRefresh}), so a list asked for all the time is never rebuilt on a request thread.
     */
    static final Duration REFRESH_AFTER = Duration.ofSeconds(10);
    static final long MAX_BYTES = 32L * 1024 * 1024;

    /** What the answer depends on; {@code cfg} is the canonical encoding. */
    public record Key(String cfg, String type, String id) {
        public Key {
            Objects.requireNonNull(cfg, "cfg");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * A stream list ready to write.
     *
     * @param cached      whether some store could play one of its streams at once (for the usage event)
     * @param madeAtNanos when it was made, on the cache's ticker
     */
    public record Answer(byte[] json, byte[] gzip, boolean cached, long madeAtNanos) {
        public Answer {
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(gzip, "gzip");
        }
    }

    private final ObjectWriter writer;
    private final Ticker ticker;
    private final Cache<Key, Answer> answers;
    /** Answers being made again; bounded by the refresh executor's threads and queue (a refused refresh lets go). */
    private final Set<Key> refreshing = ConcurrentHashMap.newKeySet();

    public StreamAnswers(ObjectMapper mapper, Ticker ticker) {
        // an emoji (every list has several) is written as its 4 UTF-8 bytes, not as an escaped surrogate pair
        this.writer = mapper.writerFor(StreamResponse.class).with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);
        this.ticker = ticker;
        this.answers = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(TTL).maximumWeight(MAX_BYTES)
                .weigher((Key key, Answer answer) -> answer.json().length + answer.gzip().length + key.cfg().length() * 2)
                .recordStats().build();
    }

    public Optional<Answer> find(Key key) {
        return Optional.ofNullable(answers.getIfPresent(key));
    }

    /** Serialises {@code streams} once, keeps the result when {@code keep} (a complete answer) and returns it. */
    public Answer make(Key key, List<Stream> streams, boolean cached, boolean keep) {
        byte[] json;
        try {
            json = writer.writeValueAsBytes(new StreamResponse(streams));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stream list could not be serialised", e);
        }
        Answer answer = new Answer(json, gzipped(json), cached, ticker.read());
        if (keep) {
            answers.put(key, answer);
        }
        return answer;
    }

    /**
     * True for one caller once {@code answer} is {@link #REFRESH_AFTER} old: that caller makes it again (in the
     * background) and must call {@link #refreshEnded} however that goes. Until then other callers get false.
     */
    public boolean claimRefresh(Key key, Answer answer) {
        return ticker.read() - answer.madeAtNanos() >= REFRESH_AFTER.toNanos() && refreshing.add(key);
    }

    public void refreshEnded(Key key) {
        refreshing.remove(key);
    }

    /** For the metrics: hit ratio, size, evictions. */
    public Cache<Key, Answer> statistics() {
        return answers;
    }

    /** {@code bytes} gzipped (default level). */
    static byte[] gzipped(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out, 4096)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: does not happen
        }
        return out.toByteArray();
    }
}
