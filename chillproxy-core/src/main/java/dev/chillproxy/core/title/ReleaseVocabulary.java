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
            TokenRule.raw("(?<![0-9])(\\d{3,4})[xX×](\\d{3,4})[pP]?(?![0-9])", 0, m -> pixels(m.group(1), m.group(2))),
            TokenRule.raw("(?<![0-9])(2160|1440|1080|720|576|480|360|240)[pPiI](?![A-Za-z0-9])", 0, m -> m.group(1) + "p"),
            TokenRule.of("4K|UHD", "2160p"),
            TokenRule.of("2K", "1440p"));

    /** Quality tokens that are safe anywhere in a name. */
    static final List<TokenRule> QUALITY = List.of(
            TokenRule.of("(?:BD|UHD|Blu-?Ray[ ._-]?)?REMUX", "BluRay REMUX"),
            TokenRule.of("BR-?Rip|Blu-?Ray[ ._-]Rip", "BRRip"),
            TokenRule.of("BD-?Rip|BRD-?Rip", "BDRip"),
            TokenRule.of("UHD-?Rip", "UHDRip"),
            TokenRule.of("(?:DVD|BD)-?SCR|SCREENER|SCR", "SCR"),
            TokenRule.of("Blu-?Ray|BDMV|BD(?:25|50|66|100)", "BluRay"),
            TokenRule.of("BD", "BDRip"),
            TokenRule.raw(TokenRule.START + "BD(?=[0-9]{3,4}p)", 0, m -> "BDRip"),
            TokenRule.of("PPV(?:-?Rip)?", "PPV"),
            TokenRule.of("WEB-?DL-?Rip", "WEB-DLRip"),
            TokenRule.of("WEB[ ._-]?DL(?:-?Mux)?|WEB-?HD", "WEB-DL"),
            TokenRule.of("WEB-?Rip", "WEBRip"),
            TokenRule.of("WEB-?Cap", "WEBCap"),
            TokenRule.exact("WEB|Web(?=[._ ](?:[0-9]{3,4}p|x26[45]|H[. ]?26[45]))", "WEB"),
            TokenRule.of("HDTV-?Rip", "HDTVRip"),
            TokenRule.of("HD-?Rip", "HDRip"),
            TokenRule.of("A?HDTV|HD-TV", "HDTV"),
            TokenRule.of("PDTV", "PDTV"),
            TokenRule.of("SDTV", "SDTV"),
            TokenRule.of("DVD-?Rip", "DVDRip"),
            TokenRule.of("DVD(?:5|9|-?R(?:5|9)?)?", "DVD"),
            TokenRule.of("SAT-?Rip", "SATRip"),
            TokenRule.of("TV-?Rip", "TVRip"),
            TokenRule.of("VHS-?Rip", "VHSRip"),
            TokenRule.of("VOD-?Rip|VODR", "VODR"),
            TokenRule.of("WORKPRINT", "WORKPRINT"),
            TokenRule.exact("(?:HD|HQ)?-?CAM(?:-?Rip)?|CamRip|HD-CAM|HQCAM|HDCAM", "CAM"),
            TokenRule.of("TELESYNC|HD-?TS|PDVD", "TeleSync"),
            TokenRule.of("TELECINE|HD-?TC", "TeleCine"),
            TokenRule.raw(TokenRule.START + "TC(?=[0-9]{3,4}[pP])", 0, m -> "TeleCine"));

    /** Two-letter quality tokens that are ordinary words too; only trusted after the title. */
    static final List<TokenRule> QUALITY_TAIL = List.of(
            TokenRule.of("TS", "TeleSync"),
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
            TokenRule.beforeDigits("AC-?3|Dolby[ ._]?Digital|DolbyD", "DD"),
            TokenRule.beforeDigits("AAC(?:[ ._-]?LC)?", "AAC"),
            TokenRule.beforeDigits("L?PCM", "PCM"),
            TokenRule.beforeDigits("OPUS", "OPUS"),
            TokenRule.beforeDigits("MP3", "MP3"));

    /** "DD" is short enough to be trusted only after the title. */
    static final List<TokenRule> AUDIO_TAIL = List.of(TokenRule.beforeDigits("DD", "DD"));

    /** An audio word that a spaced channel layout ("DDP5 1", "Atmos 7 1") follows. */
    private static final Pattern AUDIO_BEFORE_CHANNELS = Pattern.compile(
            "(?:DDP|DD\\+|DD|Atmos|TrueHD|MA|AAC|AC3|DTS|DolbyD|EAC3|FLAC|OPUS|PCM)[ ._]?$", Pattern.CASE_INSENSITIVE);

    /** Channel layouts: "5.1", "DDP5 1" and "Atmos 7 1" (spaced, after an audio word), "[5-1]", "6CH". */
    static final List<TokenRule> CHANNELS = List.of(
            TokenRule.raw("(?<![0-9])(?<![0-9]\\.)([1-9])\\.([01])(?![0-9])", 0, m -> m.group(1) + "." + m.group(2)),
            TokenRule.raw("(?<![0-9])([1-9])[ ._]([01])(?![0-9])", 0, m -> m.group(1) + "." + m.group(2))
                    .after(AUDIO_BEFORE_CHANNELS),
            TokenRule.raw("(?<=\\[)([257])-([01])(?=\\])", 0, m -> m.group(1) + "." + m.group(2)),
            TokenRule.raw("(?<![0-9])([257])([01])(?![0-9])", 0, m -> m.group(1) + "." + m.group(2))
                    .after(Pattern.compile("(?:DD|DDP|AC3|AAC)$", Pattern.CASE_INSENSITIVE)),
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

    /** Scene words that say nothing the fields hold but end the title ("Jurassic.World.CUSTOM.EXTENDED"). */
    static final TokenRule RELEASE_WORDS = TokenRule.exact("CUSTOM|INTERNAL|iNTERNAL|LIMITED|FESTIVAL|READNFO|NFOFIX"
            + "|HYBRID|Hybrid", "");
    static final TokenRule UNRATED = TokenRule.of("Unrated", "unrated");
    static final TokenRule PROPER = TokenRule.of("(?:REAL[ ._-])?PROPER", "proper");
    static final TokenRule REPACK = TokenRule.of("REPACK|RERIP", "repack");
    static final TokenRule RETAIL = TokenRule.of("Retail", "retail");
    static final TokenRule UNCENSORED = TokenRule.of("Uncensored", "uncensored");
    static final TokenRule HARDCODED = TokenRule.raw(TokenRule.START + "(?:HC|(?i:Hard[ ._-]?coded|Hard[ ._-]?subs?))"
            + TokenRule.END, 0, m -> "hardcoded");
    static final TokenRule CONVERT = TokenRule.of("Convert(?:ed)?", "convert");
    static final TokenRule UPSCALED = TokenRule.of("(?:AI[ ._-]?)?Upscaled?|AI[ ._-]?Enhanced|RIFE", "upscaled");
    static final TokenRule COMMENTARY = TokenRule.of("(?:Audio[ ._-]?)?Commentary|Commentaries", "commentary");
    /** Says documentary without being a mark that ends the title ("STEVE martin a documentary in 2 pieces"). */
    static final Pattern DOCUMENTARY = Pattern.compile(TokenRule.START + "(?:Documentary|Docu|Documental)"
            + TokenRule.END, Pattern.CASE_INSENSITIVE);
    static final TokenRule THREE_D = TokenRule.computed("3D(?:[ ._-]?(H-?SBS|Half-?SBS|Full-?SBS|SBS|H-?OU|Half-?OU"
            + "|Full-?OU|OU))?|(H-?SBS|Half-?SBS|Full-?SBS|H-?OU|Half-?OU|Full-?OU)", m -> "3D" + threeDMode(
            m.group(1) != null ? m.group(1) : m.group(2)));
    static final TokenRule COMPLETE_WORD = TokenRule.of("Complete|Int[eé]grale", "complete");

    /** " HSBS", " SBS", " HOU", " OU" for a 3D layout token, "" for none. */
    private static String threeDMode(String token) {
        if (token == null) {
            return "";
        }
        String t = token.toUpperCase(java.util.Locale.ROOT).replace("-", "");
        boolean half = t.startsWith("H");
        return t.endsWith("SBS") ? (half ? " HSBS" : " SBS") : (half ? " HOU" : " OU");
    }

    /** The resolution a pixel size stands for, judged by width first (wide films are short). */
    private static String pixels(String width, String height) {
        int w = Integer.parseInt(width);
        int h = Integer.parseInt(height);
        if (w >= 3600 || h >= 2000) {
            return "2160p";
        }
        if (w >= 2400 || h >= 1400) {
            return "1440p";
        }
        if (w >= 1800 || h >= 1000) {
            return "1080p";
        }
        if (w >= 1200 || h >= 700) {
            return "720p";
        }
        return h >= 560 ? "576p" : "480p";
    }

    private ReleaseVocabulary() {
    }

    /** Every rule that may decide that a "-word" at the end of a name is not a release group. */
    static Stream<TokenRule> all() {
        return Stream.of(RESOLUTION, QUALITY, CODEC, BIT_DEPTH, HDR, AUDIO, EDITION, LanguageVocabulary.PHRASES,
                List.of(THREE_D, UPSCALED, RETAIL, CONVERT, COMMENTARY, UNCENSORED)).flatMap(List::stream);
    }
}
