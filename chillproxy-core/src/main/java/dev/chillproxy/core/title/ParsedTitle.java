package dev.chillproxy.core.title;

import java.util.List;
import java.util.Objects;

/**
 * What a torrent or file name says about its content, with go-ptt's field names (StremThru filters and
 * templates read these). Absent text fields are empty strings, absent lists are empty, and {@code year}
 * is 0 when unknown; this keeps filters and templates free of null checks. Build one with {@link #builder()}.
 *
 * @param title      the cleaned work title ("The Matrix")
 * @param year       the release year, or the first year of a range ("1987-1992" gives 1987); 0 when unknown
 * @param yearEnd    the last year of a year range ("1987-1992" gives 1992); 0 when the name gives one year
 * @param resolution "2160p", "1440p", "1080p", "720p", "576p", "480p", … or "" (4K/UHD give "2160p", 1080i "1080p")
 * @param quality    "BluRay REMUX" (any remux), "BluRay", "BRRip", "BDRip", "UHDRip", "WEB-DL", "WEB-DLRip",
 *                   "WEBRip", "WEBCap", "WEB", "HDRip", "HDTVRip", "HDTV", "PDTV", "SDTV", "DVDRip", "DVD", "SATRip",
 *                   "TVRip", "VHSRip", "VODR", "PPV", "CAM", "TeleSync", "TeleCine", "SCR", "WORKPRINT", or ""
 * @param codec      "hevc" (x265, H.265), "avc" (x264, H.264), "av1", "xvid", "divx", "mpeg2", "vp9", or ""
 * @param bitDepth   "8bit", "10bit", "12bit", or ""
 * @param hdr        "DV", "HDR10+", "HDR" (HDR10 too), "SDR" in the order they appear
 * @param audio      "DTS Lossless" (DTS-HD MA, DTS:X), "DTS Lossy", "Atmos", "TrueHD", "FLAC", "DDP" (E-AC3),
 *                   "DD" (AC3), "AAC", "PCM", "OPUS", "MP3" in the order they appear
 * @param channels   "7.1", "5.1", "2.0", …
 * @param languages  ISO 639-1 codes ("en", "fr", "es-419" for Latino, "zh-tw" for traditional Chinese) of audio
 *                   and subtitles, plus the marks "multi subs", "multi audio" (MULTi) and "dual audio", in one
 *                   fixed order (marks first, then {@link LanguageVocabulary#ORDER})
 * @param seasons    every season the name covers (a range is expanded: S01-S03 → 1, 2, 3)
 * @param episodes   every episode the name covers (E01-E03 → 1, 2, 3); anime absolute numbers too
 * @param threeD     "3D", "3D SBS", "3D HSBS", "3D OU", "3D HOU", or "" when the release is not 3D
 */
public record ParsedTitle(
        String title,
        int year,
        int yearEnd,
        String resolution,
        String quality,
        String codec,
        String bitDepth,
        List<String> hdr,
        List<String> audio,
        List<String> channels,
        List<String> languages,
        List<Integer> seasons,
        List<Integer> episodes,
        boolean complete,
        String group,
        String container,
        String edition,
        String site,
        String threeD,
        Flags flags) {

    /** The yes/no marks of a release name. */
    public record Flags(boolean extended, boolean proper, boolean repack, boolean remastered, boolean unrated,
            boolean uncensored, boolean dubbed, boolean subbed, boolean hardcoded, boolean retail, boolean convert,
            boolean upscaled, boolean documentary, boolean commentary) {

        static final Flags NONE = new Flags(false, false, false, false, false, false, false, false, false, false,
                false, false, false, false);
    }

    public ParsedTitle {
        title = Objects.requireNonNullElse(title, "");
        resolution = Objects.requireNonNullElse(resolution, "");
        quality = Objects.requireNonNullElse(quality, "");
        codec = Objects.requireNonNullElse(codec, "");
        bitDepth = Objects.requireNonNullElse(bitDepth, "");
        hdr = List.copyOf(Objects.requireNonNullElse(hdr, List.of()));
        audio = List.copyOf(Objects.requireNonNullElse(audio, List.of()));
        channels = List.copyOf(Objects.requireNonNullElse(channels, List.of()));
        languages = List.copyOf(Objects.requireNonNullElse(languages, List.of()));
        seasons = List.copyOf(Objects.requireNonNullElse(seasons, List.of()));
        episodes = List.copyOf(Objects.requireNonNullElse(episodes, List.of()));
        group = Objects.requireNonNullElse(group, "");
        container = Objects.requireNonNullElse(container, "");
        edition = Objects.requireNonNullElse(edition, "");
        site = Objects.requireNonNullElse(site, "");
        threeD = Objects.requireNonNullElse(threeD, "");
        flags = Objects.requireNonNullElse(flags, Flags.NONE);
    }

    public boolean extended() {
        return flags.extended();
    }

    public boolean proper() {
        return flags.proper();
    }

    public boolean repack() {
        return flags.repack();
    }

    public boolean remastered() {
        return flags.remastered();
    }

    public boolean unrated() {
        return flags.unrated();
    }

    public boolean uncensored() {
        return flags.uncensored();
    }

    public boolean dubbed() {
        return flags.dubbed();
    }

    public boolean subbed() {
        return flags.subbed();
    }

    public boolean hardcoded() {
        return flags.hardcoded();
    }

    public boolean retail() {
        return flags.retail();
    }

    public boolean convert() {
        return flags.convert();
    }

    public boolean upscaled() {
        return flags.upscaled();
    }

    public boolean documentary() {
        return flags.documentary();
    }

    public boolean commentary() {
        return flags.commentary();
    }

    /** Whether the release is 3D (any {@link #threeD()} label). */
    public boolean isThreeD() {
        return !threeD.isEmpty();
    }

    /**
     * Whether this name covers the given episode: it lists that season and episode, it is a pack of that
     * season (season listed, no episodes), or a complete pack without season numbers. A name with episodes
     * but no season (anime absolute numbering, "Episode 5") matches on the episode alone. A name without any
     * season, episode or complete mark says nothing and gives false; callers keep such torrents for movies only.
     */
    public boolean coversEpisode(int season, int episode) {
        if (seasons.isEmpty()) {
            return episodes.isEmpty() ? complete : episodes.contains(episode);
        }
        return seasons.contains(season) && (episodes.isEmpty() || episodes.contains(episode));
    }

    /** More than one episode: a season or complete pack, an episode range or list. */
    public boolean isPack() {
        return complete || episodes.size() > 1 || (!seasons.isEmpty() && episodes.isEmpty());
    }

    /** A name that said nothing recognisable. */
    public static ParsedTitle unknown(String title) {
        return builder().title(title).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects fields for a {@link ParsedTitle}; not thread-safe, use one per name. */
    public static final class Builder {
        private String title = "";
        private int year;
        private int yearEnd;
        private String resolution = "";
        private String quality = "";
        private String codec = "";
        private String bitDepth = "";
        private List<String> hdr = List.of();
        private List<String> audio = List.of();
        private List<String> channels = List.of();
        private List<String> languages = List.of();
        private List<Integer> seasons = List.of();
        private List<Integer> episodes = List.of();
        private boolean complete;
        private String group = "";
        private String container = "";
        private String edition = "";
        private String site = "";
        private String threeD = "";
        private final boolean[] flags = new boolean[14];

        private Builder() {
        }

        public Builder title(String v) { title = v; return this; }
        public Builder year(int v) { year = v; return this; }
        public Builder yearEnd(int v) { yearEnd = v; return this; }
        public Builder resolution(String v) { resolution = v; return this; }
        public Builder quality(String v) { quality = v; return this; }
        public Builder codec(String v) { codec = v; return this; }
        public Builder bitDepth(String v) { bitDepth = v; return this; }
        public Builder hdr(List<String> v) { hdr = v; return this; }
        public Builder audio(List<String> v) { audio = v; return this; }
        public Builder channels(List<String> v) { channels = v; return this; }
        public Builder languages(List<String> v) { languages = v; return this; }
        public Builder seasons(List<Integer> v) { seasons = v; return this; }
        public Builder episodes(List<Integer> v) { episodes = v; return this; }
        public Builder complete(boolean v) { complete = v; return this; }
        public Builder group(String v) { group = v; return this; }
        public Builder container(String v) { container = v; return this; }
        public Builder edition(String v) { edition = v; return this; }
        public Builder site(String v) { site = v; return this; }
        public Builder threeD(String v) { threeD = v; return this; }
        public Builder extended(boolean v) { flags[0] = v; return this; }
        public Builder proper(boolean v) { flags[1] = v; return this; }
        public Builder repack(boolean v) { flags[2] = v; return this; }
        public Builder remastered(boolean v) { flags[3] = v; return this; }
        public Builder unrated(boolean v) { flags[4] = v; return this; }
        public Builder uncensored(boolean v) { flags[5] = v; return this; }
        public Builder dubbed(boolean v) { flags[6] = v; return this; }
        public Builder subbed(boolean v) { flags[7] = v; return this; }
        public Builder hardcoded(boolean v) { flags[8] = v; return this; }
        public Builder retail(boolean v) { flags[9] = v; return this; }
        public Builder convert(boolean v) { flags[10] = v; return this; }
        public Builder upscaled(boolean v) { flags[11] = v; return this; }
        public Builder documentary(boolean v) { flags[12] = v; return this; }
        public Builder commentary(boolean v) { flags[13] = v; return this; }

        public ParsedTitle build() {
            Flags f = new Flags(flags[0], flags[1], flags[2], flags[3], flags[4], flags[5], flags[6], flags[7],
                    flags[8], flags[9], flags[10], flags[11], flags[12], flags[13]);
            return new ParsedTitle(title, year, yearEnd, resolution, quality, codec, bitDepth, hdr, audio, channels,
                    languages, seasons, episodes, complete, group, container, edition, site, threeD, f);
        }
    }
}
