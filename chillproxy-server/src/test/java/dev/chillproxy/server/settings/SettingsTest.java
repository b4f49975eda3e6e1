package dev.chillproxy.server.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.chillproxy.chillstreams.db.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    private static final String SECRET = "s3cr3t-value-that-is-long-enough-0123456789";

    @Test
    void defaultsMatchTheDesign() {
        Settings settings = Settings.fromEnvironment(Map.of());
        assertEquals(8080, settings.http().port());
        assertEquals(URI.create("http://localhost:8080"), settings.http().baseUrl());
        assertEquals(Path.of("./data"), settings.storage().dataDir());
        assertEquals(Engine.SQLITE, settings.storage().databaseUrl().engine());
        assertEquals(Path.of("./data/chillproxy.db"), settings.storage().databaseUrl().sqliteFile());
        assertTrue(settings.embeddedPool());
        assertTrue(settings.pool().enableChillstreamsAuth());
        assertEquals(3, settings.pool().torboxMaxDevicesPerUser());
        assertTrue(settings.http().trustedProxies().isEmpty());
        assertEquals("https://api.torbox.app", settings.outbound().upstreams().torbox());
        assertTrue(settings.outbound().torznabIndexers().isEmpty());
        assertEquals(Duration.ofSeconds(30), settings.pool().poolGrantTtl());
        assertEquals(Duration.ofMillis(5000), settings.addon().streamDeadline());
        assertEquals(Duration.ofMinutes(10), settings.pool().poolHealthCheckInterval());
        assertTrue(settings.pool().adminApiKey().isEmpty());
        assertTrue(settings.http().metricsToken().isEmpty());
        assertEquals(10, settings.limits().rateLimitUserRps());
        assertEquals(50, settings.limits().rateLimitIpRps());
        assertEquals(Duration.ofHours(12), settings.pool().deviceIdleRelease());
    }

    @ParameterizedTest(name = "DEVICE_IDLE_RELEASE={0}")
    @CsvSource({"2s,PT2S", "12h,PT12H", "7d,PT168H", "90m,PT1H30M"})
    void deviceIdleReleaseTakesShortAndLongDurations(String value, String expected) {
        assertEquals(Duration.parse(expected),
                Settings.fromEnvironment(Map.of("DEVICE_IDLE_RELEASE", value)).pool().deviceIdleRelease());
    }

    @Test
    void deviceIdleReleaseMustBePositive() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> Settings.fromEnvironment(Map.of("DEVICE_IDLE_RELEASE", "0s")));
        assertTrue(e.problems().get(0).startsWith("DEVICE_IDLE_RELEASE: expected a positive duration"), e.problems().toString());
    }

    @Test
    void poolRotationIntervalIsOffUnlessSetAndMustBeAPositiveDuration() {
        assertTrue(Settings.fromEnvironment(Map.of()).pool().poolRotationInterval().isEmpty());
        assertEquals(Duration.ofDays(90),
                Settings.fromEnvironment(Map.of("POOL_ROTATION_INTERVAL", "90d")).pool().poolRotationInterval().orElseThrow());
        for (String bad : new String[] {"0s", "quarterly", "-5d"}) {
            InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                    () -> Settings.fromEnvironment(Map.of("POOL_ROTATION_INTERVAL", bad)));
            assertTrue(e.problems().get(0).startsWith("POOL_ROTATION_INTERVAL: expected a positive duration"), e.problems().toString());
        }
    }

    @Test
    void animeMappingUrlDefaultsToThePublicListAndAnEmptyValueTurnsItOff() {
        assertEquals("raw.githubusercontent.com", Settings.fromEnvironment(Map.of()).outbound().animeMappingUrl().orElseThrow().getHost());
        assertTrue(Settings.fromEnvironment(Map.of("ANIME_MAPPING_URL", "")).outbound().animeMappingUrl().isEmpty());
        assertEquals(URI.create("https://lists.example/anime.json"),
                Settings.fromEnvironment(Map.of("ANIME_MAPPING_URL", "https://lists.example/anime.json")).outbound().animeMappingUrl().orElseThrow());
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> Settings.fromEnvironment(Map.of("ANIME_MAPPING_URL", "ftp://x")));
        assertTrue(e.problems().get(0).startsWith("ANIME_MAPPING_URL:"), e.problems().toString());
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "9090");
        env.put("STREMTHRU_BASE_URL", "https://proxy.example.com/");
        env.put("DATA_DIR", "/var/lib/chill");
        env.put("CHILLSTREAMS_API_URL", "https://pool.example.com");
        env.put("CHILLSTREAMS_API_KEY", SECRET);
        env.put("ENABLE_CHILLSTREAMS_AUTH", "FALSE");
        env.put("ADMIN_API_KEY", SECRET);
        env.put("POOL_ENCRYPTION_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        env.put("TORBOX_MAX_DEVICES_PER_USER", "5");
        env.put("TRUSTED_PROXIES", "10.0.0.0/8, ::1/128,192.168.1.1");
        env.put("TORBOX_API_URL", "http://127.0.0.1:9999");
        env.put("TORZNAB_INDEXERS", "http://jackett:9117/api?apikey=x,http://other/api");
        env.put("PROWLARR_URL", "http://prowlarr:9696");
        env.put("PROWLARR_API_KEY", "abc");
        env.put("POOL_GRANT_TTL", "45s");
        env.put("STREAM_DEADLINE_MS", "3000");
        env.put("POOL_HEALTH_CHECK_INTERVAL", "PT1H");
        env.put("METRICS_TOKEN", SECRET);
        env.put("RATE_LIMIT_USER_RPS", "4");
        env.put("RATE_LIMIT_IP_RPS", "100000");
        env.put("MAGNET_CACHED_STALE_AFTER", "12h");
        env.put("MAGNET_UNCACHED_STALE_AFTER", "30m");
        Settings settings = Settings.fromEnvironment(env);
        assertEquals(9090, settings.http().port());
        assertEquals(URI.create("https://proxy.example.com"), settings.http().baseUrl());
        assertEquals(Engine.SQLITE, settings.storage().databaseUrl().engine());
        assertEquals(Path.of("/var/lib/chill/chillproxy.db"), settings.storage().databaseUrl().sqliteFile());
        assertFalse(settings.embeddedPool());
        assertFalse(settings.pool().enableChillstreamsAuth());
        assertEquals(SECRET, settings.pool().adminApiKey().orElseThrow().reveal());
        assertEquals(5, settings.pool().torboxMaxDevicesPerUser());
        assertTrue(settings.http().trustedProxies().contains("10.1.2.3"));
        assertTrue(settings.http().trustedProxies().contains("192.168.1.1"));
        assertFalse(settings.http().trustedProxies().contains("192.168.1.2"));
        assertEquals("http://127.0.0.1:9999", settings.outbound().upstreams().torbox());
        assertEquals(2, settings.outbound().torznabIndexers().size());
        assertEquals(Duration.ofSeconds(45), settings.pool().poolGrantTtl());
        assertEquals(Duration.ofMillis(3000), settings.addon().streamDeadline());
        assertEquals(Duration.ofHours(1), settings.pool().poolHealthCheckInterval());
        assertEquals(4, settings.limits().rateLimitUserRps());
        assertEquals(100_000, settings.limits().rateLimitIpRps());
        assertEquals(Duration.ofHours(12), settings.addon().cachedStaleAfter());
        assertEquals(Duration.ofMinutes(30), settings.addon().uncachedStaleAfter());
        assertFalse(settings.toString().contains(SECRET), settings.toString());
        assertFalse(settings.toString().contains("apikey"), settings.toString());
    }

    @Test
    void blankValuesCountAsUnset() {
        Settings settings = Settings.fromEnvironment(Map.of("PORT", "", "ADMIN_API_KEY", "  "));
        assertEquals(8080, settings.http().port());
        assertTrue(settings.pool().adminApiKey().isEmpty());
    }

    @Test
    void postgresUrlIsAccepted() {
        Settings settings = Settings.fromEnvironment(Map.of("DATABASE_URL", "postgres://u:pw@db:5432/chill"));
        assertEquals(Engine.POSTGRESQL, settings.storage().databaseUrl().engine());
        assertFalse(settings.toString().contains("pw"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "PORT|http|PORT: expected a whole number from 1 to 65535",
            "PORT|70000|PORT: expected a whole number from 1 to 65535",
            "STREMTHRU_BASE_URL|localhost:8080|STREMTHRU_BASE_URL: expected an absolute http(s) URL",
            "DATABASE_URL|mysql://x|DATABASE_URL: expected postgres://",
            "CHILLSTREAMS_API_URL|ftp://pool|CHILLSTREAMS_API_URL: expected an absolute http(s) URL",
            "ENABLE_CHILLSTREAMS_AUTH|maybe|ENABLE_CHILLSTREAMS_AUTH: expected true or false",
            "ADMIN_API_KEY|short-admin-key|ADMIN_API_KEY: must be at least 32 characters (got 15)",
            "POOL_ENCRYPTION_KEY|not-base64-of-32-bytes|POOL_ENCRYPTION_KEY: expected 32 bytes as base64 or 64 hex digits",
            "TORBOX_MAX_DEVICES_PER_USER|0|TORBOX_MAX_DEVICES_PER_USER: expected a whole number from 1",
            "TRUSTED_PROXIES|10.0.0.0/33|TRUSTED_PROXIES entry \"10.0.0.0/33\": prefix length out of range",
            "TRUSTED_PROXIES|proxy.local|TRUSTED_PROXIES entry \"proxy.local\": not an IP address",
            "TORBOX_API_URL|not a url|TORBOX_API_URL: expected an absolute http(s) URL",
            "TORZNAB_INDEXERS|http://ok/api,jackett|TORZNAB_INDEXERS: entry 2 is not an absolute http(s) URL",
            "POOL_GRANT_TTL|soon|POOL_GRANT_TTL: expected a duration",
            "POOL_HEALTH_CHECK_INTERVAL|0s|POOL_HEALTH_CHECK_INTERVAL: expected a positive duration",
            "MAGNET_UNCACHED_STALE_AFTER|never|MAGNET_UNCACHED_STALE_AFTER: expected a positive duration",
            "STREAM_DEADLINE_MS|-5|STREAM_DEADLINE_MS: expected a whole number",
            "METRICS_TOKEN|tiny-token|METRICS_TOKEN: must be at least 32 characters (got 10)",
            "RATE_LIMIT_USER_RPS|0|RATE_LIMIT_USER_RPS: expected a whole number from 1 to 100000, got '0'",
            "RATE_LIMIT_USER_RPS|2.5|RATE_LIMIT_USER_RPS: expected a whole number from 1 to 100000",
            "RATE_LIMIT_IP_RPS|100001|RATE_LIMIT_IP_RPS: expected a whole number from 1 to 100000",
            "RATE_LIMIT_IP_RPS|lots|RATE_LIMIT_IP_RPS: expected a whole number from 1 to 100000",
            "PROWLARR_URL|http://prowlarr:9696|PROWLARR_URL, PROWLARR_API_KEY: set both or neither",
            "REDIS_URL|http://redis:6379|REDIS_URL: expected redis://",
            "REDIS_URL|redis://redis:6379/cache|REDIS_URL: expected redis://",
            "REDIS_URL|redis:///0|REDIS_URL: expected redis://",
    })
    void badVariableStopsStartUpNamingIt(String name, String value, String expected) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> Settings.fromEnvironment(Map.of(name, value)));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith(expected), e.problems().get(0));
    }

    @Test
    void oneAuthenticationPathMustStayOn() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> Settings.fromEnvironment(
                Map.of("ENABLE_CHILLSTREAMS_AUTH", "false", "ENABLE_LEGACY_TOKENS", "false")));
        assertEquals("ENABLE_CHILLSTREAMS_AUTH, ENABLE_LEGACY_TOKENS: at least one must be true", e.problems().get(0));
        assertFalse(Settings.fromEnvironment(Map.of("ENABLE_LEGACY_TOKENS", "no")).pool().enableLegacyTokens());
    }

    @Test
    void zeroGrantTtlMeansAskThePoolEveryTime() {
        assertEquals(Duration.ZERO, Settings.fromEnvironment(Map.of("POOL_GRANT_TTL", "0")).pool().poolGrantTtl());
        assertEquals(Duration.ZERO, Settings.fromEnvironment(Map.of("POOL_GRANT_TTL", "0s")).pool().poolGrantTtl());
    }

    @Test
    void remotePoolNeedsItsKey() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> Settings.fromEnvironment(Map.of("CHILLSTREAMS_API_URL", "https://pool.example.com")));
        assertEquals("CHILLSTREAMS_API_KEY: required when CHILLSTREAMS_API_URL is set", e.problems().get(0));
    }

    @Test
    void everyProblemIsReportedAtOnceAndNoSecretIsEchoed() {
        String shortSecret = "hunter2-secret";
        String urlWithKey = "jackett?apikey=topsecretvalue";
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> Settings.fromEnvironment(
                Map.of("PORT", "x", "CHILLSTREAMS_API_KEY", shortSecret, "ADMIN_API_KEY", shortSecret,
                        "TORZNAB_INDEXERS", urlWithKey, "DATABASE_URL", "postgres://u:dbpassword@/")));
        assertEquals(5, e.problems().size(), e.problems().toString());
        for (String leaked : new String[] {shortSecret, "topsecretvalue", "dbpassword"}) {
            assertFalse(e.getMessage().contains(leaked), e.getMessage());
        }
    }

    @Test
    void redisUrlIsOptionalAndItsPasswordNeverPrinted() {
        assertTrue(Settings.fromEnvironment(Map.of()).limits().redisUrl().isEmpty());
        Settings shared = Settings.fromEnvironment(Map.of("REDIS_URL", "redis://:r3dis-password@redis.internal:6380/2"));
        assertEquals("redis.internal", shared.limits().redisUrl().orElseThrow().uri().getHost());
        assertTrue(shared.toString().contains("sharedLimits=redis://redis.internal:6380/2"), shared.toString());
        assertFalse(shared.toString().contains("r3dis-password"), shared.toString());
        assertFalse(shared.limits().toString().contains("r3dis-password"), shared.limits().toString());
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> Settings.fromEnvironment(Map.of("REDIS_URL", "http://:r3dis-password@redis.internal")));
        assertFalse(e.getMessage().contains("r3dis-password"), e.getMessage());
    }
}
