package dev.chillproxy.server;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.core.client.DeviceId;
import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.ConfigException;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.core.stremio.Stream;
import dev.chillproxy.core.stremio.StreamBehaviorHints;
import dev.chillproxy.core.stremio.StreamResponse;
import dev.chillproxy.core.title.TitleParser;
import dev.chillproxy.core.torz.StreamLinks;
import dev.chillproxy.server.torz.StreamAnswers;
import io.javalin.Javalin;
import okhttp3.OkHttpClient;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up help on the second core, so a fresh instance neither starts slowly nor serves at a fraction of its
 * speed for its first minutes:
 *
 * <ol>
 *   <li>{@link #preload} (from {@code main}'s first line): builds the outbound HTTP client, loads SQLite's native
 *       library, runs a first statement through Jdbi, and loads and initialises the classes of what is built after
 *       the settings (Jackson, Caffeine, the title parser's patterns, Javalin and Jetty's server) while the main
 *       thread reads the settings and opens the database; the main thread then finds them ready (or waits for the
 *       class initialiser still running, never runs it twice).</li>
 *   <li>{@link #exercise} (once the server is built): runs a stream list's CPU work with made-up values (the
 *       answer's JSON and UTF-8 encoding, gzip, config decoding, device ids, release-name parsing) a few thousand
 *       times, so the JIT has compiled it before real lists arrive. No database, pool or upstream is touched.</li>
 * </ol>
 * Both run on daemon threads and only log at debug level when something fails: they are a speed-up, never a
 * condition of starting.
 */
final class StartWarmup {

    private static final Logger LOG = LoggerFactory.getLogger(StartWarmup.class);
    /** Bounds the exercise, whichever comes first: enough rounds for C2 to compile the hot methods, or this long. */
    static final int ROUNDS = 3_000;
    static final long MAX_MILLIS = 3_000;

    private StartWarmup() {
    }

    /**
     * Starts the preload, and builds the server's outbound client on a thread of its own (its TLS set-up reads the
     * JDK's trust store: ~0.3 s the main thread then does not spend). The answer fails when that thread does; the
     * caller then builds the client itself.
     *
     * @param sqliteLikely whether the database will probably be SQLite (a guess from the raw environment: only speed
     *                     depends on it)
     */
    static CompletableFuture<OkHttpClient> preload(boolean sqliteLikely) {
        CompletableFuture<OkHttpClient> http = new CompletableFuture<>();
        daemon("start-http-client", () -> {
            try {
                http.complete(new OkHttpClient());
            } catch (RuntimeException | LinkageError e) {
                http.completeExceptionally(e);
            }
        });
        daemon("start-preload", () -> {
            if (sqliteLikely) {
                Database.loadSqliteLibrary(); // while main reads the settings; its first connection then finds it loaded
                // a statement's first run through Jdbi (its SQL parser is an ANTLR lexer; argument and row mapping are
                // set up on first use) costs ~0.3 s: here on a private in-memory database, gone with its connection
                Jdbi.create("jdbc:sqlite::memory:").useHandle(handle -> {
                    handle.execute("CREATE TABLE warm_up (name TEXT, at INTEGER)");
                    handle.createUpdate("INSERT INTO warm_up (name, at) VALUES (:name, :at)").bind("name", "a")
                            .bind("at", 1L).execute();
                    handle.createQuery("SELECT name FROM warm_up WHERE at = :at").bind("at", 1L).mapTo(String.class).one();
                });
            } else {
                // the database's Jdbi (its default configuration is hundreds of classes); this one never connects
                Jdbi.create(() -> {
                    throw new SQLException("never used");
                }).getConfig(SqlStatements.class);
            }
            new ObjectMapper().writeValueAsBytes(new StreamResponse(List.of(Stream.info("warm-up", "warm-up", null))));
            Caffeine.newBuilder().maximumSize(1).recordStats().build().put("a", "b");
            new TitleParser(); // its vocabulary's patterns are compiled once, in the class's initialiser
            Javalin.create(config -> config.startup.showJavalinBanner = false);
            new org.eclipse.jetty.server.Server().destroy(); // Javalin makes Jetty's server only when it starts
        });
        return http;
    }

    /** @param answers the app's own, whose writer and serializers the exercise compiles (nothing is kept) */
    static void exercise(StreamAnswers answers, TitleParser parser, StreamLinks links) {
        daemon("start-warmup", () -> {
            long started = System.nanoTime();
            String cfg = ConfigCodec.encode(new TorzConfig(List.of(StoreConfig.pooled(StoreName.TORBOX,
                    "00000000-0000-4000-8000-000000000000")), List.of(), false, false, "", ""));
            int rounds = 0;
            for (; rounds < ROUNDS && (System.nanoTime() - started) / 1_000_000 < MAX_MILLIS; rounds++) {
                StreamAnswers.Key key = new StreamAnswers.Key(cfg, "movie", "tt0133093");
                answers.make(key, streams(links, cfg, rounds), true, false);
                ConfigCodec.decode(cfg);
                DeviceId.of("203.0.113." + (rounds & 0xff), "Warmup/" + rounds);
                parser.parse(name(rounds));
            }
            LOG.debug("start warm-up: {} rounds in {} ms", rounds, (System.nanoTime() - started) / 1_000_000);
        });
    }

    /** A list shaped like a real one: 24 entries with the usual name, description and link. */
    private static List<Stream> streams(StreamLinks links, String cfg, int round) {
        List<Stream> streams = new ArrayList<>(24);
        for (int i = 0; i < 24; i++) {
            String hash = String.format(Locale.ROOT, "%040x", (long) round * 24 + i);
            String name = name(round + i);
            streams.add(new Stream("⚡️ [TB]\nTorz\n1080p", "💿 BluRay 🎞️ hevc\n📦 8 GB 👤 7\n📁 " + name,
                    links.strem(cfg, "tt0133093", StoreName.TORBOX, hash, false, 0, name + ".mkv"), null, null, null,
                    new StreamBehaviorHints("torz:" + hash, name + ".mkv", 8_000_000_000L, null)));
        }
        return streams;
    }

    private static String name(int n) {
        return "Warm.Up.Movie." + (n % 97) + ".20" + (10 + n % 15) + "." + (n % 2 == 0 ? "1080p.BluRay.x264" : "2160p.WEB-DL.x265")
                + "-GRP";
    }

    private interface Work {
        void run() throws ConfigException, java.io.IOException;
    }

    private static void daemon(String name, Work work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (Exception | LinkageError e) {
                LOG.debug("{} stopped early: {}", name, e.toString());
            }
        }, name);
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }
}
