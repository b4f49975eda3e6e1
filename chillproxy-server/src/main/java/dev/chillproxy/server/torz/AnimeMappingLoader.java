package dev.chillproxy.server.torz;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.chillproxy.core.anime.AnimeListReader;
import dev.chillproxy.core.anime.AnimeMapping;
import dev.chillproxy.core.stremio.StremioId;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The anime mapping list ({@code ANIME_MAPPING_URL}): read from its copy in the data folder at start, then
 * downloaded in the background and daily after. A download is kept only once it parsed, and only then replaces
 * the disk copy, so a bad, oversized or unreachable list leaves the previous mapping in use. Requests never wait:
 * until a list is loaded, anime ids are not mapped (they behave as before). Thread-safe.
 */
public final class AnimeMappingLoader implements AutoCloseable {

    /** The real list is ~5 MB. */
    public static final long MAX_BYTES = 32L * 1024 * 1024;
    static final int MAX_ENTRIES = 500_000;
    static final String FILE_NAME = "anime-list.json";
    private static final Logger LOG = LoggerFactory.getLogger(AnimeMappingLoader.class);

    private final OkHttpClient http;
    private final Optional<URI> url;
    private final Path cacheFile;
    private final long maxBytes;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "anime-mapping");
        thread.setDaemon(true);
        return thread;
    });
    private volatile AnimeMapping mapping = AnimeMapping.EMPTY;

    /** @param url empty: mapping is off */
    public AnimeMappingLoader(OkHttpClient http, Optional<URI> url, Path dataDir, long maxBytes) {
        this.http = http;
        this.url = url;
        this.cacheFile = dataDir.resolve(FILE_NAME);
        this.maxBytes = maxBytes;
    }

    /** Loads the disk copy, then downloads now and every {@code every}; all in the background. */
    public void start(Duration every) {
        if (url.isEmpty()) {
            return;
        }
        scheduler.execute(this::loadDiskCopy);
        scheduler.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The IMDb id an anime id stands for when the loaded list knows it, else the id itself. */
    public StremioId resolve(StremioId id) {
        return mapping.map(id).orElse(id);
    }

    AnimeMapping current() {
        return mapping;
    }

    void loadDiskCopy() {
        if (!Files.isRegularFile(cacheFile)) {
            return;
        }
        try (InputStream in = Files.newInputStream(cacheFile)) {
            use(AnimeListReader.read(capped(in), MAX_ENTRIES), "disk copy");
        } catch (IOException | RuntimeException e) {
            LOG.warn("anime mapping: the disk copy is unreadable ({}); waiting for a download", e.getClass().getSimpleName());
        }
    }

    /** One download; failures are logged (without the URL, which the operator may have given a token) and kept out. */
    void refresh() {
        Path partial = cacheFile.resolveSibling(FILE_NAME + ".part");
        try {
            Files.createDirectories(cacheFile.getParent());
            try (Response response = http.newCall(new Request.Builder().url(url.orElseThrow().toString()).build()).execute()) {
                if (!response.isSuccessful() || response.body() == null) {
                    throw new IOException("HTTP " + response.code());
                }
                try (InputStream in = response.body().byteStream(); OutputStream out = Files.newOutputStream(partial)) {
                    copyCapped(in, out);
                }
            }
            AnimeMapping loaded;
            try (InputStream in = Files.newInputStream(partial)) {
                loaded = AnimeListReader.read(in, MAX_ENTRIES);
            }
            Files.move(partial, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            use(loaded, "download");
        } catch (IOException | RuntimeException e) {
            LOG.warn("anime mapping: download failed ({}); keeping the {} ids in use", reason(e), mapping.size());
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                LOG.debug("anime mapping: could not delete the partial download");
            }
        }
    }

    /** The exception's kind and the first line of its message, short: a parser's message quotes the list. */
    private static String reason(Exception e) {
        String message = e instanceof IOException && e.getMessage() != null ? e.getMessage().lines().findFirst().orElse("") : "";
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message.substring(0, Math.min(100, message.length())));
    }

    private void use(AnimeMapping loaded, String from) {
        mapping = loaded;
        LOG.info("anime mapping: {} ids from the {}", loaded.size(), from);
    }

    private void copyCapped(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > maxBytes) {
                throw new IOException("the list is larger than " + maxBytes + " bytes");
            }
            out.write(buffer, 0, n);
        }
    }

    /** The disk copy was capped when downloaded; this guards a file put there by hand. */
    private InputStream capped(InputStream in) throws IOException {
        if (Files.size(cacheFile) > maxBytes) {
            throw new IOException("the disk copy is larger than " + maxBytes + " bytes");
        }
        return in;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
