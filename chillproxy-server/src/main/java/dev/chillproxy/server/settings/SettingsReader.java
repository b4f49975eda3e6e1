package dev.chillproxy.server.settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.chillproxy.chillstreams.db.DatabaseUrl;
import dev.chillproxy.chillstreams.embedded.EmbeddedPool;
import dev.chillproxy.chillstreams.signals.SignalKind;
import dev.chillproxy.chillstreams.signals.SignalThresholds;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.StoreEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the environment into {@link Settings}, collecting one message per bad variable so an operator
 * fixes them all in one go. Blank values count as unset (docker-compose writes {@code VAR=}). Not
 * thread-safe; use once.
 */
final class SettingsReader {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsReader.class);

    static final int MIN_SECRET_LENGTH = 32;
    static final String ANIME_LIST = "https://raw.githubusercontent.com/Fribb/anime-lists/master/anime-list-full.json";
    static final Set<String> KNOWN = Set.of("PORT", "STREMTHRU_BASE_URL", "DATABASE_URL", "DATA_DIR",
            "CHILLSTREAMS_API_URL", "CHILLSTREAMS_API_KEY", "ENABLE_CHILLSTREAMS_AUTH", "ENABLE_LEGACY_TOKENS", "ADMIN_API_KEY",
            "POOL_ENCRYPTION_KEY", "TORBOX_MAX_DEVICES_PER_USER", "TRUSTED_PROXIES", "TORBOX_API_URL",
            "REALDEBRID_API_URL", "ALLDEBRID_API_URL", "PREMIUMIZE_API_URL", "DEBRIDLINK_API_URL",
            "TORZNAB_INDEXERS", "PROWLARR_URL", "PROWLARR_API_KEY", "POOL_GRANT_TTL", "STREAM_DEADLINE_MS",
            "POOL_HEALTH_CHECK_INTERVAL", "METRICS_TOKEN", "RATE_LIMIT_USER_RPS", "RATE_LIMIT_IP_RPS",
            "MAGNET_CACHED_STALE_AFTER", "MAGNET_UNCACHED_STALE_AFTER", "INTERNAL_RATE_LIMIT_RPS", "ENABLE_P2P",
            "USER_ADDS_PER_HOUR", "LOCAL_URLS_ALLOWED",
            "DEVICE_IDLE_RELEASE", "ANIME_MAPPING_URL", "BIND_ADDRESS", "REDIS_URL",
            "ABUSE_WINDOW", "ABUSE_MAX_DEVICES", "ABUSE_MAX_NETWORKS", "ABUSE_MAX_CONCURRENT_PLAYBACKS", "ABUSE_MAX_BYTES",
            "ABUSE_MAX_REFUSALS_PER_HOUR", "ABUSE_AUTO_DISABLE", "ABUSE_WEBHOOK_URL", "POOL_MAX_PLAYBACKS_PER_KEY",
            "POOL_PLAYBACK_WINDOW", "POOL_ROTATION_INTERVAL");
    // Names sharing these prefixes are probably typos of ours; they get a warning, not a failure.
    private static final List<String> OUR_PREFIXES = List.of("CHILLSTREAMS_", "CHILLPROXY_", "TORBOX_", "POOL_",
            "PROWLARR_", "TORZNAB_", "REALDEBRID_", "ALLDEBRID_", "PREMIUMIZE_", "DEBRIDLINK_", "ENABLE_",
            "RATE_LIMIT_", "MAGNET_", "INTERNAL_", "LOCAL_", "USER_", "DEVICE_", "STREMTHRU_", "BIND_", "REDIS_", "ABUSE_");

    private final Map<String, String> environment;
    private final EnvironmentValues values;

    SettingsReader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.values = new EnvironmentValues(this.environment);
    }

    Settings read() {
        warnAboutUnknownNames();
        int port = values.integer("PORT", 8080, 1, 65_535);
        URI baseUrl = values.url("STREMTHRU_BASE_URL").orElse(URI.create("http://localhost:" + port));
        Path dataDir = values.path("DATA_DIR", "./data");
        DatabaseUrl databaseUrl = values.database(dataDir);
        Optional<URI> chillstreamsUrl = values.url("CHILLSTREAMS_API_URL");
        Optional<ApiKey> chillstreamsKey = values.secret("CHILLSTREAMS_API_KEY", MIN_SECRET_LENGTH);
        if (chillstreamsUrl.isPresent() && chillstreamsKey.isEmpty() && values.value("CHILLSTREAMS_API_KEY").isEmpty()) {
            values.problem("CHILLSTREAMS_API_KEY: required when CHILLSTREAMS_API_URL is set");
        }
        Optional<URI> prowlarrUrl = values.url("PROWLARR_URL");
        Optional<ApiKey> prowlarrKey = values.secret("PROWLARR_API_KEY", 1);
        if (prowlarrUrl.isPresent() != values.value("PROWLARR_API_KEY").isPresent()) {
            values.problem("PROWLARR_URL, PROWLARR_API_KEY: set both or neither");
        }
        boolean poolAuth = values.bool("ENABLE_CHILLSTREAMS_AUTH", true);
        boolean legacyTokens = values.bool("ENABLE_LEGACY_TOKENS", true);
        if (!poolAuth && !legacyTokens) {
            values.problem("ENABLE_CHILLSTREAMS_AUTH, ENABLE_LEGACY_TOKENS: at least one must be true");
        }
        Settings settings = new Settings(
                new Settings.Http(port, baseUrl, values.trustedProxies("TRUSTED_PROXIES"), values.secret("METRICS_TOKEN", MIN_SECRET_LENGTH),
                        values.ipAddress("BIND_ADDRESS", "0.0.0.0")),
                new Settings.Storage(dataDir, databaseUrl),
                new Settings.Pool(chillstreamsUrl, chillstreamsKey, poolAuth, legacyTokens,
                        values.secret("ADMIN_API_KEY", MIN_SECRET_LENGTH),
                        values.encryptionKey("POOL_ENCRYPTION_KEY"),
                        values.integer("TORBOX_MAX_DEVICES_PER_USER", 3, 1, 1_000),
                        values.duration("POOL_GRANT_TTL", Duration.ofSeconds(30), true),
                        values.duration("POOL_HEALTH_CHECK_INTERVAL", Duration.ofMinutes(10)),
                        values.duration("DEVICE_IDLE_RELEASE", EmbeddedPool.DEFAULT_DEVICE_IDLE_RELEASE),
                        values.optionalDuration("POOL_ROTATION_INTERVAL")),
                new Settings.Outbound(
                        new StoreEndpoints(
                                values.urlOr("TORBOX_API_URL", StoreEndpoints.TORBOX).toString(),
                                values.urlOr("REALDEBRID_API_URL", StoreEndpoints.REALDEBRID).toString(),
                                values.urlOr("ALLDEBRID_API_URL", StoreEndpoints.ALLDEBRID).toString(),
                                values.urlOr("PREMIUMIZE_API_URL", StoreEndpoints.PREMIUMIZE).toString(),
                                values.urlOr("DEBRIDLINK_API_URL", StoreEndpoints.DEBRIDLINK).toString()),
                        values.urls("TORZNAB_INDEXERS"),
                        prowlarrUrl,
                        prowlarrKey,
                        values.urls("LOCAL_URLS_ALLOWED"),
                        // set but empty turns the mapping off; unset means the public list
                        environment.containsKey("ANIME_MAPPING_URL") ? values.url("ANIME_MAPPING_URL") : Optional.of(URI.create(ANIME_LIST))),
                new Settings.Addon(
                        Duration.ofMillis(values.integer("STREAM_DEADLINE_MS", 5_000, 100, 120_000)),
                        values.duration("MAGNET_CACHED_STALE_AFTER", Duration.ofHours(24)),
                        values.duration("MAGNET_UNCACHED_STALE_AFTER", Duration.ofHours(8)),
                        // p2p needs no credential: off by default where the pool stands for who may use this server
                        values.bool("ENABLE_P2P", !poolAuth)),
                new Settings.Limits(
                        values.integer("RATE_LIMIT_USER_RPS", 10, 1, 100_000),
                        values.integer("RATE_LIMIT_IP_RPS", 50, 1, 100_000),
                        values.integer("INTERNAL_RATE_LIMIT_RPS", 100, 1, 1_000_000),
                        values.integer("USER_ADDS_PER_HOUR", 10, 1, 10_000),
                        redisUrl()),
                abuse());
        values.throwIfAny();
        return settings;
    }

    private Optional<RedisUrl> redisUrl() {
        Optional<RedisUrl> parsed = values.value("REDIS_URL").flatMap(RedisUrl::parse);
        if (parsed.isEmpty() && values.value("REDIS_URL").isPresent()) {
            // it may hold a password, so it is not echoed
            values.problem("REDIS_URL: expected redis://[:password@]host[:port][/database] or rediss://…");
        }
        return parsed;
    }

    /** Defaults and their reasons: README "Abuse signals". */
    private Settings.Abuse abuse() {
        SignalThresholds thresholds = new SignalThresholds(
                values.duration("ABUSE_WINDOW", Duration.ofHours(24)),
                values.integer("ABUSE_MAX_DEVICES", 12, 1, 100_000),
                values.integer("ABUSE_MAX_NETWORKS", 8, 1, 100_000),
                values.integer("ABUSE_MAX_CONCURRENT_PLAYBACKS", 3, 1, 10_000),
                values.duration("POOL_PLAYBACK_WINDOW", Duration.ofHours(2)),
                values.bytes("ABUSE_MAX_BYTES", 200_000_000_000L),
                values.integer("ABUSE_MAX_REFUSALS_PER_HOUR", 60, 1, 1_000_000));
        Set<SignalKind> autoDisable = EnumSet.noneOf(SignalKind.class);
        for (String name : values.value("ABUSE_AUTO_DISABLE").map(raw -> raw.split(",")).orElse(new String[0])) {
            if (!name.isBlank()) {
                SignalKind.fromWire(name).ifPresentOrElse(autoDisable::add, () -> values.problem("ABUSE_AUTO_DISABLE: unknown signal '"
                        + name.strip() + "'; expected any of " + Arrays.stream(SignalKind.values()).map(SignalKind::wire).toList()));
            }
        }
        return new Settings.Abuse(thresholds, autoDisable, values.url("ABUSE_WEBHOOK_URL"),
                values.integer("POOL_MAX_PLAYBACKS_PER_KEY", 10, 1, 10_000));
    }

    private void warnAboutUnknownNames() {
        environment.keySet().stream()
                .filter(name -> !KNOWN.contains(name) && OUR_PREFIXES.stream().anyMatch(name::startsWith))
                .sorted()
                .forEach(name -> LOG.warn("{}: unknown variable, ignored (a typo?)", name));
    }
}
