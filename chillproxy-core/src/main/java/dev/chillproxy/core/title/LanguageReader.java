package dev.chillproxy.core.title;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the languages of a name in one pass over its words (plus a few phrase patterns), deciding per word
 * whether it is a language mark or an ordinary word: inside the title only release-style words count
 * ("FRENCH", "VOSTFR", not "The French Connection"), codes count next to other language words ("Eng, Ger,
 * Cze"), and scripts speak too (Cyrillic → ru, Han → zh, kana → ja). Stateless; thread-safe.
 */
final class LanguageReader {

    /** The languages (in {@link LanguageVocabulary#ORDER}), the hits that may end the title, and dub/sub words. */
    record Result(List<String> codes, List<Hit> hits, boolean dubbed, boolean subbed) {
    }

    private static final Set<String> SUB_WORDS = Set.of("sub", "subs", "subbed", "subtitle", "subtitles", "subtitled",
            "subtitulado", "subtitulos", "legendado", "legendas", "undertekst", "napisy", "sdh");
    private static final Set<String> DUB_WORDS = Set.of("dub", "dubbed", "dublado");
    private static final Set<String> JOINERS = Set.of("and", "e", "y", "audio", "lang", "language", "track");
    /** Words that make the language word before them a mark ("Greek Language", "Dk-Subs", "Hindi Dubbed"). */
    private static final Set<String> CONTEXT = Set.of("sub", "subs", "subbed", "subtitle", "subtitles", "subtitled",
            "language", "audio", "dub", "dubbed", "dubbing", "lektor", "undertekst", "sdh", "version", "versao");

    private record Token(int start, int end, String text, LanguageVocabulary.Word word, boolean sub, boolean dub) {
    }

    private LanguageReader() {
    }

    static Result read(String raw, WorkText work, int from, int titleStart, int titleEnd, int end, boolean subtitleFile) {
        Set<String> strong = new LinkedHashSet<>();
        Set<String> weakSpanish = new LinkedHashSet<>();
        List<Hit> bounding = new ArrayList<>();
        for (TokenRule rule : LanguageVocabulary.PHRASES) {
            for (Hit hit : rule.take(work, from)) {
                strong.add(hit.value());
                bounding.add(hit);
            }
        }
        strong.remove("");
        List<Token> tokens = tokens(work, from, end);
        boolean dubbed = false;
        boolean subbed = strong.contains("multi subs");
        int firstWord = firstWordStart(work, titleStart, end);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            dubbed |= t.dub();
            subbed |= t.sub();
            if (t.word() == null) {
                continue;
            }
            boolean inTitle = !subtitleFile && t.start() >= titleStart && t.start() < titleEnd;
            boolean neighbour = neighbour(tokens, i, work);
            boolean context = i + 1 < tokens.size() && CONTEXT.contains(tokens.get(i + 1).text().toLowerCase(Locale.ROOT))
                    && gapIsSeparators(work, t.end(), tokens.get(i + 1).start());
            context |= i > 0 && SUB_WORDS.contains(tokens.get(i - 1).text().toLowerCase(Locale.ROOT))
                    && t.start() - tokens.get(i - 1).end() <= 3;
            boolean first = !subtitleFile && t.start() == firstWord;
            if (!(context && !first) && !accepted(t, inTitle, neighbour, first, subtitleFile, i == tokens.size() - 1)) {
                continue;
            }
            for (String code : t.word().codes()) {
                if (code.equals("es") && (t.word().kind() == LanguageVocabulary.Kind.CODE3
                        || t.word().kind() == LanguageVocabulary.Kind.CODE2)) {
                    weakSpanish.add(code);
                } else {
                    strong.add(code);
                }
            }
            dubbed |= t.word().dub();
            bounding.add(new Hit(t.start(), t.end(), t.text()));
        }
        scripts(raw, strong);
        if (raw.toLowerCase(Locale.ROOT).contains("temporada")) {
            strong.add("es");
        }
        if (!strong.contains("es-419")) {
            strong.addAll(weakSpanish);
        }
        if (strong.contains("zh-tw")) {
            strong.remove("zh");
        }
        return new Result(LanguageVocabulary.ordered(strong), bounding, dubbed, subbed);
    }

    private static boolean accepted(Token t, boolean inTitle, boolean neighbour, boolean firstWord, boolean subtitleFile,
            boolean last) {
        String text = t.text();
        boolean caps = text.length() > 1 && text.equals(text.toUpperCase(Locale.ROOT))
                && !text.equals(text.toLowerCase(Locale.ROOT));
        boolean lower = text.equals(text.toLowerCase(Locale.ROOT));
        if (firstWord && !(neighbour && inTitle)) {
            return t.word().kind() == LanguageVocabulary.Kind.MARK && caps;
        }
        return switch (t.word().kind()) {
            case MARK -> true;
            case NAME -> !inTitle || caps || neighbour;
            case CODE3 -> caps || neighbour || subtitleFile && last || !inTitle && !capitalised(text);
            case CODE2 -> caps && (neighbour || LanguageVocabulary.LONE_CODES.contains(text)) && !inTitle
                    || caps && neighbour || subtitleFile && last;
        };
    }

    private static boolean capitalised(String text) {
        return Character.isUpperCase(text.charAt(0)) && text.substring(1).equals(text.substring(1).toLowerCase(Locale.ROOT));
    }

    /** Whether the word next to token {@code i} (across separators or "and") is a language or subtitle word. */
    private static boolean neighbour(List<Token> tokens, int i, WorkText work) {
        for (int step : new int[] {-1, 1}) {
            int j = i + step;
            while (j >= 0 && j < tokens.size() && JOINERS.contains(tokens.get(j).text().toLowerCase(Locale.ROOT))) {
                j += step;
            }
            if (j < 0 || j >= tokens.size()) {
                continue;
            }
            Token other = tokens.get(j);
            Token near = step < 0 ? other : tokens.get(i);
            Token far = step < 0 ? tokens.get(i) : other;
            if (!gapIsSeparators(work, near.end(), far.start())) {
                continue;
            }
            if (other.word() != null || other.sub() || other.dub()) {
                return true;
            }
        }
        return false;
    }

    /** Whether only a few separators (no brackets, which close a list) stand between two words. */
    private static boolean gapIsSeparators(WorkText work, int from, int to) {
        if (to - from > 8) {
            return false;
        }
        for (int k = from; k < to; k++) {
            char c = work.charAt(k);
            if (Character.isLetterOrDigit(c) || c == '[' || c == ']' || c == '(' || c == ')') {
                return false;
            }
        }
        return true;
    }

    private static List<Token> tokens(WorkText work, int from, int end) {
        List<Token> tokens = new ArrayList<>();
        int i = from;
        while (i < end) {
            while (i < end && !Character.isLetterOrDigit(work.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < end && Character.isLetterOrDigit(work.charAt(i))) {
                i++;
            }
            if (i > start) {
                String text = work.subSequence(start, i).toString();
                String lower = text.toLowerCase(Locale.ROOT);
                LanguageVocabulary.Word word = LanguageVocabulary.word(text);
                // "SweSub", "ESubs", "MSubs": subtitle marks glued to a language say subtitled too.
                boolean sub = SUB_WORDS.contains(lower) || word != null && word.subs()
                        || lower.equals("esub") || lower.equals("esubs") || lower.equals("msubs");
                tokens.add(new Token(start, i, text, word, sub, DUB_WORDS.contains(lower)));
            }
        }
        return tokens;
    }

    private static int firstWordStart(WorkText work, int start, int end) {
        int i = start;
        while (i < end && !Character.isLetterOrDigit(work.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Cyrillic letters say Russian, Han characters Chinese, kana Japanese. */
    private static void scripts(String raw, Set<String> codes) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x0400) {
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            if (script == Character.UnicodeScript.CYRILLIC) {
                codes.add("ru");
            } else if (script == Character.UnicodeScript.HAN) {
                codes.add("zh");
            } else if (script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA) {
                codes.add("ja");
            }
        }
    }
}
