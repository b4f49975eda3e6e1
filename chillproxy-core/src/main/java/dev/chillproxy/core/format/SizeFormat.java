package dev.chillproxy.core.format;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts as StremThru shows them: binary multiples (1 KB = 1,024 bytes) written with a plain
 * {@code B} suffix, the way go-humanize's {@code IBytes} output reads once "iB" becomes "B".
 *
 * <p>Rendering rules, which the stream description and the filter share:
 * <ul>
 *   <li>below 10 bytes: the integer and {@code " B"} ("7 B");</li>
 *   <li>otherwise the largest unit not above the value (B, KB, MB, GB, TB, PB, EB), the value rounded
 *       half-up to one decimal, printed with one decimal when below 10 and none otherwise:
 *       1,536 → "1.5 KB", 83,968 → "82 KB", 2,684,354,560 → "2.5 GB", 1,048,575 → "1024 KB".</li>
 * </ul>
 * The unit is chosen with integer arithmetic, so exact powers of 1,024 never fall one unit short.
 *
 * <p>{@link #parse(String)} reads sizes users type in filters ("10GB", "1.5 GiB", "700 mb", "123"):
 * every unit is binary, whether written "GB" or "GiB", so a filter means what the description shows.
 *
 * <p>Stateless and thread-safe.
 */
public final class SizeFormat {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB", "EB"};
    private static final Pattern SIZE = Pattern.compile(
            "\\s*(\\d{1,19}(?:\\.\\d{1,9})?)\\s*(?:([kmgtpe])(?:i?b)?|(b))?\\s*", Pattern.CASE_INSENSITIVE);

    private SizeFormat() {
    }

    /** The display form of {@code bytes}; negative values are treated as 0. */
    public static String of(long bytes) {
        if (bytes < 10) {
            return Math.max(bytes, 0) + " B";
        }
        int exponent = 0;
        while (exponent < UNITS.length - 1 && (bytes >>> (10 * (exponent + 1))) != 0) {
            exponent++;
        }
        double value = Math.floor(bytes / Math.pow(1024, exponent) * 10 + 0.5) / 10;
        String pattern = value < 10 ? "%.1f %s" : "%.0f %s";
        return String.format(Locale.ROOT, pattern, value, UNITS[exponent]);
    }

    /**
     * The number of bytes a typed size means, or empty when the text is not a size. A bare number is
     * bytes; units are case-insensitive and binary ("1 KB" = "1 KiB" = 1,024). Results beyond
     * {@link Long#MAX_VALUE} saturate.
     */
    public static OptionalLong parse(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        Matcher matcher = SIZE.matcher(text);
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        double number = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2);
        int exponent = unit == null ? 0 : "kmgtpe".indexOf(Character.toLowerCase(unit.charAt(0))) + 1;
        double bytes = Math.floor(number * Math.pow(1024, exponent));
        return OptionalLong.of(bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) bytes);
    }
}
