package dev.chillproxy.core.title;

import java.util.regex.Pattern;

/**
 * Cleans the stretch of a name that holds the title: separators to spaces, CJK banners and original-language
 * titles before a "/" dropped when a Latin title follows, tags and country marks after the title dropped.
 * Constants only; thread-safe.
 */
final class TitleText {

    private static final Pattern VERSION_DOT = Pattern.compile("(?<![0-9])([0-9])\\.(?=0(?![0-9]))");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern TRAILING_JUNK = Pattern.compile(
            "(?:[ ._-]+(?:US|UK|HD|\\(US\\)|\\(UK\\))|[ ._-]+-)+$");
    private static final Pattern TRAILING_3D = Pattern.compile("[ ._-]+3D$");
    private static final Pattern LEADING_YEAR = Pattern.compile("^\\(?((?:19|20)\\d\\d)\\)?[ ._-]+(?=\\p{L})");
    private static final String EDGE_JUNK = " -–—:([{,.~/|+_*]";
    private static final Pattern CYRILLIC_ASIDE = Pattern.compile("\\([^()]*\\p{IsCyrillic}[^()]*\\)");
    private static final Pattern LATIN_ASIDE = Pattern.compile("\\(([\\p{IsLatin}0-9 .,'&:!-]{3,})\\)");

    private TitleText() {
    }

    static String clean(String segment, boolean threeD) {
        String t = segment;
        if (hasScript(t, Character.UnicodeScript.HAN) || hasScript(t, Character.UnicodeScript.HIRAGANA)
                || hasScript(t, Character.UnicodeScript.KATAKANA)) {
            t = latinPart(t);
        } else if (hasScript(t, Character.UnicodeScript.CYRILLIC)) {
            t = cyrillicAside(t);
        }
        if (t.indexOf('/') > 0 && hasScript(t, Character.UnicodeScript.CYRILLIC)) {
            for (String part : t.split("/")) {
                if (!hasScript(part, Character.UnicodeScript.CYRILLIC) && part.chars().anyMatch(Character::isLetter)) {
                    t = part;
                    break;
                }
            }
        }
        int bracket = t.indexOf('[', 1);
        if (bracket > 0 && t.substring(0, bracket).chars().anyMatch(Character::isLetterOrDigit)) {
            t = t.substring(0, bracket);
        }
        int brace = t.indexOf('{', 1);
        if (brace > 0) {
            t = t.substring(0, brace);
        }
        t = t.replace('_', ' ').strip();
        if (t.indexOf(' ') < 0) {
            // "COMPASS2.0", "M3GAN.2.0": a version number keeps its dot.
            t = VERSION_DOT.matcher(t).replaceAll("$1\u0000").replace('.', ' ').replace('\u0000', '.');
        }
        t = SPACES.matcher(t.replace("()", " ").replace("[]", " ")).replaceAll(" ");
        t = edges(t);
        // Only the tail can hold country tags; matching there keeps this linear on long names.
        int tail = Math.max(0, t.length() - 48);
        t = edges(t.substring(0, tail) + TRAILING_JUNK.matcher(t.substring(tail)).replaceAll(""));
        if (threeD) {
            t = edges(TRAILING_3D.matcher(t).replaceAll(""));
        }
        return t.isEmpty() ? edges(SPACES.matcher(segment).replaceAll(" ")) : t;
    }

    /**
     * A Russian title with the original in parentheses ("О мышах и людях (Of Mice and Men)") gives the original;
     * parenthesised Cyrillic asides (cast lists) are dropped.
     */
    private static String cyrillicAside(String t) {
        var latin = LATIN_ASIDE.matcher(t);
        if (t.indexOf('/') < 0 && latin.find() && latin.group(1).chars().anyMatch(Character::isLetter)) {
            return latin.group(1);
        }
        return CYRILLIC_ASIDE.matcher(t).replaceAll(" ");
    }

    /** The year opening a title that has no other year ("2008 The Incredible Hulk"), or 0. */
    static int leadingYear(String title) {
        var m = LEADING_YEAR.matcher(title);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The title without its opening year (see {@link #leadingYear}). */
    static String withoutLeadingYear(String title) {
        return LEADING_YEAR.matcher(title).replaceFirst("").strip();
    }

    private static String edges(String t) {
        int a = 0;
        int b = t.length();
        while (a < b && EDGE_JUNK.indexOf(t.charAt(a)) >= 0 && t.charAt(a) != '(') {
            a++;
        }
        while (b > a && EDGE_JUNK.indexOf(t.charAt(b - 1)) >= 0) {
            b--;
        }
        return t.substring(a, b);
    }

    /** The last bracketed piece (or run) of Latin text in a name that mixes CJK and Latin titles. */
    private static String latinPart(String t) {
        String best = "";
        for (String piece : t.split("[\\[\\]【】]")) {
            StringBuilder latin = new StringBuilder();
            for (int i = 0; i < piece.length(); i++) {
                char c = piece.charAt(i);
                Character.UnicodeScript s = Character.UnicodeScript.of(c);
                boolean cjk = s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                        || s == Character.UnicodeScript.KATAKANA || c >= 0x3000 && c < 0x3100 || c >= 0xFF00;
                latin.append(cjk ? ' ' : c);
            }
            String candidate = latin.toString().strip();
            long letters = candidate.chars().filter(c -> c < 0x250 && Character.isLetter(c)).count();
            if (letters >= 2 && !piece.chars().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                best = candidate;
            } else if (letters >= 2 && best.isEmpty()) {
                best = candidate;
            }
        }
        return best.isEmpty() ? t : best;
    }

    private static boolean hasScript(String t, Character.UnicodeScript script) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= 0x0400 && Character.UnicodeScript.of(c) == script) {
                return true;
            }
        }
        return false;
    }
}
