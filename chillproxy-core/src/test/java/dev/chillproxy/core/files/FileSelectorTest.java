package dev.chillproxy.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.chillproxy.core.title.TitleParser;
import dev.chillproxy.core.torrent.TorrentFile;

class FileSelectorTest {

    private static final long MB = 1024L * 1024L;
    private final FileSelector selector = new FileSelector(new TitleParser());

    /** Builds a torrent listing from "path:sizeInMB" entries, indexed in order. */
    private static List<TorrentFile> torrent(String... entries) {
        List<TorrentFile> files = new ArrayList<>();
        for (String entry : entries) {
            int colon = entry.lastIndexOf(':');
            files.add(new TorrentFile(files.size(), entry.substring(0, colon),
                    Long.parseLong(entry.substring(colon + 1)) * MB));
        }
        return files;
    }

    /** A 10-episode season-2 pack with extras, samples and text files; episode 10 is the largest file. */
    private static List<TorrentFile> seasonTwoPack() {
        List<String> entries = new ArrayList<>(List.of(
                "Show.S02.1080p.BluRay.x264-GRP/Show.S02.1080p.BluRay.x264-GRP.nfo:1",
                "Show.S02.1080p.BluRay.x264-GRP/Sample/show.s02e01.sample.mkv:60",
                "Show.S02.1080p.BluRay.x264-GRP/Extras/Show.S02.Behind.The.Scenes.mkv:3000",
                "Show.S02.1080p.BluRay.x264-GRP/Subs/Show.S02E05.English.srt:1"));
        for (int e = 1; e <= 10; e++) {
            entries.add(String.format("Show.S02.1080p.BluRay.x264-GRP/Show.S02E%02d.1080p.BluRay.x264-GRP.mkv:%d",
                    e, 1500 + e * 10));
        }
        return torrent(entries.toArray(String[]::new));
    }

    private static TorrentFile chosen(FileChoice choice, MatchedBy expectedRule) {
        FileChoice.Chosen c = assertInstanceOf(FileChoice.Chosen.class, choice);
        assertEquals(expectedRule, c.by());
        return c.file();
    }

    @Test
    void picksTheRequestedEpisodeFromASeasonPack() {
        TorrentFile f = chosen(selector.choose(FileRequest.forEpisode(2, 5), seasonTwoPack()), MatchedBy.EPISODE);
        assertEquals("Show.S02E05.1080p.BluRay.x264-GRP.mkv", f.name());
    }

    @Test
    void episodeMissingFromThePackIsNoMatchNotTheLargestFile() {
        FileChoice choice = selector.choose(FileRequest.forEpisode(2, 11), seasonTwoPack());
        FileChoice.NoMatch none = assertInstanceOf(FileChoice.NoMatch.class, choice);
        assertTrue(none.reason().contains("S02E11"), none.reason());
    }

    @Test
    void wrongSeasonOfAPackIsNoMatch() {
        assertInstanceOf(FileChoice.NoMatch.class, selector.choose(FileRequest.forEpisode(1, 5), seasonTwoPack()));
    }

    @Test
    void multiSeasonPackWithSeasonFolders() {
        List<TorrentFile> files = torrent(
                "Show.S01-S03.1080p/Season 1/Show.S01E03.1080p.mkv:1200",
                "Show.S01-S03.1080p/Season 2/Show.S02E03.1080p.mkv:1100",
                "Show.S01-S03.1080p/Season 3/Show.S03E03.1080p.mkv:1300");
        assertEquals("Show.S02E03.1080p.mkv",
                chosen(selector.choose(FileRequest.forEpisode(2, 3), files), MatchedBy.EPISODE).name());
    }

    @Test
    void seasonFromFolderWhenFileNamesOnlyNumberEpisodes() {
        List<TorrentFile> files = torrent(
                "Show Complete/Season 1/05.mkv:900",
                "Show Complete/Season 1/06.mkv:900",
                "Show Complete/Season 2/05 - The Return.mkv:800",
                "Show Complete/Season 2/06 - The End.mkv:950");
        assertEquals("Show Complete/Season 2/05 - The Return.mkv",
                chosen(selector.choose(FileRequest.forEpisode(2, 5), files), MatchedBy.EPISODE).path());
    }

    @Test
    void seasonFromSceneStyleFolders() {
        List<TorrentFile> files = torrent(
                "Show.Complete.Series/Show.S01.720p.WEB-DL/Show.S01E05.720p.WEB-DL.mkv:700",
                "Show.Complete.Series/Show.S02.720p.WEB-DL/Show.S02E05.720p.WEB-DL.mkv:710",
                "Show.Complete.Series/Show.S02.720p.WEB-DL/Show.S02E06.720p.WEB-DL.mkv:720");
        assertEquals("Show.S01E05.720p.WEB-DL.mkv",
                chosen(selector.choose(FileRequest.forEpisode(1, 5), files), MatchedBy.EPISODE).name());
    }

    @Test
    void animeAbsoluteNumbersWithoutSeason() {
        List<TorrentFile> files = torrent(
                "[SubsPlease] Frieren (01-28) (1080p)/[SubsPlease] Frieren - 27 (1080p) [AAAA1111].mkv:1400",
                "[SubsPlease] Frieren (01-28) (1080p)/[SubsPlease] Frieren - 28 (1080p) [BBBB2222].mkv:1450",
                "[SubsPlease] Frieren (01-28) (1080p)/[SubsPlease] Frieren - 05 (1080p) [CCCC3333].mkv:1300");
        assertEquals(2, chosen(selector.choose(FileRequest.forEpisode(null, 5), files), MatchedBy.EPISODE).index());
        assertEquals(2, chosen(selector.choose(FileRequest.forEpisode(1, 5), files), MatchedBy.EPISODE).index());
        assertInstanceOf(FileChoice.NoMatch.class, selector.choose(FileRequest.forEpisode(2, 5), files));
    }

    @Test
    void laterSeasonOfAnAbsolutelyNumberedAnimePackCountsFromItsFirstEpisode() {
        List<TorrentFile> files = torrent(
                "[Erai-raws] Show S2 (1080p)/[Erai-raws] Show - 26 [1080p][ABCD0001].mkv:1400",
                "[Erai-raws] Show S2 (1080p)/[Erai-raws] Show - 27 [1080p][ABCD0002].mkv:1410",
                "[Erai-raws] Show S2 (1080p)/[Erai-raws] Show - 28 [1080p][ABCD0003].mkv:1420",
                "[Erai-raws] Show S2 (1080p)/[Erai-raws] Show - 29 [1080p][ABCD0004].mkv:1430");
        assertEquals(2, chosen(selector.choose(FileRequest.forEpisode(2, 3), files), MatchedBy.EPISODE).index());
        assertEquals(0, chosen(selector.choose(FileRequest.forEpisode(2, 1), files), MatchedBy.EPISODE).index());
        assertInstanceOf(FileChoice.NoMatch.class, selector.choose(FileRequest.forEpisode(2, 5), files));
        assertInstanceOf(FileChoice.NoMatch.class, selector.choose(FileRequest.forEpisode(3, 1), files),
                "the folder says season 2");
    }

    @Test
    void absolutePackStartingAtOneIsNotCountedForLaterSeasons() {
        List<TorrentFile> files = torrent(
                "Show/[Group] Show - 01 [1080p].mkv:1400",
                "Show/[Group] Show - 02 [1080p].mkv:1410",
                "Show/[Group] Show - 03 [1080p].mkv:1420");
        assertInstanceOf(FileChoice.NoMatch.class, selector.choose(FileRequest.forEpisode(2, 1), files));
    }

    @Test
    void animeOnePieceFourDigitEpisodes() {
        List<TorrentFile> files = torrent(
                "One Piece/[Judas] One Piece - 1070 [1080p][HEVC x265 10bit].mkv:500",
                "One Piece/[Judas] One Piece - 1071 [1080p][HEVC x265 10bit].mkv:400");
        assertEquals(1, chosen(selector.choose(FileRequest.forEpisode(null, 1071), files), MatchedBy.EPISODE).index());
    }

    @Test
    void movieWithSampleAndExtrasPlaysTheLargestRealVideo() {
        List<TorrentFile> files = torrent(
                "Movie.2019.1080p.BluRay.x264-GRP/Sample/movie-sample.mkv:80",
                "Movie.2019.1080p.BluRay.x264-GRP/Featurettes/Making.Of.mkv:2000",
                "Movie.2019.1080p.BluRay.x264-GRP/Movie.2019.1080p.BluRay.x264-GRP.mkv:9000",
                "Movie.2019.1080p.BluRay.x264-GRP/Movie.2019.1080p.BluRay.x264-GRP.nfo:1");
        assertEquals(2, chosen(selector.choose(FileRequest.forMovie(), files), MatchedBy.LARGEST).index());
    }

    @Test
    void movieWithOneVideoAndSubtitles() {
        List<TorrentFile> files = torrent("Movie (2019)/Movie (2019).mp4:2000", "Movie (2019)/Movie.en.srt:1",
                "Movie (2019)/poster.jpg:1", "Movie (2019)/movie-sample.mp4:30");
        assertEquals(0, chosen(selector.choose(FileRequest.forMovie(), files), MatchedBy.SINGLE_VIDEO).index());
    }

    @Test
    void singleEpisodeTorrentWithUnparseableName() {
        List<TorrentFile> files = torrent("video.mkv:700", "info.txt:1");
        assertEquals(0, chosen(selector.choose(FileRequest.forEpisode(3, 4), files), MatchedBy.SINGLE_VIDEO).index());
    }

    @Test
    void exactNameWinsOverIndex() {
        List<TorrentFile> files = torrent("Movie.Part.One.mkv:4000", "Movie.Part.Two.mkv:5000");
        FileRequest request = new FileRequest(null, null, true, "Movie.Part.One.mkv", 1, true, null);
        assertEquals(0, chosen(selector.choose(request, files), MatchedBy.NAME).index());
    }

    @Test
    void untrustedIndexIsIgnored() {
        List<TorrentFile> files = torrent("Movie.Part.One.mkv:4000", "Movie.Part.Two.mkv:5000");
        FileRequest request = new FileRequest(null, null, true, "", 0, false, null);
        assertEquals(1, chosen(selector.choose(request, files), MatchedBy.LARGEST).index());
    }

    @Test
    void trustedIndexIsUsed() {
        List<TorrentFile> files = torrent("Movie.Part.One.mkv:4000", "Movie.Part.Two.mkv:5000");
        FileRequest request = new FileRequest(null, null, true, "", 0, true, null);
        assertEquals(0, chosen(selector.choose(request, files), MatchedBy.INDEX).index());
    }

    @Test
    void unknownIndexIsIgnoredEvenWhenTrusted() {
        List<TorrentFile> files = torrent("a.mkv:4000", "b.mkv:5000");
        FileRequest request = new FileRequest(null, null, true, "", -1, true, null);
        assertEquals(1, chosen(selector.choose(request, files), MatchedBy.LARGEST).index());
    }

    @Test
    void indexOfANonVideoFileIsIgnored() {
        List<TorrentFile> files = torrent("a.nfo:1", "a.mkv:4000", "b.mkv:5000");
        FileRequest request = new FileRequest(null, null, true, "", 0, true, null);
        assertEquals(2, chosen(selector.choose(request, files), MatchedBy.LARGEST).index());
    }

    @Test
    void knownPathWinsOverEverything() {
        List<TorrentFile> files = seasonTwoPack();
        String known = files.get(10).path();
        FileRequest request = new FileRequest(2, 5, false, "Show.S02E05.1080p.BluRay.x264-GRP.mkv", 5, true, known);
        assertEquals(known, chosen(selector.choose(request, files), MatchedBy.KNOWN).path());
    }

    @Test
    void knownPathNotInTheTorrentFallsThrough() {
        FileRequest request = new FileRequest(2, 5, false, "", -1, false, "Elsewhere/Show.S02E05.mkv");
        assertEquals("Show.S02E05.1080p.BluRay.x264-GRP.mkv",
                chosen(selector.choose(request, seasonTwoPack()), MatchedBy.EPISODE).name());
    }

    @Test
    void episodeInAPackWithoutNumbersNeverFallsBackToTheLargest() {
        List<TorrentFile> files = torrent("Show/Pilot.mkv:900", "Show/The Return.mkv:1200", "Show/Finale.mkv:1500");
        assertInstanceOf(FileChoice.NoMatch.class, selector.choose(FileRequest.forEpisode(1, 2), files));
    }

    @Test
    void episodeWithUnparseableNamesUsesTheLinkName() {
        List<TorrentFile> files = torrent("Show/Pilot.mkv:900", "Show/The Return.mkv:1200", "Show/Finale.mkv:1500");
        FileRequest request = new FileRequest(1, 2, false, "The Return.mkv", -1, false, null);
        assertEquals(1, chosen(selector.choose(request, files), MatchedBy.NAME).index());
    }

    @Test
    void episodeWithUnparseableNamesUsesATrustedIndex() {
        List<TorrentFile> files = torrent("Show/Pilot.mkv:900", "Show/The Return.mkv:1200", "Show/Finale.mkv:1500");
        FileRequest request = new FileRequest(1, 2, false, "", 1, true, null);
        assertEquals(1, chosen(selector.choose(request, files), MatchedBy.INDEX).index());
    }

    @Test
    void multiEpisodeFileCoversBothEpisodes() {
        List<TorrentFile> files = torrent("Lost.S01/Lost.S01E01E02.Pilot.720p.mkv:1400",
                "Lost.S01/Lost.S01E03.Tabula.Rasa.720p.mkv:700");
        assertEquals(0, chosen(selector.choose(FileRequest.forEpisode(1, 2), files), MatchedBy.EPISODE).index());
    }

    @Test
    void crossStyleNumbering() {
        List<TorrentFile> files = torrent("Futurama S04/Futurama 4x11 Bend Her.avi:350",
                "Futurama S04/Futurama 4x12 Where No Fan Has Gone Before.avi:350");
        assertEquals(1, chosen(selector.choose(FileRequest.forEpisode(4, 12), files), MatchedBy.EPISODE).index());
    }

    @Test
    void twoCopiesOfTheEpisodePlayTheLarger() {
        List<TorrentFile> files = torrent("720p/Show.S01E01.720p.mkv:700", "1080p/Show.S01E01.1080p.mkv:1500",
                "1080p/Show.S01E02.1080p.mkv:1500");
        assertEquals(1, chosen(selector.choose(FileRequest.forEpisode(1, 1), files), MatchedBy.EPISODE).index());
    }

    @Test
    void specialsAreSeasonZero() {
        List<TorrentFile> files = torrent("Show/Specials/Show.S00E01.Christmas.Special.mkv:900",
                "Show/Season 1/Show.S01E01.mkv:900");
        assertEquals(0, chosen(selector.choose(FileRequest.forEpisode(0, 1), files), MatchedBy.EPISODE).index());
    }

    @Test
    void sampleOfTheEpisodeIsNotPlayed() {
        List<TorrentFile> files = torrent("Show.S01E01/Sample/show.s01e01.sample.mkv:900",
                "Show.S01E01/Show.S01E01.1080p.WEB.h264-GRP.mkv:800");
        assertEquals(1, chosen(selector.choose(FileRequest.forEpisode(1, 1), files), MatchedBy.EPISODE).index());
    }

    @Test
    void torrentWithoutVideosIsNoMatch() {
        List<TorrentFile> files = torrent("Movie/movie.part1.rar:4000", "Movie/movie.nfo:1");
        assertInstanceOf(FileChoice.NoMatch.class, selector.choose(FileRequest.forMovie(), files));
        assertInstanceOf(FileChoice.NoMatch.class, selector.choose(FileRequest.forMovie(), null));
    }

    @Test
    void filmCalledSampleStillPlays() {
        List<TorrentFile> files = torrent("Sample.Movie.2020.720p/Sample.Movie.2020.720p.mkv:1500");
        assertEquals(0, chosen(selector.choose(FileRequest.forMovie(), files), MatchedBy.SINGLE_VIDEO).index());
    }

    @Test
    void invalidRequestsAreRejectedClearly() {
        assertThrows(IllegalArgumentException.class, () -> new FileRequest(1, -1, false, "", -1, false, ""));
        assertThrows(IllegalArgumentException.class, () -> new FileRequest(null, null, true, "", -2, false, ""));
        assertEquals("", new FileRequest(null, null, true, null, -1, false, null).fileName());
    }
}
