package dev.chillproxy.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.chillproxy.core.rank.StreamFixture;
import dev.chillproxy.core.stream.StreamCandidate;
import dev.chillproxy.core.title.TitleParser;

class StreamTemplateTest {

    /** StremThru's template test stream, less proxy, bitrate and subtitles. */
    private static StreamFixture reference() {
        return StreamFixture.stream().resolution("1080p").quality("BluRay").codec("x265").hdr("HDR10", "DV")
                .audio("DDP").channels("5.1").size(2_684_354_560L).group("GROUP").site("example.com")
                .languages("en", "ja").file(0, "Movie/movie.mkv", 2_576_980_378L).indexer("Indexer").isPrivate(true)
                .seeders(42).torrentName("Movie.2020.1080p.BluRay.x265-GROUP");
    }

    @Test
    void referenceExampleIsByteExact() {
        StreamCandidate stream = reference().build();

        assertEquals("⚡️ [RD] 🔑\nAddon\n1080p", StreamTemplate.name(stream, "RD", true, "Addon"));
        assertEquals("💿 BluRay 🎞️ x265\n📺 HDR10 DV 🎧 DDP | 5.1\n💾 2.4 GB 📦 2.5 GB 👤 42\n🌐 🇬🇧 🇯🇵\n"
                + "⚙️ GROUP 🔍 Indexer\n📄 movie.mkv", StreamTemplate.description(stream));
    }

    @Test
    void cachedMarkerIsTheHighVoltageSignWithVariationSelector() {
        String name = StreamTemplate.name(StreamFixture.stream().resolution("720p").build(), "tb", true, "Torz");
        assertEquals("\u26A1\uFE0F [TB]\nTorz\n720p", name);
    }

    @Test
    void nameWithoutCacheStoreOrPrivacy() {
        StreamCandidate stream = StreamFixture.stream().resolution("2160p").build();
        assertEquals("[TB]\nTorz\n2160p", StreamTemplate.name(stream, "tb", false, "Torz"));
        assertEquals("Torz\n2160p", StreamTemplate.name(stream, "", true, "Torz"));
        assertEquals("🔑\nTorz", StreamTemplate.name(StreamFixture.stream().isPrivate(true).build(), null, false, "Torz"));
    }

    @Test
    void missingQualityOrCodecDropsOnlyThatToken() {
        assertEquals("🎞️ x265", firstLine(reference().quality("").build()));
        assertEquals("💿 BluRay", firstLine(reference().codec("").build()));
        assertEquals("📺 HDR10 DV 🎧 DDP | 5.1", firstLine(reference().quality("").codec("").build()));
    }

    @Test
    void audioLineAdaptsToWhatIsKnown() {
        assertEquals("🎧 DDP, Atmos | 7.1, 5.1", line(reference().hdr().audio("DDP", "Atmos").channels("7.1", "5.1").build(), 1));
        assertEquals("📺 HDR10 DV 🎧 5.1", line(reference().audio().build(), 1));
        assertEquals("📺 HDR10 DV 🎧 DDP", line(reference().channels().build(), 1));
        assertEquals("📺 HDR10 DV", line(reference().audio().channels().build(), 1));
    }

    @Test
    void fileSizeShowsOnlyWhenItReadsDifferently() {
        assertEquals("📦 2.5 GB 👤 42", line(reference().file(0, "movie.mkv", 2_684_300_000L).build(), 2));
        assertEquals("📦 2.4 GB 👤 42", line(reference().size(0).build(), 2));
        assertEquals("💾 2.4 GB 📦 2.5 GB", line(reference().seeders(0).build(), 2));
        assertEquals("💾 2.4 GB 📦 2.5 GB", line(reference().seeders(-1).build(), 2));
    }

    @Test
    void unknownSizeAndSeedersDropTheLine() {
        String description = StreamTemplate.description(reference().size(0).file(0, "movie.mkv", 0).seeders(-1).build());
        assertEquals("💿 BluRay 🎞️ x265\n📺 HDR10 DV 🎧 DDP | 5.1\n🌐 🇬🇧 🇯🇵\n⚙️ GROUP 🔍 Indexer\n📄 movie.mkv",
                description);
    }

    @Test
    void parsedLanguagesShowWithDubAndSubMarks() {
        TitleParser parser = new TitleParser();
        StreamCandidate dubbed = new StreamCandidate("a".repeat(40), "n", parser.parse(
                "Movie.2019.MULTi.VFF.1080p.BluRay.x264-GRP"), 0, 0, "", false, "", null);
        assertTrue(StreamTemplate.description(dubbed).contains("🌐 🌎 🇫🇷 🎙️ Dub"), StreamTemplate.description(dubbed));
        StreamCandidate subbed = new StreamCandidate("a".repeat(40), "n", parser.parse(
                "[Group] Show - 01 [1080p][Multi-Subs]"), 0, 0, "", false, "", null);
        assertTrue(StreamTemplate.description(subbed).contains("💬 Sub"), StreamTemplate.description(subbed));
        assertFalse(StreamTemplate.description(subbed).contains("multi subs"), StreamTemplate.description(subbed));
    }

    @Test
    void languagesBecomeFlagsAndUnknownCodesStayReadable() {
        assertEquals("🌐 🌎 🇫🇷 xx", line(reference().hdr().audio().channels().quality("").codec("").size(0)
                .file(0, "m.mkv", 0).seeders(0).languages("multi", "FR", "xx").build(), 0));
    }

    @Test
    void groupAndIndexerLine() {
        assertEquals("🔍 Indexer", line(reference().group("").languages().build(), 3));
        assertEquals("⚙️ GROUP 🔗 example.com", line(reference().indexer("").languages().build(), 3));
        assertEquals("⚙️ GROUP", line(reference().indexer("").site("").languages().build(), 3));
    }

    @Test
    void torrentNameStandsInForAnUnknownFile() {
        StreamCandidate noFile = StreamFixture.stream().torrentName("Show.S01.1080p.WEB-DL").build();
        assertEquals("📁 Show.S01.1080p.WEB-DL", StreamTemplate.description(noFile));
    }

    @Test
    void nothingKnownGivesAnEmptyDescription() {
        assertEquals("", StreamTemplate.description(StreamFixture.stream().torrentName("").build()));
    }

    private static String firstLine(StreamCandidate stream) {
        return line(stream, 0);
    }

    private static String line(StreamCandidate stream, int index) {
        return StreamTemplate.description(stream).split("\n")[index];
    }
}
