package dev.chillproxy.server.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.chillproxy.chillstreams.db.DatabaseUrl;
import dev.chillproxy.chillstreams.embedded.EmbeddedPool;
import dev.chillproxy.core.client.TrustedProxies;
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
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Set<String> KNOWN = Set.of("PORT", "STREMTHRU_BASE_URL", "DATABASE_URL", "DATA_DIR",
            "CHILLSTREAMS_API_URL", "CHILLSTREAMS_API_KEY", "ENABLE_CHILLSTREAMS_AUTH", "ENABLE_LEGACY_TOKENS", "ADMIN_API_KEY",
            "POOL_ENCRYPTION_KEY", "TORBOX_MAX_DEVICES_PER_USER", "TRUSTED_PROXIES", "TORBOX_API_URL",
            "REALDEBRID_API_URL", "ALLDEBRID_API_URL", "PREMIUMIZE_API_URL", "DEBRIDLINK_API_URL",
            "TORZNAB_INDEXERS", "PROWLARR_URL", "PROWLARR_API_KEY", "POOL_GRANT_TTL", "STREAM_DEADLINE_MS",
            "POOL_HEALTH_CHECK_INTERVAL", "METRICS_TOKEN", "RATE_LIMIT_USER_RPS", "RATE_LIMIT_IP_RPS",
            "MAGNET_CACHED_STALE_AFTER", "MAGNET_UNCACHED_STALE_AFTER", "INTERNAL_RATE_LIMIT_RPS", "ENABLE_P2P",
            "USER_ADDS_PER_HOUR", "LOCAL_URLS_ALLOWED",
            "DEVICE_IDLE_RELEASE", "ANIME_MAPPING_URL");
    // Names sharing these prefixes are probably typos of ours; they get a warning, not a failure.
    private static final List<String> OUR_PREFIXES = List.of("CHILLSTREAMS_", "CHILLPROXY_", "TORBOX_", "POOL_",
            "PROWLARR_", "TORZNAB_", "REALDEBRID_", "ALLDEBRID_", "PREMIUMIZE_", "DEBRIDLINK_", "ENABLE_",
            "RATE_LIMIT_", "MAGNET_", "INTERNAL_", "LOCAL_", "USER_", "DEVICE_", "STREMTHRU_");

    private final Map<String, String> environment;
    private final List<String> problems = new ArrayList<>();

    SettingsReader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    Settings read() {
        warnAboutUnknownNames();
        int port = integer("PORT", 8080, 1, 65_535);
        URI baseUrl = url("STREMTHRU_BASE_URL").orElse(URI.create("http://localhost:" + port));
        Path dataDir = path("DATA_DIR", "./data");
        DatabaseUrl databaseUrl = database(dataDir);
        Optional<URI> chillstreamsUrl = url("CHILLSTREAMS_API_URL");
        Optional<ApiKey> chillstreamsKey = secret("CHILLSTREAMS_API_KEY", MIN_SECRET_LENGTH);
        if (chillstreamsUrl.isPresent() && chillstreamsKey.isEmpty() && value("CHILLSTREAMS_API_KEY").isEmpty()) {
            problems.add("CHILLSTREAMS_API_KEY: required when CHILLSTREAMS_API_URL is set");
        }
        Optional<URI> prowlarrUrl = url("PROWLARR_URL");
        Optional<ApiKey> prowlarrKey = secret("PROWLARR_API_KEY", 1);
        if (prowlarrUrl.isPresent() != value("PROWLARR_API_KEY").isPresent()) {
            problems.add("PROWLARR_URL, PROWLARR_API_KEY: set both or neither");
        }
        boolean poolAuth = bool("ENABLE_CHILLSTREAMS_AUTH", true);
        boolean legacyTokens = bool("ENABLE_LEGACY_TOKENS", true);
        if (!poolAuth && !legacyTokens) {
            problems.add("ENABLE_CHILLSTREAMS_AUTH, ENABLE_LEGACY_TOKENS: at least one must be true");
        }
        Settings settings = new Settings(
                port,
                baseUrl,
                dataDir,
                databaseUrl,
                chillstreamsUrl,
                chillstreamsKey,
                poolAuth,
                legacyTokens,
                secret("ADMIN_API_KEY", MIN_SECRET_LENGTH),
                encryptionKey("POOL_ENCRYPTION_KEY"),
                integer("TORBOX_MAX_DEVICES_PER_USER", 3, 1, 1_000),
                trustedProxies("TRUSTED_PROXIES"),
                new StoreEndpoints(
                        urlOr("TORBOX_API_URL", StoreEndpoints.TORBOX).toString(),
                        urlOr("REALDEBRID_API_URL", StoreEndpoints.REALDEBRID).toString(),
                        urlOr("ALLDEBRID_API_URL", StoreEndpoints.ALLDEBRID).toString(),
                        urlOr("PREMIUMIZE_API_URL", StoreEndpoints.PREMIUMIZE).toString(),
                        urlOr("DEBRIDLINK_API_URL", StoreEndpoints.DEBRIDLINK).toString()),
                urls("TORZNAB_INDEXERS"),
                prowlarrUrl,
                prowlarrKey,
                duration("POOL_GRANT_TTL", Duration.ofSeconds(30), true),
                Duration.ofMillis(integer("STREAM_DEADLINE_MS", 5_000, 100, 120_000)),
                duration("POOL_HEALTH_CHECK_INTERVAL", Duration.ofMinutes(10)),
                secret("METRICS_TOKEN", MIN_SECRET_LENGTH),
                integer("RATE_LIMIT_USER_RPS", 10, 1, 100_000),
                integer("RATE_LIMIT_IP_RPS", 50, 1, 100_000),
                duration("MAGNET_CACHED_STALE_AFTER", Duration.ofHours(24)),
                duration("MAGNET_UNCACHED_STALE_AFTER", Duration.ofHours(8)),
                integer("INTERNAL_RATE_LIMIT_RPS", 100, 1, 1_000_000),
                // p2p needs no credential: off by default where the pool stands for who may use this server
                bool("ENABLE_P2P", !poolAuth),
                integer("USER_ADDS_PER_HOUR", 10, 1, 10_000),
                urls("LOCAL_URLS_ALLOWED"),
                duration("DEVICE_IDLE_RELEASE", EmbeddedPool.DEFAULT_DEVICE_IDLE_RELEASE),
                // set but empty turns the mapping off; unset means the public list
                environment.containsKey("ANIME_MAPPING_URL") ? url("ANIME_MAPPING_URL") : Optional.of(URI.create(ANIME_LIST)));
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return settings;
    }

    private void warnAboutUnknownNames() {
        environment.keySet().stream()
                .filter(name -> !KNOWN.contains(name) && OUR_PREFIXES.stream().anyMatch(name::startsWith))
                .sorted()
                .forEach(name -> LOG.warn("{}: unknown variable, ignored (a typo?)", name));
    }

    private Optional<String> value(String name) {
        String raw = environment.get(name);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
    }

    private int integer(String name, int fallback, int min, int max) {
        Optional<String> raw = value(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(raw.get());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + ": expected a whole number from " + min + " to " + max + ", got '" + raw.get() + "'");
        return fallback;
    }

    private boolean bool(String name, boolean fallback) {
        Optional<String> raw = value(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": case "on":
                return true;
            case "false": case "0": case "no": case "off":
                return false;
            default:
                problems.add(name + ": expected true or false, got '" + raw.get() + "'");
                return fallback;
        }
    }

    private Optional<URI> url(String name) {
        Optional<String> raw = value(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Optional<URI> parsed = parseUrl(raw.get());
        if (parsed.isEmpty()) {
            // the URL may hold credentials or an apikey, so it is not echoed
            problems.add(name + ": expected an absolute http(s) URL with a host");
        }
        return parsed;
    }

    private URI urlOr(String name, String fallback) {
        return url(name).orElse(URI.create(fallback));
    }

    private List<URI> urls(String name) {
        Optional<String> raw = value(name);
        List<URI> result = new ArrayList<>();
        if (raw.isEmpty()) {
            return result;
        }
        String[] parts = raw.get().split(",");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                continue;
            }
            Optional<URI> parsed = parseUrl(parts[i].trim());
            if (parsed.isPresent()) {
                result.add(parsed.get());
            } else {
                problems.add(name + ": entry " + (i + 1) + " is not an absolute http(s) URL with a host");
            }
        }
        return result;
    }

    private static Optional<URI> parseUrl(String raw) {
        try {
            URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // invalid; caller reports
        }
        return Optional.empty();
    }

    private Path path(String name, String fallback) {
        String raw = value(name).orElse(fallback);
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            problems.add(name + ": not a valid path: " + e.getReason());
            return Path.of(fallback);
        }
    }

    private DatabaseUrl database(Path dataDir) {
        String raw = value("DATABASE_URL").orElse("sqlite:" + dataDir.resolve("chillproxy.db"));
        try {
            return DatabaseUrl.parse(raw);
        } catch (IllegalArgumentException e) {
            // DatabaseUrl's messages start with the variable name and never echo the password
            problems.add(e.getMessage());
            return DatabaseUrl.parse("sqlite:" + dataDir.resolve("chillproxy.db"));
        }
    }

    private Optional<ApiKey> secret(String name, int minLength) {
        Optional<String> raw = value(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        if (raw.get().length() < minLength) {
            problems.add(name + ": must be at least " + minLength + " characters (got " + raw.get().length() + ")");
            return Optional.empty();
        }
        return Optional.of(ApiKey.of(raw.get()));
    }

    private Optional<ApiKey> encryptionKey(String name) {
        Optional<String> raw = value(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        if (!GeneratedSecrets.isEncryptionKey(raw.get())) {
            problems.add(name + ": expected 32 bytes as base64 or 64 hex digits (AES-256)");
            return Optional.empty();
        }
        return Optional.of(ApiKey.of(raw.get()));
    }

    private Duration duration(String name, Duration fallback) {
        return duration(name, fallback, false);
    }

    /** @param zeroAllowed {@code 0} (or {@code 0s}) is a meaningful value, e.g. "never cache" */
    private Duration duration(String name, Duration fallback, boolean zeroAllowed) {
        Optional<String> raw = value(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        Duration parsed = zeroAllowed && raw.get().equals("0") ? Duration.ZERO : parseDuration(raw.get());
        if (parsed == null || (parsed.isZero() && !zeroAllowed) || parsed.isNegative()) {
            problems.add(name + ": expected a " + (zeroAllowed ? "" : "positive ")
                    + "duration like 500ms, 30s, 10m, 1h or PT30S, got '" + raw.get() + "'");
            return fallback;
        }
        return parsed;
    }

    private static Duration parseDuration(String raw) {
        Matcher matcher = DURATION.matcher(raw.toLowerCase(Locale.ROOT));
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                switch (matcher.group(2)) {
                    case "ms": return Duration.ofMillis(amount);
                    case "s": return Duration.ofSeconds(amount);
                    case "m": return Duration.ofMinutes(amount);
                    case "h": return Duration.ofHours(amount);
                    default: return Duration.ofDays(amount);
                }
            }
            return Duration.parse(raw.toUpperCase(Locale.ROOT));
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            return null;
        }
    }

    private TrustedProxies trustedProxies(String name) {
        try {
            return TrustedProxies.parse(value(name).orElse(""));
        } catch (IllegalArgumentException e) {
            // the parser names the variable and the entry; entries are addresses, not secrets
            problems.add(e.getMessage());
            return TrustedProxies.none();
        }
    }
}
