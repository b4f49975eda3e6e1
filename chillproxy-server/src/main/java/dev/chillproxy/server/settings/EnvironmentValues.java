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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.chillproxy.chillstreams.db.DatabaseUrl;
import dev.chillproxy.core.client.TrustedProxies;
import dev.chillproxy.core.secret.ApiKey;

/**
 * Reads one environment variable at a time as a typed value, noting a problem (by name, never the value of a
 * secret) instead of failing, so an operator sees every bad variable at once. Blank counts as unset. Not thread-safe.
 */
final class EnvironmentValues {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(b|kb|mb|gb|tb)?");

    private final Map<String, String> environment;
    private final List<String> problems = new ArrayList<>();

    EnvironmentValues(Map<String, String> environment) {
        this.environment = environment;
    }

    void problem(String message) {
        problems.add(message);
    }

    /** @throws InvalidSettingsException with every problem noted so far */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    Optional<String> value(String name) {
        String raw = environment.get(name);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.trim());
    }

    int integer(String name, int fallback, int min, int max) {
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

    /** An IP address literal (IPv4 or IPv6); a host name is refused, so reading it never asks DNS. */
    String ipAddress(String name, String fallback) {
        Optional<String> raw = value(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        String text = raw.get();
        if (IPV4.matcher(text).matches() || text.contains(":")) {
            try {
                return java.net.InetAddress.getByName(text).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                // reported below
            }
        }
        problems.add(name + ": expected an IP address such as 0.0.0.0 or 127.0.0.1, got '" + text + "'");
        return fallback;
    }

    boolean bool(String name, boolean fallback) {
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

    Optional<URI> url(String name) {
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

    URI urlOr(String name, String fallback) {
        return url(name).orElse(URI.create(fallback));
    }

    List<URI> urls(String name) {
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

    Path path(String name, String fallback) {
        String raw = value(name).orElse(fallback);
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            problems.add(name + ": not a valid path: " + e.getReason());
            return Path.of(fallback);
        }
    }

    DatabaseUrl database(Path dataDir) {
        String raw = value("DATABASE_URL").orElse("sqlite:" + dataDir.resolve("chillproxy.db"));
        try {
            return DatabaseUrl.parse(raw);
        } catch (IllegalArgumentException e) {
            // DatabaseUrl's messages start with the variable name and never echo the password
            problems.add(e.getMessage());
            return DatabaseUrl.parse("sqlite:" + dataDir.resolve("chillproxy.db"));
        }
    }

    Optional<ApiKey> secret(String name, int minLength) {
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

    Optional<ApiKey> encryptionKey(String name) {
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

    Duration duration(String name, Duration fallback) {
        return duration(name, fallback, false);
    }

    /** @param zeroAllowed {@code 0} (or {@code 0s}) is a meaningful value, e.g. "never cache" */
    Duration duration(String name, Duration fallback, boolean zeroAllowed) {
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

    /** A positive duration, or empty when unset (the feature it controls is off). */
    Optional<Duration> optionalDuration(String name) {
        return value(name).isEmpty() ? Optional.empty() : Optional.of(duration(name, Duration.ZERO));
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

    /** A positive size: bytes, or with a decimal unit ({@code 500MB}, {@code 200GB}, {@code 1TB}). */
    long bytes(String name, long fallback) {
        Optional<String> raw = value(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        Matcher matcher = SIZE.matcher(raw.get().toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long unit = switch (matcher.group(2) == null ? "b" : matcher.group(2)) {
                case "kb" -> 1_000L;
                case "mb" -> 1_000_000L;
                case "gb" -> 1_000_000_000L;
                case "tb" -> 1_000_000_000_000L;
                default -> 1L;
            };
            long amount = Long.parseLong(matcher.group(1));
            if (amount > 0 && amount <= Long.MAX_VALUE / unit) {
                return amount * unit;
            }
        }
        problems.add(name + ": expected a positive size like 500MB, 200GB or 1TB, got '" + raw.get() + "'");
        return fallback;
    }

    TrustedProxies trustedProxies(String name) {
        try {
            return TrustedProxies.parse(value(name).orElse(""));
        } catch (IllegalArgumentException e) {
            // the parser names the variable and the entry; entries are addresses, not secrets
            problems.add(e.getMessage());
            return TrustedProxies.none();
        }
    }
}
