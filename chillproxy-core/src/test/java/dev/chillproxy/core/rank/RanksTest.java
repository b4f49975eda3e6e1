package dev.chillproxy.core.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RanksTest {

    @ParameterizedTest
    @CsvSource({"1080p, 1080", "720p, 720", "2160p, 2160", "4k, 2160", "4K, 2160", "8k, 4320", "480P, 480",
        "'', 0", "p, 0", "HD, 0", "1080, 0", "10x80p, 0", "99999999999p, 0"})
    void resolutionRankIsTheNumberBeforePOrKTimes540(String text, int rank) {
        assertEquals(rank, Ranks.resolution(text));
    }

    @ParameterizedTest
    @CsvSource({"BluRay REMUX, 100", "REMUX, 100", "BDMux, 99", "BluRay, 98", "WEB-DL, 89", "WEBRip, 85", "WEB, 80",
        "BRRip, 96", "BDRip, 94", "UHDRip, 92", "HDRip, 79", "HDTV, 75", "DVDRip, 60", "SATRip, 59", "TVRip, 57",
        "PPV, 55", "CAM, 40", "TeleSync, 30", "SCR, 20", "Unknown, 0", "'', 0"})
    void qualityRankFollowsTheTableTopToBottom(String text, int rank) {
        assertEquals(rank, Ranks.quality(text));
    }

    @Test
    void webIsTestedBeforeBrSoWebBrripRanksAsWeb() {
        assertEquals(85, Ranks.quality("WEB-BRRip"));
        assertTrue(Ranks.quality("BluRay") > Ranks.quality("WEB-DL"));
    }

    @Test
    void sizeRankPrefersTheFileOverTheTorrent() {
        assertEquals(5_000, Ranks.size(StreamFixture.stream().size(9_000).file(0, "a.mkv", 5_000).build()));
        assertEquals(9_000, Ranks.size(StreamFixture.stream().size(9_000).build()));
    }

    @Test
    void hdrRankIsTheLengthOfTheJoinedTags() {
        assertEquals("HDR10,DV".length(), Ranks.hdr(StreamFixture.stream().hdr("HDR10", "DV").build().parsed()));
        assertEquals(0, Ranks.hdr(StreamFixture.stream().build().parsed()));
    }
}
