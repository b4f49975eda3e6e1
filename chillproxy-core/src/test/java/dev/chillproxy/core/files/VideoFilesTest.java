package dev.chillproxy.core.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VideoFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Movie.2019.1080p.mkv", "a/b/Show.S01E01.MP4", "x.avi", "clip.m2ts", "disc/VIDEO_TS/VTS_01_1.VOB",
            "show.webm", "old.wmv", "3d.mk3d", "bd/BDMV/STREAM/00001.m2ts", "tv.ts"})
    void videosAreRecognisedWhateverTheCase(String path) {
        assertTrue(VideoFiles.isVideo(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Movie.2019.1080p.nfo", "subs/English.srt", "poster.jpg", "readme.txt", "movie.part1.rar",
            "movie.mkv.part", "RARBG.com.txt", "noextension", "folder.mkv/", "", "sub.idx", "sub.sub", "cover.png"})
    void otherFilesAreNot(String path) {
        assertFalse(VideoFiles.isVideo(path));
    }

    @Test
    void nullIsNotAVideo() {
        assertFalse(VideoFiles.isVideo(null));
        assertFalse(VideoFiles.isExtra(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Movie/Sample/movie-sample.mkv", "movie.2019.1080p-sample.mkv", "Sample.mkv",
            "Movie/Trailers/teaser.mp4", "movie.trailer.mp4", "SAMPLE/x.mkv"})
    void samplesAndTrailersAreExtras(String path) {
        assertTrue(VideoFiles.isExtra(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Movie.2019.1080p.mkv", "Show/Season 1/Show.S01E01.mkv", "Examples.Of.Life.mkv"})
    void ordinaryVideosAreNotExtras(String path) {
        assertFalse(VideoFiles.isExtra(path));
    }
}
