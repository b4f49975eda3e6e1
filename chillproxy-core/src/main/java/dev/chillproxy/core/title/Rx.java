package dev.chillproxy.core.title;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled pattern plus the characters a match can start with, derived once from the pattern itself. Scans
 * try the pattern only where such a character stands ({@link Finder}), which is what keeps about a hundred
 * vocabulary patterns per name cheap: most never get past their first character. Immutable and thread-safe.
 */
final class Rx {

    private static final String SAMPLE_NON_ASCII = "éÉСсеЕёªº°–—【】×х№ⅡÂ字";
    private static final String[] PREFIXES = {"", " ", "_", ".", "-", "["};

    private final Pattern pattern;
    private final long low;
    private final long high;
    private final boolean nonAscii;

    private Rx(Pattern pattern) {
        this.pattern = pattern;
        long lo = 0;
        long hi = 0;
        for (char c = 0; c < 128; c++) {
            if (canStartWith(pattern, c)) {
                if (c < 64) {
                    lo |= 1L << c;
                } else {
                    hi |= 1L << (c - 64);
                }
            }
        }
        boolean any = pattern.pattern().chars().anyMatch(c -> c >= 128);
        for (int i = 0; !any && i < SAMPLE_NON_ASCII.length(); i++) {
            any = canStartWith(pattern, SAMPLE_NON_ASCII.charAt(i));
        }
        low = lo;
        high = hi;
        nonAscii = any;
    }

    static Rx compile(String regex, int flags) {
        return new Rx(Pattern.compile(regex, flags));
    }

    Pattern pattern() {
        return pattern;
    }

    boolean canStart(char c) {
        if (c < 64) {
            return (low >>> c & 1) != 0;
        }
        return c < 128 ? (high >>> (c - 64) & 1) != 0 : nonAscii;
    }

    Finder finder(CharSequence text, int from) {
        return new Finder(this, text, from);
    }

    private static boolean canStartWith(Pattern pattern, char c) {
        for (String prefix : PREFIXES) {
            String sample = prefix + c;
            Matcher m = pattern.matcher(sample);
            m.region(prefix.length(), sample.length());
            m.useTransparentBounds(true);
            m.useAnchoringBounds(false);
            if (m.lookingAt() || m.hitEnd()) {
                return true;
            }
        }
        return false;
    }

    /** Finds successive matches like {@link Matcher#find()}, trying only plausible start positions. */
    static final class Finder {
        private final Rx rx;
        private final CharSequence text;
        private final Matcher matcher;
        private int position;

        private Finder(Rx rx, CharSequence text, int from) {
            this.rx = rx;
            this.text = text;
            this.matcher = rx.pattern.matcher(text);
            matcher.useTransparentBounds(true);
            matcher.useAnchoringBounds(false);
            this.position = Math.max(0, Math.min(from, text.length()));
        }

        boolean find() {
            int end = text.length();
            for (; position < end; position++) {
                if (rx.canStart(text.charAt(position))) {
                    matcher.region(position, end);
                    if (matcher.lookingAt()) {
                        position = Math.max(matcher.end(), position + 1);
                        return true;
                    }
                }
            }
            return false;
        }

        /** The last match; valid after {@link #find()} returned true. */
        Matcher match() {
            return matcher;
        }

        /** Continues the scan at {@code next} (after a caller consumed more text than the match). */
        void skipTo(int next) {
            position = Math.max(position, next);
        }
    }
}
