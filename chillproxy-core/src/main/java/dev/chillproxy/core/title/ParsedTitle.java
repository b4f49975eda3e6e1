package dev.chillproxy.core.title;

import java.util.List;
import java.util.Objects;

/**
 * What a torrent or file name says about its content, with go-ptt's field meanings (StremThru filters
 * and templates read these). Absent text fields are empty strings, absent lists are empty, and
 * {@code year} is 0 when unknown; this keeps filters and templates free of null checks.
 *
 * @param title      the cleaned work title ("The Matrix")
 * @param resolution "2160p", "1440p", "1080p", "720p", "576p", "480p", … or "" (4K/UHD give "2160p", 1080i "1080p")
 * @param quality    "BluRay REMUX" (any remux), "BluRay", "BRRip", "BDRip", "UHDRip", "WEB-DL", "WEB-DLRip",
 *                   "WEBRip", "WEB", "HDRip", "HDTV", "PDTV", "DVDRip", "DVD", "SATRip", "TVRip", "PPV", "CAM",
 *                   "TeleSync", "TeleCine", "SCR", or ""
 * @param codec      "hevc" (x265, H.265), "avc" (x264, H.264), "av1", "xvid", "divx", "mpeg2", "vp9", or ""
 * @param bitDepth   "8bit", "10bit", "12bit", or ""
 * @param hdr        "DV", "HDR10+", "HDR" (HDR10 too), "SDR" in the order they appear
 * @param audio      "DTS Lossless" (DTS-HD MA, DTS:X), "DTS Lossy", "Atmos", "TrueHD", "FLAC", "DDP" (E-AC3),
 *                   "DD" (AC3), "AAC", "PCM", "OPUS", "MP3" in the order they appear
 * @param channels   "7.1", "5.1", "2.0", …
 * @param languages  ISO 639-1 codes ("en", "fr", "ja", "es-419" for Latino, …); MULTi and Dual Audio give "multi"
 * @param seasons    every season the name covers (a range is expanded: S01-S03 → 1, 2, 3)
 * @param episodes   every episode the name covers (E01-E03 → 1, 2, 3); anime absolute numbers too
 */
public record ParsedTitle(
        String title,
        int year,
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
        boolean extended,
        boolean proper,
        boolean repack,
        boolean remastered,
        boolean unrated,
        boolean threeD,
        String site) {

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

    /** A name that said nothing recognisable. */
    public static ParsedTitle unknown(String title) {
        return new ParsedTitle(title, 0, "", "", "", "", List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), false, "", "", "", false, false, false, false, false, false, "");
    }
}
