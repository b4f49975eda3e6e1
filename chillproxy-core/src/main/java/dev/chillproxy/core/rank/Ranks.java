package dev.chillproxy.core.rank;

import java.util.Locale;

import dev.chillproxy.core.stream.StreamCandidate;
import dev.chillproxy.core.title.ParsedTitle;

/**
 * The numbers streams are sorted and compared by (StremThru's sort ranks). A higher rank is better;
 * 0 means unknown. Stateless and thread-safe.
 */
public final class Ranks {

    /** Quality markers in the order they are tested; the first contained marker decides. */
    private static final String[][] QUALITY_MARKERS = {
            {"remux"}, {"mux"}, {"bluray"}, {"web", "dl"}, {"web", "rip"}, {"web"}, {"br"}, {"bd"}, {"uhd"},
            {"hd", "rip"}, {"hd"}, {"dvd"}, {"sat"}, {"tv"}, {"ppv"}, {"cam"}, {"tele"}, {"scr"}};
    private static final int[] QUALITY_RANKS = {100, 99, 98, 89, 85, 80, 96, 94, 92, 79, 75, 60, 59, 57, 55, 40, 30, 20};

    private Ranks() {
    }

    /**
     * The number before a trailing {@code p} ("1080p" → 1080), or the number before a trailing
     * {@code k} × 540 ("4k" → 2160, "8k" → 4320); anything else is 0. Case and surrounding blanks are
     * ignored.
     *
     * <p>StremThru multiplies "k" values by 1,000. Our title parser reports 4K releases as "2160p",
     * while go-ptt reports "4k", so × 540 keeps the documented filter {@code Resolution != "4k"}
     * meaning "not 2160p" and keeps the sort order unchanged.
     */
    public static int resolution(String resolution) {
        if (resolution == null) {
            return 0;
        }
        String text = resolution.strip().toLowerCase(Locale.ROOT);
        if (text.length() < 2 || text.length() > 6) {
            return 0;
        }
        int multiplier = text.endsWith("p") ? 1 : text.endsWith("k") ? 540 : 0;
        String digits = text.substring(0, text.length() - 1);
        if (multiplier == 0 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Integer.parseInt(digits) * multiplier;
    }

    /**
     * StremThru's quality table, tested top to bottom, case-insensitive, first match wins (so "web" is
     * tested before "br"/"bd"/"uhd"): remux 100, mux 99, bluray 98, web+dl 89, web+rip 85, web 80,
     * br 96, bd 94, uhd 92, hd+rip 79, hd 75, dvd 60, sat 59, tv 57, ppv 55, cam 40, tele 30, scr 20,
     * anything else 0.
     */
    public static int quality(String quality) {
        if (quality == null) {
            return 0;
        }
        String text = quality.toLowerCase(Locale.ROOT);
        for (int i = 0; i < QUALITY_MARKERS.length; i++) {
            if (containsAll(text, QUALITY_MARKERS[i])) {
                return QUALITY_RANKS[i];
            }
        }
        return 0;
    }

    /** Bytes of the playing file when known, else of the torrent. */
    public static long size(StreamCandidate candidate) {
        return candidate.effectiveSize();
    }

    /** The length of the HDR tags joined with commas: more (and longer) tags rank higher. */
    public static int hdr(ParsedTitle parsed) {
        return String.join(",", parsed.hdr()).length();
    }

    private static boolean containsAll(String text, String[] markers) {
        for (String marker : markers) {
            if (!text.contains(marker)) {
                return false;
            }
        }
        return true;
    }
}
