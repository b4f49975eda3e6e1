package dev.chillproxy.core.title;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One regex of the release-name vocabulary and the label its matches stand for. Matches are blanked out of
 * the working text so that later, looser rules cannot match the same characters again (the "handler
 * table" approach). Immutable and thread-safe.
 */
record TokenRule(Rx rx, Function<MatchResult, String> label, Pattern before) {

    TokenRule(Rx rx, Function<MatchResult, String> label) {
        this(rx, label, null);
    }

    /** This rule, matching only where the original text just before the match ends with {@code context}. */
    TokenRule after(Pattern context) {
        return new TokenRule(rx, label, context);
    }

    /** Tokens are delimited by anything that is not an ASCII letter or digit (dots, spaces, brackets...). */
    static final String START = "(?<![A-Za-z0-9])";
    static final String END = "(?![A-Za-z0-9])";

    /** Case-insensitive whole-token rule with a fixed label. */
    static TokenRule of(String regex, String label) {
        return new TokenRule(compile(START + "(?:" + regex + ")" + END, Pattern.CASE_INSENSITIVE), m -> label);
    }

    /** Case-sensitive whole-token rule (for short tokens that are also ordinary words: WEB, TS, CAM). */
    static TokenRule exact(String regex, String label) {
        return new TokenRule(compile(START + "(?:" + regex + ")" + END, 0), m -> label);
    }

    /** Case-insensitive rule that may be followed directly by digits ("DDP5.1", "AAC2.0"). */
    static TokenRule beforeDigits(String regex, String label) {
        return new TokenRule(compile(START + "(?:" + regex + ")(?![A-Za-z])", Pattern.CASE_INSENSITIVE), m -> label);
    }

    /** Case-insensitive whole-token rule whose label is computed from the match. */
    static TokenRule computed(String regex, Function<MatchResult, String> label) {
        return new TokenRule(compile(START + "(?:" + regex + ")" + END, Pattern.CASE_INSENSITIVE), label);
    }

    /** A rule from a complete regex (no token boundaries added). */
    static TokenRule raw(String regex, int flags, Function<MatchResult, String> label) {
        return new TokenRule(compile(regex, flags), label);
    }

    private static Rx compile(String regex, int flags) {
        // Unicode case folding is slow; only patterns with non-ASCII letters need it.
        boolean ascii = regex.chars().allMatch(c -> c < 128);
        return Rx.compile(regex, ascii ? flags : flags | Pattern.UNICODE_CASE);
    }

    /** Finds every match at or after {@code from}, blanks it in {@code text} and returns the hits. */
    List<Hit> take(WorkText text, int from) {
        return take(text, from, text.length(), word -> true);
    }

    /** As {@link #take(WorkText, int)} within [from, to), keeping only matches whose text passes {@code accept}. */
    List<Hit> take(WorkText text, int from, int to, Predicate<String> accept) {
        List<Hit> hits = new ArrayList<>(2);
        Rx.Finder f = rx.finder(text, from);
        while (f.find()) {
            Matcher m = f.match();
            if (m.start() >= to) {
                break;
            }
            if (before != null && !before.matcher(text.original(Math.max(0, m.start() - 8), m.start())).find()) {
                continue;
            }
            if (accept.test(m.group())) {
                hits.add(new Hit(m.start(), m.end(), label.apply(m)));
                text.blank(m.start(), m.end());
            }
        }
        return hits;
    }

    /** Whether this rule matches a stretch of {@code word} that covers {@code index}. */
    boolean covers(String word, int index) {
        Rx.Finder f = rx.finder(word, 0);
        while (f.find()) {
            Matcher m = f.match();
            if (m.start() > index) {
                return false;
            }
            if (index < m.end()) {
                return true;
            }
        }
        return false;
    }
}
