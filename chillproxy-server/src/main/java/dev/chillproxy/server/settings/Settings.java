package dev.chillproxy.server.settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.chillproxy.chillstreams.db.DatabaseUrl;
import dev.chillproxy.chillstreams.signals.SignalKind;
import dev.chillproxy.chillstreams.signals.SignalThresholds;
import dev.chillproxy.core.client.TrustedProxies;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.StoreEndpoints;

/**
 * Every setting of the server, read once from the environment at start-up, in one block per concern (the way
 * Javalin's config has {@code http}, {@code jetty}, …). Immutable and thread-safe.
 *
 * <p>Secrets are {@link ApiKey}s and {@link #toString()} prints no secret nor URL that may carry one
 * (Torznab URLs hold their apikey in the query).
 */
public record Settings(Http http, Storage storage, Pool pool, Outbound outbound, Addon addon, Limits limits, Abuse abuse) {

    /**
     * Where and how the server listens.
     *
     * @param baseUrl        public base URL used in install and stream links ({@code STREMTHRU_BASE_URL})
     * @param trustedProxies peers whose {@code X-Forwarded-*} headers are believed ({@code TRUSTED_PROXIES})
     * @param metricsToken   bearer for {@code /metrics} ({@code METRICS_TOKEN}); absent = open
     * @param bindAddress    the interface listened on ({@code BIND_ADDRESS}): 0.0.0.0 = all, 127.0.0.1 = behind a local proxy
     */
    public record Http(int port, URI baseUrl, TrustedProxies trustedProxies, Optional<ApiKey> metricsToken, String bindAddress) {
        public Http {
            Objects.requireNonNull(bindAddress, "bindAddress");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(trustedProxies, "trustedProxies");
            Objects.requireNonNull(metricsToken, "metricsToken");
        }
    }

    /** The data folder (SQLite database, generated secrets, cached lists) and the database. */
    public record Storage(Path dataDir, DatabaseUrl databaseUrl) {
        public Storage {
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(databaseUrl, "databaseUrl");
        }
    }

    /**
     * The key pool: embedded or remote, who may use the server, the pool's secrets and rules.
     *
     * @param chillstreamsApiKey      absent in embedded mode unless the operator set it (then the internal API is served)
     * @param adminApiKey             filled by {@link GeneratedSecrets} when unset
     * @param poolEncryptionKey       filled by {@link GeneratedSecrets} when unset
     * @param poolGrantTtl            how long a grant is cached ({@code POOL_GRANT_TTL}); zero = ask every time
     * @param deviceIdleRelease       a device's slot is freed after this long without a request ({@code DEVICE_IDLE_RELEASE})
     * @param poolRotationInterval    keys older than this are flagged for rotation ({@code POOL_ROTATION_INTERVAL}); empty = off
     */
    public record Pool(Optional<URI> chillstreamsApiUrl, Optional<ApiKey> chillstreamsApiKey, boolean enableChillstreamsAuth,
                       boolean enableLegacyTokens, Optional<ApiKey> adminApiKey, Optional<ApiKey> poolEncryptionKey,
                       int torboxMaxDevicesPerUser, Duration poolGrantTtl, Duration poolHealthCheckInterval,
                       Duration deviceIdleRelease, Optional<Duration> poolRotationInterval) {
        public Pool {
            Objects.requireNonNull(poolRotationInterval, "poolRotationInterval");
            Objects.requireNonNull(chillstreamsApiUrl, "chillstreamsApiUrl");
            Objects.requireNonNull(chillstreamsApiKey, "chillstreamsApiKey");
            Objects.requireNonNull(adminApiKey, "adminApiKey");
            Objects.requireNonNull(poolEncryptionKey, "poolEncryptionKey");
            Objects.requireNonNull(poolGrantTtl, "poolGrantTtl");
            Objects.requireNonNull(poolHealthCheckInterval, "poolHealthCheckInterval");
            Objects.requireNonNull(deviceIdleRelease, "deviceIdleRelease");
        }
    }

    /**
     * Where outbound calls go: the services, the operator's indexers, and what users' own URLs may reach.
     *
     * @param localUrlsAllowed {@code scheme://host:port} that users' own URLs may reach although they are on this
     *                         machine ({@code LOCAL_URLS_ALLOWED}), e.g. a household's Jackett beside the server
     * @param animeMappingUrl  the kitsu/mal → IMDb list ({@code ANIME_MAPPING_URL}); absent = no mapping
     */
    public record Outbound(StoreEndpoints upstreams, List<URI> torznabIndexers, Optional<URI> prowlarrUrl,
                           Optional<ApiKey> prowlarrApiKey, List<URI> localUrlsAllowed, Optional<URI> animeMappingUrl) {
        public Outbound {
            Objects.requireNonNull(upstreams, "upstreams");
            torznabIndexers = List.copyOf(torznabIndexers);
            Objects.requireNonNull(prowlarrUrl, "prowlarrUrl");
            Objects.requireNonNull(prowlarrApiKey, "prowlarrApiKey");
            localUrlsAllowed = List.copyOf(localUrlsAllowed);
            Objects.requireNonNull(animeMappingUrl, "animeMappingUrl");
        }
    }

    /**
     * How the Stremio addon answers.
     *
     * @param cachedStaleAfter   how long a store's "cached" answer is trusted ({@code MAGNET_CACHED_STALE_AFTER})
     * @param uncachedStaleAfter how long a "not cached" answer is trusted ({@code MAGNET_UNCACHED_STALE_AFTER})
     * @param enableP2p          whether {@code p2p} configs (no credential) are served ({@code ENABLE_P2P})
     */
    public record Addon(Duration streamDeadline, Duration cachedStaleAfter, Duration uncachedStaleAfter, boolean enableP2p) {
        public Addon {
            Objects.requireNonNull(streamDeadline, "streamDeadline");
            Objects.requireNonNull(cachedStaleAfter, "cachedStaleAfter");
            Objects.requireNonNull(uncachedStaleAfter, "uncachedStaleAfter");
        }
    }

    /**
     * Rate limits and quotas.
     *
     * @param rateLimitUserRps     requests per second per user ({@code RATE_LIMIT_USER_RPS}); bursts of twice that
     * @param rateLimitIpRps       requests per second per client IP ({@code RATE_LIMIT_IP_RPS}); bursts of twice that
     * @param internalRateLimitRps requests per second the internal pool API serves ({@code INTERNAL_RATE_LIMIT_RPS})
     * @param userAddsPerHour      torrents one pool user may add to the pool's keys per hour ({@code USER_ADDS_PER_HOUR})
     * @param redisUrl             the Redis every instance shares these limits and the key budgets in ({@code REDIS_URL});
     *                             empty = each instance has its own
     */
    public record Limits(int rateLimitUserRps, int rateLimitIpRps, int internalRateLimitRps, int userAddsPerHour,
                         Optional<RedisUrl> redisUrl) {
        public Limits {
            Objects.requireNonNull(redisUrl, "redisUrl");
            if (rateLimitUserRps < 1 || rateLimitIpRps < 1) {
                throw new IllegalArgumentException("rate limits must be positive");
            }
        }
    }

    /**
     * Abuse signals (embedded pool) and the per-key playback limit (README "Abuse signals").
     *
     * @param thresholds         {@code ABUSE_WINDOW}, {@code ABUSE_MAX_*}, {@code POOL_PLAYBACK_WINDOW}
     * @param autoDisable        signals that disable the user at once ({@code ABUSE_AUTO_DISABLE}); empty = none
     * @param webhookUrl         where each new signal is POSTed ({@code ABUSE_WEBHOOK_URL}); absent = no webhook
     * @param maxPlaybacksPerKey devices that may play on one pool key at once ({@code POOL_MAX_PLAYBACKS_PER_KEY})
     */
    public record Abuse(SignalThresholds thresholds, Set<SignalKind> autoDisable, Optional<URI> webhookUrl,
                        int maxPlaybacksPerKey) {
        public Abuse {
            Objects.requireNonNull(thresholds, "thresholds");
            autoDisable = Set.copyOf(autoDisable);
            Objects.requireNonNull(webhookUrl, "webhookUrl");
            if (maxPlaybacksPerKey < 1) {
                throw new IllegalArgumentException("maxPlaybacksPerKey must be positive");
            }
        }
    }

    public Settings {
        Objects.requireNonNull(abuse, "abuse");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(outbound, "outbound");
        Objects.requireNonNull(addon, "addon");
        Objects.requireNonNull(limits, "limits");
    }

    /**
     * Reads and validates every variable.
     *
     * @throws InvalidSettingsException listing one message per bad variable, never a secret's value
     */
    public static Settings fromEnvironment(Map<String, String> environment) {
        return new SettingsReader(environment).read();
    }

    /** True when the pool runs inside this server (no {@code CHILLSTREAMS_API_URL}). */
    public boolean embeddedPool() {
        return pool.chillstreamsApiUrl().isEmpty();
    }

    /** The same settings with generated secrets filled in. */
    public Settings withSecrets(ApiKey adminKey, ApiKey encryptionKey) {
        Pool filled = new Pool(pool.chillstreamsApiUrl(), pool.chillstreamsApiKey(), pool.enableChillstreamsAuth(),
                pool.enableLegacyTokens(), Optional.of(adminKey), Optional.of(encryptionKey), pool.torboxMaxDevicesPerUser(),
                pool.poolGrantTtl(), pool.poolHealthCheckInterval(), pool.deviceIdleRelease(), pool.poolRotationInterval());
        return new Settings(http, storage, filled, outbound, addon, limits, abuse);
    }

    @Override
    public String toString() {
        return "Settings[port=" + http.port() + ", baseUrl=" + http.baseUrl() + ", dataDir=" + storage.dataDir()
                + ", database=" + storage.databaseUrl().engine()
                + ", pool=" + (embeddedPool() ? "embedded" : pool.chillstreamsApiUrl().get().getHost())
                + ", chillstreamsAuth=" + pool.enableChillstreamsAuth() + ", legacyTokens=" + pool.enableLegacyTokens()
                + ", maxDevices=" + pool.torboxMaxDevicesPerUser() + ", deviceIdleRelease=" + pool.deviceIdleRelease()
                + ", " + http.trustedProxies()
                + ", torznabIndexers=" + outbound.torznabIndexers().size() + ", prowlarr=" + outbound.prowlarrUrl().isPresent()
                + ", grantTtl=" + pool.poolGrantTtl() + ", streamDeadline=" + addon.streamDeadline().toMillis() + "ms"
                + ", rateLimits=" + limits.rateLimitUserRps() + "/s per user, " + limits.rateLimitIpRps() + "/s per IP"
                + ", p2p=" + addon.enableP2p() + ", sharedLimits=" + limits.redisUrl().map(RedisUrl::toString).orElse("off")
                + ", playbacksPerKey=" + abuse.maxPlaybacksPerKey()
                + ", abuseAutoDisable=" + abuse.autoDisable().stream().map(SignalKind::wire).sorted().toList()
                + ", abuseWebhook=" + abuse.webhookUrl().isPresent() + "]";
    }
}
