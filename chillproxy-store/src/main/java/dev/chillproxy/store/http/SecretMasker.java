package dev.chillproxy.store.http;

import dev.chillproxy.core.secret.ApiKey;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in anything that may be logged or put into an error: query parameters {@code token},
 * {@code apikey}, {@code api_key}, {@code key}, {@code agent}, {@code auth_token}, bearer values, and the
 * literal key of the current call wherever it appears (an upstream may echo it back in a message).
 */
public final class SecretMasker {

    private static final Pattern QUERY_SECRET = Pattern.compile(
            "(?i)([?&;\\s\"']|^)(token|apikey|api_key|key|agent|auth_token|store_token)=([^&\\s\"'<>#]+)");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+");
    private static final String HIDDEN = "***";

    private SecretMasker() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = QUERY_SECRET.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + m.group(2) + "=" + HIDDEN));
        return BEARER.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + HIDDEN));
    }

    /** Masks patterns and, in addition, every literal occurrence of {@code key}. */
    public static String mask(String text, ApiKey key) {
        String masked = mask(text);
        if (masked == null || key == null) {
            return masked;
        }
        return masked.replace(key.reveal(), key.masked());
    }
}
