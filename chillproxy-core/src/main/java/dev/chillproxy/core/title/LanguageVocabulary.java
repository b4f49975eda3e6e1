package dev.chillproxy.core.title;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Language words of release names mapped to ISO 639-1 codes ("es-419" for Latin-American Spanish, "zh-tw" for
 * traditional Chinese) and the marks "multi subs", "multi audio" and "dual audio". Audio and subtitle
 * languages both count, as in go-ptt. Most words are looked up in one table ({@link #word}); phrases that
 * span words ("Latin American", "Lektor PL", "Portugues BR") are patterns ({@link #PHRASES}). Constants only;
 * thread-safe.
 */
final class LanguageVocabulary {

    /** The order languages are listed in, whatever order the name gives them (go-ptt's). */
    static final List<String> ORDER = List.of("multi subs", "multi audio", "dual audio", "en", "ja", "ko", "zh", "zh-tw",
            "fr", "es-419", "es", "pt", "it", "de", "ru", "uk", "hi", "te", "ta", "ml", "kn", "mr", "gu", "pa", "bn", "pl",
            "cs", "sk", "sl", "hu", "ro", "hr", "sr", "bg", "el", "lt", "lv", "et", "nl", "da", "fi", "sv", "no", "tr", "ar",
            "vi", "id", "th", "ms", "he", "fa");

    /** How sure a word is a language mark rather than an ordinary word. */
    enum Kind {
        /** Only ever a release mark (VOSTFR, MULTi, Castellano): counts anywhere, in any case. */
        MARK,
        /** A language's name (English, Español): counts after the title, inside it only in capitals. */
        NAME,
        /** A three-letter code (ENG, ita): like a name, but capitalised only next to other language words. */
        CODE3,
        /** A two-letter code (EN, PL): only in capitals, and next to other language words unless listed alone. */
        CODE2
    }

    /** One table entry: the codes a word stands for, how sure it is, and whether it says subtitles/dubbing. */
    record Word(List<String> codes, Kind kind, boolean subs, boolean dub) {
    }

    private static final Map<String, Word> WORDS = new HashMap<>();

    /** Two-letter codes that stand alone as a language ("Kulej.2024.PL.1080p", "NL-Retail", "WEBRip LT"). */
    static final java.util.Set<String> LONE_CODES = java.util.Set.of("PL", "NL", "LT");

    /** Multi-word marks, tried before words; each entry is a case-insensitive pattern and its codes. */
    static final List<TokenRule> PHRASES = List.of(
            phrase("multi[ ._-]?subs?|multi[ ._-]?subtitles?|multiple[ ._-]?subtitles?|multi[ ._-]?su?$|msubs", "multi subs"),
            phrase("multi[ ._-]?(?:audio|lang(?:uages?)?|language|dub)|tri(?:ple)?[ ._-]?audio"
                    , "multi audio"),
            phrase("dual[ ._-]?(?:line[ ._-]?)?[aá]udio|dual[ ._-]a$", "dual audio"),
            phrase("dual[ ._-]?subs?", ""),
            phrase("spanish[ ._-]latin(?:[ ._-]america)?|latin[ ._-]?american?|audio[ ._-]latino",
                    "es-419"),
            phrase("portugu[eê]s[ ._-]?br|portuguese[ ._-]?br|portuguese[ ._-]brazil|port[ ._-]?br|pt[ ._-]?br|pt\\(br\\)|pt/br|ptbr"
                    + "|(?:leg(?:endado|endas)?|dublado)\\.?[ ._-]*(?:em[ ._-]*)?(?:pt[ ._-]?)?\\(?br\\)?|db-br|leg\\.?[ ._-]pt",
                    "pt"),
            phrase("traditional[ ._-]chinese|chinese[ ._-]?\\(traditional\\)|zh-hant", "zh-tw"),
            phrase("zh-hans", "zh"),
            phrase("(?:lektor|lek|dubbing|dub|napisy)[ ._-]?pl|film[ ._-]polski|pl[ ._-]?(?:dub|sub)", "pl"),
            phrase("(?:spa|spanish)[ ._-]?(?:subs?|sdh)", "es"));

    static {
        mark("multi", "multi audio");
        mark("dual", "dual audio");
        mark("multisub multisubs", "multi subs");
        mark("truefrench subfrench vostfr vff vfq vfi vf2 vf", "fr");
        mark("castellano", "es");
        mark("latino latam", "es-419");
        mark("dublado", "pt");
        mark("esub esubs", "en");
        word("english ingles inglés inglês englis", "en");
        code3("eng", "en");
        word("japanese japonês japones", "ja");
        code3("jap jpn", "ja");
        word("korean coreano", "ko");
        code3("kor", "ko");
        word("chinese chinês mandarin cantonese", "zh");
        code3("chi chs cht chn", "zh");
        word("french français francais francês", "fr");
        code3("fre fra", "fr");
        word("latin", "es-419");
        code3("lat lati", "es-419");
        word("spanish español espanol española espanola espanhol temporada temporadas", "es");
        code3("spa esp", "es");
        word("portuguese português portugues portuguesa brazilian", "pt");
        code3("por port", "pt");
        word("italian italiano", "it");
        code3("ita", "it");
        word("german deutsch alemão alemao", "de");
        code3("ger deu", "de");
        word("russian russo", "ru");
        code3("rus", "ru");
        word("ukrainian", "uk");
        code3("ukr", "uk");
        word("hindi", "hi");
        code3("hin", "hi");
        word("telugu", "te");
        code3("tel", "te");
        word("tamil tâmil", "ta");
        code3("tam", "ta");
        word("malayalam", "ml");
        code3("mal", "ml");
        word("kannada", "kn");
        word("marathi", "mr");
        word("gujarati", "gu");
        word("punjabi", "pa");
        word("bengali", "bn");
        word("polish polonês polones", "pl");
        code3("pol", "pl");
        word("czech", "cs");
        code3("cze ces", "cs");
        word("slovak", "sk");
        code3("slo", "sk");
        word("slovenian", "sl");
        code3("slv", "sl");
        word("hungarian", "hu");
        code3("hun", "hu");
        word("romanian", "ro");
        code3("rum rom ron", "ro");
        word("croatian", "hr");
        code3("hrv", "hr");
        word("serbian", "sr");
        code3("srp", "sr");
        word("bulgarian", "bg");
        code3("bul", "bg");
        word("greek", "el");
        code3("gre ell", "el");
        word("lithuanian", "lt");
        code3("lit", "lt");
        word("latvian", "lv");
        code3("lav", "lv");
        word("estonian", "et");
        code3("est", "et");
        word("dutch flemish holandês holandes", "nl");
        code3("dut nld", "nl");
        word("danish dansk danska dinamarquês", "da");
        code3("dan", "da");
        word("finnish finsk", "fi");
        code3("fin", "fi");
        word("swedish svensk sueco", "sv");
        code3("swe", "sv");
        word("norwegian norsk bokmal bokmål norueguês", "no");
        code3("nor nob", "no");
        word("nordic", "da,fi,sv,no");
        word("turkish tivibu tİvİbu", "tr");
        code3("tur", "tr");
        word("arabic árabe arabe", "ar");
        code3("ara arab", "ar");
        word("hebrew hebraico", "he");
        code3("heb", "he");
        word("persian farsi persa", "fa");
        word("vietnamese", "vi");
        code3("vie", "vi");
        word("indonesian", "id");
        code3("ind", "id");
        word("thai tailandês", "th");
        code3("tha", "th");
        word("malay", "ms");
        code3("may msa", "ms");
        code2("en:en jp:ja ja:ja kr:ko ko:ko cn:zh zh:zh fr:fr es:es pt:pt br:pt it:it de:de ru:ru pl:pl cz:cs cs:cs hu:hu "
                + "ro:ro hr:hr nl:nl dk:da da:da fi:fi sv:sv se:sv no:no tr:tr ar:ar he:he gr:el el:el lt:lt lv:lv et:et "
                + "sk:sk sl:sl bg:bg sr:sr th:th vi:vi id:id ms:ms hi:hi ta:ta te:te");
    }

    private LanguageVocabulary() {
    }

    /**
     * The entry for one word of a name, or null. Compound words are read too: "SWESUB", "KORSUB", "ENSUBBED",
     * "Dk-Subs" (subtitles in that language), "DUBPL", "NapisyPL", "3xEng".
     */
    static Word word(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        Word direct = WORDS.get(lower);
        if (direct != null) {
            return direct;
        }
        for (String suffix : new String[] {"subbed", "subs", "sub"}) {
            if (lower.length() > suffix.length() + 1 && lower.endsWith(suffix)) {
                Word base = WORDS.get(lower.substring(0, lower.length() - suffix.length()));
                if (base != null && !base.codes().get(0).startsWith("multi")) {
                    return new Word(base.codes(), Kind.MARK, true, false);
                }
            }
        }
        return null;
    }

    /** Sorts language codes into {@link #ORDER}; codes not listed keep their order after the listed ones. */
    static List<String> ordered(java.util.Collection<String> codes) {
        return codes.stream().distinct()
                .sorted(java.util.Comparator.comparingInt(c -> ORDER.indexOf(c) < 0 ? ORDER.size() : ORDER.indexOf(c)))
                .toList();
    }

    private static TokenRule phrase(String regex, String code) {
        return TokenRule.raw(TokenRule.START + "(?:" + regex + ")" + TokenRule.END, Pattern.CASE_INSENSITIVE, m -> code);
    }

    private static void mark(String words, String codes) {
        put(words, codes, Kind.MARK);
    }

    private static void word(String words, String codes) {
        put(words, codes, Kind.NAME);
    }

    private static void code3(String words, String codes) {
        put(words, codes, Kind.CODE3);
    }

    private static void code2(String pairs) {
        for (String pair : pairs.split(" ")) {
            String[] kv = pair.split(":");
            WORDS.put(kv[0], new Word(List.of(kv[1]), Kind.CODE2, false, false));
        }
    }

    private static void put(String words, String codes, Kind kind) {
        for (String w : words.split(" ")) {
            WORDS.put(w.toLowerCase(Locale.ROOT), new Word(List.of(codes.split(",")), kind, false,
                    w.equals("dublado")));
        }
    }
}
