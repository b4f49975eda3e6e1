package dev.chillproxy.core.title;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The technical tokens of release names, in go-ptt's label vocabulary. Within each list the order is
 * the priority: a rule runs before looser ones that could match the same characters ("DTS-HD MA" before
 * "DTS", "HDR10+" before "HDR"). Constants only; thread-safe.
 */
final class ReleaseVocabulary {

    /** Numeric resolutions first so "UHD BluRay 1080p" says 1080p; 1080i counts as 1080p (same rank). */
    static final List<TokenRule> RESOLUTION = List.of(
            TokenRule.of("(?:3840|4096)x2160|2160[pi]", "2160p"),
            TokenRule.of("2560x1440|1440p", "1440p"),
            TokenRule.of("1920x10[78]0|1080[pi]", "1080p"),
            TokenRule.of("1280x720|720p", "720p"),
            TokenRule.of("576[pi]", "576p"),
            TokenRule.of("(?:640|720|852)x480|480p", "480p"),
            TokenRule.of("360p", "360p"),
            TokenRule.of("240p", "240p"),
            TokenRule.of("4K|UHD", "2160p"),
            TokenRule.of("2K", "1440p"));

    /** Quality tokens that are safe anywhere in a name. */
    static final List<TokenRule> QUALITY = List.of(
            TokenRule.of("(?:BD|UHD|Blu-?Ray[ ._-]?)?REMUX", "BluRay REMUX"),
            TokenRule.of("BR-?Rip", "BRRip"),
            TokenRule.of("BD-?Rip", "BDRip"),
            TokenRule.of("UHD-?Rip", "UHDRip"),
            TokenRule.of("(?:DVD|BD)-?SCR|SCREENER|SCR", "SCR"),
            TokenRule.of("Blu-?Ray|BDMV|BD(?:25|50|66|100)?", "BluRay"),
            new TokenRule(Pattern.compile(TokenRule.START + "BD(?=[0-9]{3,4}p)"), m -> "BluRay"),
            TokenRule.of("PPV(?:-?Rip)?", "PPV"),
            TokenRule.of("WEB-?DL-?Rip", "WEB-DLRip"),
            TokenRule.of("WEB[ ._-]?DL(?:-?Mux)?|WEB-?HD", "WEB-DL"),
            TokenRule.of("WEB-?Rip", "WEBRip"),
            TokenRule.exact("WEB|Web(?=[._ ](?:[0-9]{3,4}p|x26[45]|H[. ]?26[45]))", "WEB"),
            TokenRule.of("HD-?Rip", "HDRip"),
            TokenRule.of("HDTV(?:-?Rip)?", "HDTV"),
            TokenRule.of("PDTV", "PDTV"),
            TokenRule.of("DVD-?Rip", "DVDRip"),
            TokenRule.of("DVD(?:5|9|-?R)?", "DVD"),
            TokenRule.of("SAT-?Rip", "SATRip"),
            TokenRule.of("TV-?Rip", "TVRip"),
            TokenRule.exact("(?:HD)?CAM(?:-?Rip)?|CamRip|HD-CAM", "CAM"),
            TokenRule.of("TELESYNC|HD-?TS|PDVD", "TeleSync"),
            TokenRule.of("TELECINE|HD-?TC", "TeleCine"));

    /** Two-letter quality tokens that are ordinary words too; only trusted after the title. */
    static final List<TokenRule> QUALITY_TAIL = List.of(
            TokenRule.exact("TS", "TeleSync"),
            TokenRule.exact("TC", "TeleCine"));

    static final List<TokenRule> CODEC = List.of(
            TokenRule.of("[xh][ .]?265|HEVC", "hevc"),
            TokenRule.of("[xh][ .]?264|AVC", "avc"),
            TokenRule.of("AV1", "av1"),
            TokenRule.of("XviD", "xvid"),
            TokenRule.of("DivX", "divx"),
            TokenRule.of("MPEG-?2", "mpeg2"),
            TokenRule.of("VP9", "vp9"));

    static final List<TokenRule> BIT_DEPTH = List.of(
            TokenRule.computed("(8|10|12)[ .-]?bits?", m -> m.group(1) + "bit"),
            TokenRule.of("Hi10P?", "10bit"));

    static final List<TokenRule> HDR = List.of(
            TokenRule.of("DV|DoVi|Dolby[ ._-]?Vision", "DV"),
            TokenRule.of("HDR10(?:\\+|Plus|P)", "HDR10+"),
            TokenRule.of("HDR(?:10)?", "HDR"),
            TokenRule.of("SDR", "SDR"));

    /** Audio labels: DTS Lossless, DTS Lossy, Atmos, TrueHD, FLAC, DDP (incl. EAC3), DD (AC3), AAC, PCM, OPUS, MP3. */
    static final List<TokenRule> AUDIO = List.of(
            TokenRule.beforeDigits("DTS[ ._-]?HD[ ._-]?MA|DTS[ ._-]?X|DTS:X|DTS-?MA", "DTS Lossless"),
            TokenRule.beforeDigits("DTS[ ._-]?HD(?:[ ._-]?HRA)?|DTS[ ._-]?ES|DTS", "DTS Lossy"),
            TokenRule.beforeDigits("Atmos", "Atmos"),
            TokenRule.beforeDigits("TrueHD|True[ .-]HD", "TrueHD"),
            TokenRule.beforeDigits("FLAC", "FLAC"),
            TokenRule.beforeDigits("DDP|DD\\+|E-?AC-?3|Dolby[ ._]Digital[ ._]Plus", "DDP"),
            TokenRule.beforeDigits("AC-?3|Dolby[ ._]Digital", "DD"),
            TokenRule.beforeDigits("AAC(?:[ ._-]?LC)?", "AAC"),
            TokenRule.beforeDigits("L?PCM", "PCM"),
            TokenRule.beforeDigits("OPUS", "OPUS"),
            TokenRule.beforeDigits("MP3", "MP3"));

    /** "DD" is short enough to be trusted only after the title. */
    static final List<TokenRule> AUDIO_TAIL = List.of(TokenRule.beforeDigits("DD", "DD"));

    static final List<TokenRule> CHANNELS = List.of(
            new TokenRule(Pattern.compile("(?<![0-9])(?<![0-9]\\.)([1-9])\\.([01])(?![0-9])"),
                    m -> m.group(1) + "." + m.group(2)),
            TokenRule.computed("([268])[ .]?CH", m -> switch (m.group(1)) {
                case "8" -> "7.1";
                case "6" -> "5.1";
                default -> "2.0";
            }));

    static final List<TokenRule> EDITION = List.of(
            TokenRule.of("Extended(?:[ ._-]?(?:Cut|Edition|Version))?", "Extended Edition"),
            TokenRule.of("Director'?s?[ ._-]?Cut", "Directors Cut"),
            TokenRule.of("Theatrical(?:[ ._-]?(?:Cut|Edition|Version))?", "Theatrical"),
            TokenRule.of("IMAX(?:[ ._-]?Edition)?", "IMAX"),
            TokenRule.of("Ultimate[ ._-]?(?:Cut|Edition)", "Ultimate Edition"),
            TokenRule.of("Special[ ._-]?Edition", "Special Edition"),
            TokenRule.of("Collector'?s?[ ._-]?Edition", "Collectors Edition"),
            TokenRule.of("Criterion(?:[ ._-]?Collection)?", "Criterion Collection"),
            TokenRule.of("(?:[0-9]{1,3}(?:th)?[ ._-]?)?Anniversary(?:[ ._-]?Edition)?", "Anniversary Edition"),
            TokenRule.of("Final[ ._-]?Cut", "Final Cut"),
            TokenRule.of("Uncut", "Uncut"),
            TokenRule.of("Remastered", "Remastered"));

    static final TokenRule UNRATED = TokenRule.of("Unrated", "unrated");
    static final TokenRule PROPER = TokenRule.of("(?:REAL[ ._-])?PROPER", "proper");
    static final TokenRule REPACK = TokenRule.of("REPACK|RERIP", "repack");
    static final TokenRule THREE_D = TokenRule.of("3D|H-?SBS|Half-?SBS|SBS|H-?OU|Half-?OU", "3D");
    static final TokenRule COMPLETE_WORD = TokenRule.of("Complete|Int[eé]grale", "complete");

    private ReleaseVocabulary() {
    }

    /** Every rule that may decide that a "-word" at the end of a name is not a release group. */
    static Stream<TokenRule> all() {
        return Stream.of(RESOLUTION, QUALITY, CODEC, BIT_DEPTH, HDR, AUDIO, EDITION, LanguageVocabulary.RULES,
                List.of(THREE_D, LanguageVocabulary.SUBTITLES)).flatMap(List::stream);
    }
}
