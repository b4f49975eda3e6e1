package dev.chillproxy.core.title;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Language words of release names mapped to ISO 639-1 codes ("es-419" for Latin-American Spanish).
 * MULTi, Dual Audio and similar marks all give "multi". Subtitle-only marks ("Multi-Subs", "ESub") are
 * swallowed without a label because they say nothing about the audio. Constants only; thread-safe.
 */
final class LanguageVocabulary {

    /** Subtitle marks: run first so "Multi-Sub" does not read as "multi". */
    static final TokenRule SUBTITLES = TokenRule.of(
            "(?:(?:Multi(?:ple)?|Eng(?:lish)?|Ita|Fre|Spa|Ger|Rus|Ara|Hin|Kor|Jap|Chi|Por)[ ._-]?)?(?:Subs?|Subtitles?)"
                    + "|E-?Subs?", "");

    static final List<TokenRule> RULES = List.of(
            TokenRule.of("MULTi(?:[ ._-]?(?:Audio|Lang(?:uages?)?))?|Dual[ ._-]?Audio|DUAL|Multi[ ._-]?Dub", "multi"),
            TokenRule.of("TRUEFRENCH|SUBFRENCH|VOSTFR|VFF|VFQ|VFI|VF2|VF|FRENCH|FRE|FRA", "fr"),
            TokenRule.of("ENGLISH|ENG", "en"),
            TokenRule.of("ITALIAN|ITA", "it"),
            TokenRule.of("GERMAN|GER|DEUTSCH|DEU", "de"),
            TokenRule.of("LATINO|LATAM|LAT|Latin[ ._-]Spanish", "es-419"),
            TokenRule.of("SPANISH|SPA|ESP|CASTELLANO|ESPA[NÑ]OL", "es"),
            TokenRule.of("PORTUGUESE|POR|PT-?BR|DUBLADO", "pt"),
            TokenRule.of("HINDI|HIN", "hi"),
            TokenRule.of("TAMIL|TAM", "ta"),
            TokenRule.of("TELUGU|TEL", "te"),
            TokenRule.of("MALAYALAM|MAL", "ml"),
            TokenRule.of("KANNADA", "kn"),
            TokenRule.of("BENGALI", "bn"),
            TokenRule.of("JAPANESE|JAP|JPN", "ja"),
            TokenRule.of("KOREAN|KOR", "ko"),
            TokenRule.of("CHINESE|CHI|CHS|CHT|MANDARIN|CANTONESE", "zh"),
            TokenRule.of("RUSSIAN|RUS", "ru"),
            TokenRule.of("UKRAINIAN|UKR", "uk"),
            TokenRule.of("POLISH|POL|PL|PLDUB", "pl"),
            TokenRule.of("DUTCH|FLEMISH|NL", "nl"),
            TokenRule.of("ARABIC|ARA", "ar"),
            TokenRule.of("TURKISH|TUR", "tr"),
            TokenRule.of("SWEDISH|SWE", "sv"),
            TokenRule.of("NORWEGIAN|NOR", "no"),
            TokenRule.of("DANISH|DAN", "da"),
            TokenRule.of("FINNISH", "fi"),
            TokenRule.of("CZECH|CZE", "cs"),
            TokenRule.of("HUNGARIAN|HUN", "hu"),
            TokenRule.of("GREEK", "el"),
            TokenRule.of("HEBREW|HEB", "he"),
            TokenRule.of("THAI", "th"),
            TokenRule.of("VIETNAMESE|VIE", "vi"),
            TokenRule.of("INDONESIAN", "id"),
            TokenRule.of("ROMANIAN|RUM", "ro"));

    /** Marks that only ever appear in release names, whatever their case. */
    private static final Set<String> RELEASE_ONLY = Set.of("multi", "ita", "vff", "vfq", "vf", "vostfr",
            "truefrench", "subfrench", "dual audio", "dual-audio", "dual.audio");

    private LanguageVocabulary() {
    }

    /**
     * Whether a language word inside the would-be title reads as a release mark rather than part of the
     * title ("FRENCH" yes, "French" as in "The French Dispatch" no).
     */
    static boolean isReleaseStyle(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return RELEASE_ONLY.contains(lower) || (word.length() > 1 && word.equals(word.toUpperCase(Locale.ROOT)));
    }
}
