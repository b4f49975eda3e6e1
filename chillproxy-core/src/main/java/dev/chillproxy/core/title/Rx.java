package dev.chillproxy.core.title;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled pattern plus the characters a match can start with, derived from the pattern itself. Every Rx
 * is registered; for each pair of characters a name can hold, the set of patterns that may start there is
 * computed once and cached ({@link #startersAt}). A scan over a {@link WorkText} then skips patterns that
 * cannot start anywhere in the name and tries the others only where they may start, which keeps about a
 * hundred vocabulary patterns per name cheap. Thread-safe: the caches hold values any thread computes alike.
 */
final class Rx {

    /** Characters beyond Latin and Cyrillic letters that patterns may start with or that stand for the rest. */
    private static final String SAMPLE_OTHER = "–—【】×№Ⅱ字ア";
    private static final String[] PREFIXES = {"", " ", "_", ".", "-", "["};
    private static final List<Rx> ALL = new ArrayList<>();
    /**
     * Keys: an ASCII pair c<<7|next; 16384 + c for an ASCII char before the end or a non-ASCII char; 16512 + c - 128
     * for a Latin-1, Latin Extended or Cyrillic char (each tested on its own); {@link #OTHER} for any other char.
     */
    private static final int LETTERS_END = 0x530;
    private static final int OTHER = 128 * 128 + 128 + LETTERS_END - 128;
    private static final int KEYS = OTHER + 1;
    private static final AtomicReferenceArray<long[]> STARTERS = new AtomicReferenceArray<>(KEYS);

    private final Pattern pattern;
    private final int index;
    private final long low;
    private final long high;
    private final boolean nonAscii;
    /** No start character could be derived (the pattern needs text before it): try every position. */
    private final boolean anywhere;
    /** The pattern opens with "not after an ASCII letter or digit": only word starts can begin a match. */
    private final boolean wordStart;

    private Rx(Pattern pattern) {
        this.pattern = pattern;
        long lo = 0;
        long hi = 0;
        for (char c = 0; c < 128; c++) {
            if (canStartWith(pattern, String.valueOf(c))) {
                if (c < 64) {
                    lo |= 1L << c;
                } else {
                    hi |= 1L << (c - 64);
                }
            }
        }
        boolean any = false;
        for (int i = 0; !any && i < SAMPLE_OTHER.length(); i++) {
            any = canStartWith(pattern, String.valueOf(SAMPLE_OTHER.charAt(i)));
        }
        anywhere = lo == 0 && hi == 0;
        low = anywhere ? -1L : lo;
        high = anywhere ? -1L : hi;
        nonAscii = any || anywhere;
        wordStart = pattern.pattern().startsWith(TokenRule.START);
        synchronized (ALL) {
            index = ALL.size();
            ALL.add(this);
        }
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

    int index() {
        return index;
    }

    Finder finder(CharSequence text, int from) {
        return new Finder(this, text, from);
    }

    /** The key of the character pair at a position (see {@link #KEYS}). */
    static int key(char c, char next, boolean atEnd) {
        if (c >= 128) {
            return c < LETTERS_END ? 128 * 128 + c : OTHER;
        }
        return atEnd || next >= 128 ? 128 * 128 + c : c << 7 | next;
    }

    /** Bit set (after a leading count) of the patterns that may start at a position with this key. */
    static long[] startersAt(int key) {
        long[] cached = STARTERS.get(key);
        int count = ALL.size();
        if (cached != null && cached[0] == count) {
            return cached;
        }
        long[] bits = new long[2 + count / 64];
        bits[0] = count;
        for (int i = 0; i < count; i++) {
            Rx rx;
            synchronized (ALL) {
                rx = ALL.get(i);
            }
            if (rx.mayStart(key)) {
                bits[1 + (i >>> 6)] |= 1L << (i & 63);
            }
        }
        STARTERS.set(key, bits);
        return bits;
    }

    static boolean has(long[] bits, int index) {
        int word = 1 + (index >>> 6);
        return word < bits.length && (bits[word] >>> (index & 63) & 1) != 0;
    }

    private boolean mayStart(int key) {
        if (key == OTHER) {
            return nonAscii;
        }
        if (key >= 128 * 128 + 128) {
            return anywhere || canStartWith(pattern, String.valueOf((char) (key - 128 * 128)));
        }
        char c = (char) (key >= 128 * 128 ? key - 128 * 128 : key >>> 7);
        boolean first = c < 64 ? (low >>> c & 1) != 0 : (high >>> (c - 64) & 1) != 0;
        if (!first || anywhere || key >= 128 * 128) {
            return first;
        }
        return canStartWith(pattern, String.valueOf(new char[] {c, (char) (key & 127)}));
    }

    private boolean canStart(char c) {
        if (c >= 128) {
            return c < LETTERS_END || nonAscii;
        }
        return c < 64 ? (low >>> c & 1) != 0 : (high >>> (c - 64) & 1) != 0;
    }

    /** Whether some text could start with {@code start} and go on into a match (or be one). */
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

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** Finds successive matches like {@link Matcher#find()}, trying only plausible start positions. */
    static final class Finder {
        private final Rx rx;
        private final CharSequence text;
        private final WorkText work;
        private Matcher matcher;
        private int position;
        /** Start attempts so far; past a few, one plain find() per match is cheaper than a reset per attempt. */
        private int attempts;
        /** Whether the matcher's own scan resumes exactly at {@link #position}. */
        private boolean resumable;

        private Finder(Rx rx, CharSequence text, int from) {
            this.rx = rx;
            this.text = text;
            this.work = text instanceof WorkText w ? w : null;
            this.position = Math.max(0, Math.min(from, text.length()));
        }

        boolean find() {
            int end = text.length();
            if (work != null && !work.mayStart(rx.index)) {
                position = end;
                return false;
            }
            int scanned = 0;
            for (; position < end; position++) {
                scanned++;
                if (work != null ? !has(work.startersAt(position), rx.index) : !rx.canStart(text.charAt(position))) {
                    continue;
                }
                if (rx.wordStart && position > 0 && isWordChar(text.charAt(position - 1))) {
                    continue;
                }
                if (matcher == null) {
                    matcher = rx.pattern.matcher(text);
                    matcher.useTransparentBounds(true);
                    matcher.useAnchoringBounds(false);
                }
                if (++attempts > 4) {
                    return scanOn(end, scanned);
                }
                matcher.region(position, end);
                resumable = false;
                if (matcher.lookingAt()) {
                    position = Math.max(matcher.end(), position + 1);
                    count(scanned);
                    return true;
                }
            }
            count(scanned);
            return false;
        }

        /** Many candidates: let the matcher scan on its own from {@link #position}. */
        private boolean scanOn(int end, int scanned) {
            if (!resumable || matcher.end() != position) {
                matcher.region(position, end);
            }
            boolean found = matcher.find();
            count(scanned + (found ? matcher.end() : end) - position);
            position = found ? Math.max(matcher.end(), matcher.start() + 1) : end;
            resumable = found && position == matcher.end();
            return found;
        }

        private void count(int scanned) {
            if (work != null) {
                work.count(scanned);
            }
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
