package dev.chillproxy.server.settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.chillproxy.chillstreams.db.DatabaseUrl;
import dev.chillproxy.core.client.TrustedProxies;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.store.StoreEndpoints;

/**
 * Every setting of the server, read once from the environment at start-up. Immutable and thread-safe.
 *
 * <p>Secrets are {@link ApiKey}s and {@link #toString()} prints no secret nor URL that may carry one
 * (Torznab URLs hold their apikey in the query).
 *
 * @param trustedProxies peers whose {@code X-Forwarded-*} headers are believed ({@code TRUSTED_PROXIES})
 * @param chillstreamsApiKey as the operator set it; in embedded mode the internal pool API is served only when present
 * @param rateLimitUserRps requests per second per user ({@code RATE_LIMIT_USER_RPS}); bursts of twice that
 * @param rateLimitIpRps requests per second per client IP ({@code RATE_LIMIT_IP_RPS}); bursts of twice that
 * @param cachedStaleAfter how long a store's "cached" answer is trusted ({@code MAGNET_CACHED_STALE_AFTER})
 * @param uncachedStaleAfter how long a store's "not cached" answer is trusted ({@code MAGNET_UNCACHED_STALE_AFTER})
 * @param internalRateLimitRps requests per second the internal pool API serves ({@code INTERNAL_RATE_LIMIT_RPS})
 * @param enableP2p whether {@code p2p} configs (no credential) are served ({@code ENABLE_P2P})
 * @param userAddsPerHour torrents one pool user may add to the pool's keys per hour ({@code USER_ADDS_PER_HOUR})
 * @param localUrlsAllowed {@code scheme://host:port} that users' own URLs may reach although they are on this machine
 *                         ({@code LOCAL_URLS_ALLOWED}), e.g. a household's Jackett beside the server
 * @param deviceIdleRelease a device's slot is freed after this long without a request ({@code DEVICE_IDLE_RELEASE})
 * @param animeMappingUrl the kitsu/mal → IMDb season list ({@code ANIME_MAPPING_URL}); empty when mapping is off
 */
public record Settings(
        int port,
        URI baseUrl,
        Path dataDir,
        DatabaseUrl databaseUrl,
        Optional<URI> chillstreamsApiUrl,
        Optional<ApiKey> chillstreamsApiKey,
        boolean enableChillstreamsAuth,
        boolean enableLegacyTokens,
        Optional<ApiKey> adminApiKey,
        Optional<ApiKey> poolEncryptionKey,
        int torboxMaxDevicesPerUser,
        TrustedProxies trustedProxies,
        StoreEndpoints upstreams,
        List<URI> torznabIndexers,
        Optional<URI> prowlarrUrl,
        Optional<ApiKey> prowlarrApiKey,
        Duration poolGrantTtl,
        Duration streamDeadline,
        Duration poolHealthCheckInterval,
        Optional<ApiKey> metricsToken,
        int rateLimitUserRps,
        int rateLimitIpRps,
        Duration cachedStaleAfter,
        Duration uncachedStaleAfter,
        int internalRateLimitRps,
        boolean enableP2p,
        int userAddsPerHour,
        List<URI> localUrlsAllowed,
        Duration deviceIdleRelease,
        Optional<URI> animeMappingUrl) {

    public Settings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(chillstreamsApiUrl, "chillstreamsApiUrl");
        Objects.requireNonNull(chillstreamsApiKey, "chillstreamsApiKey");
        Objects.requireNonNull(adminApiKey, "adminApiKey");
        Objects.requireNonNull(poolEncryptionKey, "poolEncryptionKey");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        Objects.requireNonNull(upstreams, "upstreams");
        torznabIndexers = List.copyOf(torznabIndexers);
        localUrlsAllowed = List.copyOf(localUrlsAllowed);
        Objects.requireNonNull(prowlarrUrl, "prowlarrUrl");
        Objects.requireNonNull(prowlarrApiKey, "prowlarrApiKey");
        Objects.requireNonNull(poolGrantTtl, "poolGrantTtl");
        Objects.requireNonNull(animeMappingUrl, "animeMappingUrl");
        Objects.requireNonNull(streamDeadline, "streamDeadline");
        Objects.requireNonNull(poolHealthCheckInterval, "poolHealthCheckInterval");
        Objects.requireNonNull(metricsToken, "metricsToken");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(cachedStaleAfter, "cachedStaleAfter");
        Objects.requireNonNull(uncachedStaleAfter, "uncachedStaleAfter");
        Objects.requireNonNull(deviceIdleRelease, "deviceIdleRelease");
        if (rateLimitUserRps < 1 || rateLimitIpRps < 1) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
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
        return chillstreamsApiUrl.isEmpty();
    }

    /** The same settings with generated secrets filled in. */
    public Settings withSecrets(Optional<ApiKey> chillstreamsKey, ApiKey adminKey, ApiKey encryptionKey) {
        return new Settings(port, baseUrl, dataDir, databaseUrl, chillstreamsApiUrl, chillstreamsKey,
                enableChillstreamsAuth, enableLegacyTokens, Optional.of(adminKey), Optional.of(encryptionKey), torboxMaxDevicesPerUser,
                trustedProxies, upstreams, torznabIndexers, prowlarrUrl, prowlarrApiKey, poolGrantTtl, streamDeadline,
                poolHealthCheckInterval, metricsToken, rateLimitUserRps, rateLimitIpRps, cachedStaleAfter,
                uncachedStaleAfter, internalRateLimitRps, enableP2p, userAddsPerHour, localUrlsAllowed,
                deviceIdleRelease, animeMappingUrl);
    }

    @Override
    public String toString() {
        return "Settings[port=" + port + ", baseUrl=" + baseUrl + ", dataDir=" + dataDir + ", database="
                + databaseUrl.engine() + ", pool=" + (embeddedPool() ? "embedded" : chillstreamsApiUrl.get().getHost())
                + ", chillstreamsAuth=" + enableChillstreamsAuth + ", legacyTokens=" + enableLegacyTokens + ", maxDevices=" + torboxMaxDevicesPerUser
                + ", deviceIdleRelease=" + deviceIdleRelease
                + ", " + trustedProxies
                + ", torznabIndexers=" + torznabIndexers.size() + ", prowlarr=" + prowlarrUrl.isPresent()
                + ", grantTtl=" + poolGrantTtl + ", streamDeadline=" + streamDeadline.toMillis() + "ms"
                + ", rateLimits=" + rateLimitUserRps + "/s per user, " + rateLimitIpRps + "/s per IP, p2p=" + enableP2p + "]";
    }
}
