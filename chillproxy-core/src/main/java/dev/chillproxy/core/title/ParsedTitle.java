package dev.chillproxy.core.title;

import java.util.List;
import java.util.Objects;

/**
 * What a torrent or file name says about its content, with go-ptt's field meanings (StremThru filters
 * and templates read these). Absent text fields are empty strings, absent lists are empty, and
 * {@code year} is 0 when unknown; this keeps filters and templates free of null checks.
 *
 * @param title      the cleaned work title ("The Matrix")
 * @param resolution "2160p", "1080p", "720p", "480p", … or "" (4K/UHD normalise to "2160p")
 * @param quality    "BluRay REMUX", "BluRay", "WEB-DL", "WEBRip", "HDTV", "DVDRip", "CAM", … or ""
 * @param codec      "x265"/"hevc", "x264"/"avc", "av1", "xvid", … lower-case as go-ptt gives them
 * @param hdr        "DV", "HDR10+", "HDR10", "HDR", "SDR" in the order they appear
 * @param audio      "DDP", "DD", "TrueHD", "Atmos", "DTS-HD MA", "DTS", "AAC", "FLAC", "OPUS", …
 * @param channels   "7.1", "5.1", "2.0", …
 * @param languages  ISO 639-1 codes ("en", "fr", "ja", …); "multi" language marks give "multi"
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

    /** A name that said nothing recognisable. */
    public static ParsedTitle unknown(String title) {
        return new ParsedTitle(title, 0, "", "", "", "", List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), false, "", "", "", false, false, false, false, false, false, "");
    }
}
