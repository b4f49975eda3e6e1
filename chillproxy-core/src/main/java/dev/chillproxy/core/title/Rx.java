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
    /**
     * Whether a match can start with an ASCII pair of characters: 0 not yet known, 1 yes, 2 no. Filled lazily;
     * racing threads compute the same answer, so plain byte writes are safe.
     */
    private final byte[] pairs = new byte[128 * 128];
    /** The pattern opens with "not after an ASCII letter or digit": only word starts can begin a match. */
    private final boolean wordStart;
    /** No start character could be derived (the pattern needs text before it): try every position. */
    private final boolean anywhere;

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
        anywhere = lo == 0 && hi == 0;
        if (anywhere) {
            // A pattern that only matches after particular text (a lookbehind on a word) is tried everywhere.
            lo = -1L;
            hi = -1L;
            any = true;
        }
        low = lo;
        high = hi;
        nonAscii = any;
        wordStart = pattern.pattern().startsWith(TokenRule.START);
    }

    /** Compiles {@code regex}; case-insensitive patterns with non-ASCII letters fold Unicode case too. */
    static Rx compile(String regex, int flags) {
        boolean ascii = regex.chars().allMatch(c -> c < 128);
        boolean folding = (flags & Pattern.CASE_INSENSITIVE) != 0 && !ascii;
        return new Rx(Pattern.compile(regex, folding ? flags | Pattern.UNICODE_CASE : flags));
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

    /** As {@link #canStart(char)}, also knowing the character after it (two-character prefilter). */
    boolean canStart(char c, char next) {
        if (!canStart(c)) {
            return false;
        }
        if (anywhere || c >= 128 || next >= 128) {
            return true;
        }
        int key = c << 7 | next;
        byte known = pairs[key];
        if (known == 0) {
            known = canStartWith(pattern, String.valueOf(new char[] {c, next})) ? (byte) 1 : (byte) 2;
            pairs[key] = known;
        }
        return known == 1;
    }

    private static boolean canStartWith(Pattern pattern, char c) {
        return canStartWith(pattern, String.valueOf(c));
    }

    private static boolean canStartWith(Pattern pattern, String start) {
        for (String prefix : PREFIXES) {
            String sample = prefix + start;
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
        private Matcher matcher;
        private int position;

        private Finder(Rx rx, CharSequence text, int from) {
            this.rx = rx;
            this.text = text;
            this.position = Math.max(0, Math.min(from, text.length()));
        }

        boolean find() {
            int end = text.length();
            boolean afterWordChar = position > 0 && isWordChar(text.charAt(position - 1));
            for (; position < end; position++) {
                char c = text.charAt(position);
                boolean skip = rx.wordStart && afterWordChar;
                afterWordChar = isWordChar(c);
                if (!skip && (position + 1 < end ? rx.canStart(c, text.charAt(position + 1)) : rx.canStart(c))) {
                    if (matcher == null) {
                        matcher = rx.pattern.matcher(text);
                        matcher.useTransparentBounds(true);
                        matcher.useAnchoringBounds(false);
                    }
                    matcher.region(position, end);
                    if (matcher.lookingAt()) {
                        position = Math.max(matcher.end(), position + 1);
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean isWordChar(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
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
