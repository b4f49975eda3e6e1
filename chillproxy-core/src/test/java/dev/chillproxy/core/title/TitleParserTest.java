package dev.chillproxy.core.title;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TitleParserTest {

    private final TitleParser parser = new TitleParser();

    @Test
    void nullAndEmptyNamesAreUnknown() {
        assertEquals(ParsedTitle.unknown(""), parser.parse(null));
        assertEquals(ParsedTitle.unknown(""), parser.parse(""));
        assertEquals("", parser.parse("   ").title());
    }

    @Test
    void pathologicalTenThousandCharacterNamesStillParse() {
        String repeated = "S01E01".repeat(1700);
        ParsedTitle episodes = parser.parse("Show." + repeated + ".1080p");
        assertEquals(List.of(1), episodes.seasons());
        assertEquals("Show", episodes.title());

        ParsedTitle junk = parser.parse("a-".repeat(5000) + "[[[(((" + "1.".repeat(2000));
        assertNotNull(junk.title());
        ParsedTitle brackets = parser.parse("[" + "x".repeat(39) + "]".repeat(10_000));
        assertNotNull(brackets.title());
    }

    @Test
    void randomNamesNeverThrow() {
        Random random = new Random(42);
        String alphabet = "aS0E1x2-. _[]()4kKpP+:/é";
        for (int i = 0; i < 1_000; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(80);
            for (int j = 0; j < length; j++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertNotNull(parser.parse(name.toString()), name.toString());
        }
    }

    @Test
    void singleEpisodeCoversOnlyItself() {
        ParsedTitle p = parser.parse("Show.S02E05.1080p.WEB.h264-GRP");
        assertTrue(p.coversEpisode(2, 5));
        assertFalse(p.coversEpisode(2, 6));
        assertFalse(p.coversEpisode(1, 5));
    }

    @Test
    void multiEpisodeCoversItsRange() {
        ParsedTitle p = parser.parse("Show.S01E01-E03.720p.HDTV.x264");
        assertTrue(p.coversEpisode(1, 2));
        assertFalse(p.coversEpisode(1, 4));
    }

    @Test
    void seasonPacksCoverEveryEpisodeOfTheirSeasons() {
        ParsedTitle pack = parser.parse("Show.S01-S03.1080p.BluRay.x265-GRP");
        assertTrue(pack.coversEpisode(3, 10));
        assertFalse(pack.coversEpisode(4, 1));
        assertTrue(parser.parse("Show Complete Series 720p").coversEpisode(7, 3));
    }

    @Test
    void absoluteEpisodeNumbersMatchWhateverTheSeason() {
        ParsedTitle p = parser.parse("[SubsPlease] Show - 05 (1080p)");
        assertTrue(p.coversEpisode(1, 5));
        assertFalse(p.coversEpisode(1, 6));
    }

    @Test
    void namesWithoutEpisodeInformationCoverNoEpisode() {
        assertFalse(parser.parse("Movie.2019.1080p.BluRay.x264-GRP").coversEpisode(1, 1));
    }

    @Test
    void longNamesAreCutNotRejected() {
        String name = "Movie.2019.1080p." + "x".repeat(TitleParser.MAX_LENGTH * 2);
        ParsedTitle p = parser.parse(name);
        assertEquals("Movie", p.title());
        assertEquals(2019, p.year());
    }

    /**
     * Long and crafted names (and seeded random ones) cost work in proportion to their length: every character
     * the parser or one of its patterns reads is counted, and a pattern that backtracked over a crafted name
     * would read it hundreds of times over. Times are the benchmark's job (scripts/bench-titles), not a test's.
     */
    @Test
    void craftedAndRandomNamesDoBoundedWork() {
        List<String> names = new java.util.ArrayList<>(ReleaseNamesTest.craftedNames());
        Random random = new Random(7);
        String[] alphabets = {"aS0E1x2-. _[]()4kKpP+:/éСезон字", "S01E0-x. ", "1-. 2x", "Season 1,2&-", "ENG ITA.sub-",
            "[](){}.-_ ", "abcdefghij-."};
        for (String alphabet : alphabets) {
            for (int i = 0; i < 100; i++) {
                StringBuilder name = new StringBuilder();
                int length = 1 + random.nextInt(TitleParser.MAX_LENGTH);
                for (int j = 0; j < length; j++) {
                    name.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                names.add(name.toString());
            }
        }
        for (String name : names) {
            long reads = parser.workFor(name);
            assertTrue(reads <= 250L * name.length() + 20_000, () -> reads + " reads for " + name.length()
                    + " characters: " + name.substring(0, Math.min(60, name.length())));
            assertNotNull(parser.parse(name + ".mkv").title());
        }
    }

    @Test
    void namesLongerThanTheLimitAreCutNotRejected() {
        ParsedTitle p = parser.parse("Show.S01E02.1080p." + "x".repeat(5000));
        assertEquals(List.of(1), p.seasons());
        assertEquals(List.of(2), p.episodes());
    }

    @Test
    void languagesKeepMultiAudioDualAudioAndMultiSubsApart() {
        assertEquals(List.of("multi audio", "fr"), parser.parse("Movie.2019.MULTi.VFF.1080p.BluRay.x264-GRP").languages());
        assertEquals(List.of("dual audio", "en", "hi"), parser.parse("Movie (2019) Dual Audio [Hindi + Eng] 720p").languages());
        assertEquals(List.of("multi subs"), parser.parse("[Group] Show - 01 [1080p][Multi-Subs]").languages());
        assertTrue(parser.parse("Movie.2019.MULTi.1080p.BluRay.x264-GRP").dubbed());
        assertTrue(parser.parse("[Group] Show - 01 [1080p][Multi-Subs]").subbed());
    }

    @Test
    void threeDIsALabel() {
        assertEquals("3D HSBS", parser.parse("Avatar.2009.3D.HSBS.1080p.BluRay.x264-FLAME").threeD());
        assertEquals("3D", parser.parse("Tangled (2010) 3D 1080p BluRay").threeD());
        assertEquals("", parser.parse("Saw.3D.2010.1080p.BluRay.x264-GRP").threeD());
    }
}
