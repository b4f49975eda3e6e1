package dev.chillproxy.core.rank;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Refuses the regular-expression shapes that backtrack catastrophically and that StremThru's filter language
 * (Go's RE2 syntax) never accepted anyway: back-references, lookarounds, repetition counts above 1000, and a
 * repeated group that holds a variable repetition, such as {@code (a+)+} or {@code (.*a){20}}. The pattern is
 * already known to compile; this only reads its shape, in one pass. What it cannot see (say {@code .*.*.*x})
 * is stopped by the {@link FilterBudget}. Stateless.
 */
final class RegexGuard {

    static final int MAX_REPEAT = 1_000;

    private RegexGuard() {
    }

    /** The problem with {@code regex}, in words for the user, or empty when its shape is acceptable. */
    static Optional<String> problem(String regex) {
        // per open group: whether it holds a variable repetition (one whose min and max differ)
        Deque<boolean[]> groups = new ArrayDeque<>();
        groups.push(new boolean[1]);
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            boolean group = false;
            boolean inner = false;
            if (c == '\\') {
                char next = i + 1 < regex.length() ? regex.charAt(i + 1) : ' ';
                if (next >= '1' && next <= '9' || next == 'k') {
                    return Optional.of("back-references (\\1, \\k<name>) are not supported");
                }
                if (next == 'Q') {
                    int end = regex.indexOf("\\E", i + 2);
                    i = end < 0 ? regex.length() : end + 2;
                } else if ("pPxN".indexOf(next) >= 0 && regex.startsWith("{", i + 2)) {
                    int end = regex.indexOf('}', i + 2); // \p{L}, \x{263A}: braces that are not a count
                    i = end < 0 ? regex.length() : end + 1;
                } else {
                    i += 2;
                }
            } else if (c == '[') {
                i = classEnd(regex, i);
            } else if (c == '(') {
                if (regex.startsWith("(?=", i) || regex.startsWith("(?!", i) || regex.startsWith("(?<=", i)
                        || regex.startsWith("(?<!", i)) {
                    return Optional.of("lookarounds ((?=, (?!, (?<=, (?<!) are not supported");
                }
                groups.push(new boolean[1]);
                i++;
            } else if (c == ')') {
                inner = groups.size() > 1 ? groups.pop()[0] : false;
                group = true;
                i++;
            } else {
                i++;
            }
            if (c == '\\' || c == '[' || c == ')' || "(|*+?{".indexOf(c) < 0) {
                // an atom ended: a quantifier may follow it
                int[] repeat = new int[2];
                int after = quantifier(regex, i, repeat);
                if (after < 0) {
                    return Optional.of("repetition counts above " + MAX_REPEAT + " are not supported");
                }
                if (after > i) {
                    boolean variable = repeat[0] != repeat[1];
                    if (group && inner && repeat[1] > 1) {
                        return Optional.of("a repeated group may not hold a repetition, as in (a+)+ or (.*x){3}");
                    }
                    groups.peek()[0] |= variable || group && inner;
                    i = after;
                } else if (group && inner) {
                    groups.peek()[0] = true;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a quantifier at {@code at} into {@code repeat} (min, max; max = Integer.MAX_VALUE when unbounded),
     * skipping a lazy or possessive suffix. Returns where it ends ({@code at} when there is none), or -1 when a
     * count is too large.
     */
    private static int quantifier(String regex, int at, int[] repeat) {
        if (at >= regex.length()) {
            return at;
        }
        char c = regex.charAt(at);
        int end;
        if (c == '*' || c == '+' || c == '?') {
            repeat[0] = c == '+' ? 1 : 0;
            repeat[1] = c == '?' ? 1 : Integer.MAX_VALUE;
            end = at + 1;
        } else if (c == '{') {
            int close = regex.indexOf('}', at);
            if (close < 0) {
                return at;
            }
            String[] bounds = regex.substring(at + 1, close).split(",", -1);
            repeat[0] = count(bounds[0]);
            repeat[1] = bounds.length == 1 ? repeat[0] : bounds[1].isEmpty() ? Integer.MAX_VALUE : count(bounds[1]);
            if (repeat[0] < 0 || repeat[1] < 0) {
                return -1;
            }
            end = close + 1;
        } else {
            return at;
        }
        if (end < regex.length() && (regex.charAt(end) == '?' || regex.charAt(end) == '+')) {
            end++;
        }
        return end;
    }

    /** A repetition count, or -1 when it is above {@link #MAX_REPEAT}. */
    private static int count(String digits) {
        String trimmed = digits.trim();
        if (trimmed.length() > 4) {
            return -1;
        }
        try {
            int value = trimmed.isEmpty() ? 0 : Integer.parseInt(trimmed);
            return value > MAX_REPEAT ? -1 : value;
        } catch (NumberFormatException e) {
            return -1; // Pattern.compile accepted it, so this cannot happen; refuse rather than guess
        }
    }

    /** The index after the character class opened at {@code at}, nested classes and escapes included. */
    private static int classEnd(String regex, int at) {
        int depth = 0;
        int i = at;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[') {
                depth++;
                if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                    i++; // a ']' first in a class is a literal
                }
            } else if (c == ']' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return i;
    }
}
