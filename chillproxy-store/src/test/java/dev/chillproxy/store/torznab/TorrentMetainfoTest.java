package dev.chillproxy.store.torznab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.torrent.TorrentFile;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TorrentMetainfoTest {

    static byte[] multiFileInfo(int privateFlag) {
        return Bencode.encode(Map.of(
                "name", "Show.S01.1080p",
                "piece length", 262144,
                "pieces", new byte[20],
                "private", privateFlag,
                "files", List.of(
                        Map.of("length", 2147483648L, "path", List.of("Show.S01E01.mkv")),
                        Map.of("length", 1024, "path", List.of("Subs", "en.srt")))));
    }

    static String sha1Hex(byte[] bytes) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(bytes);
        return String.format("%040x", new BigInteger(1, digest));
    }

    @Test
    void infoHashIsSha1OfTheInfoDictionaryAndFilesAreListed() throws Exception {
        byte[] info = multiFileInfo(1);
        TorrentMetainfo metainfo = TorrentMetainfo.parse(Bencode.torrent(info, "http://tracker/announce"));
        assertEquals(sha1Hex(info), metainfo.infoHash());
        assertEquals("Show.S01.1080p", metainfo.name());
        assertEquals(List.of(new TorrentFile(0, "Show.S01.1080p/Show.S01E01.mkv", 2147483648L),
                new TorrentFile(1, "Show.S01.1080p/Subs/en.srt", 1024)), metainfo.files());
        assertTrue(metainfo.privateTorrent());
    }

    @Test
    void singleFileTorrentHasOneFileNamedAfterTheTorrent() throws Exception {
        byte[] info = Bencode.encode(Map.of("name", "Movie.2020.mkv", "length", 123456789L,
                "piece length", 16384, "pieces", "x".repeat(20).getBytes(StandardCharsets.US_ASCII)));
        TorrentMetainfo metainfo = TorrentMetainfo.parse(Bencode.torrent(info, "udp://t"));
        assertEquals(sha1Hex(info), metainfo.infoHash());
        assertEquals(List.of(new TorrentFile(0, "Movie.2020.mkv", 123456789L)), metainfo.files());
        assertFalse(metainfo.privateTorrent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "d", "de", "d4:infoi1ee", "d4:info5:abce", "i12", "d4:infod4:name3:abcee-trailing",
        "l999999999999999999999e"})
    void malformedTorrentsAreRejectedWithAClearError(String bytes) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TorrentMetainfo.parse(bytes.getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(e.getMessage().startsWith("torrent:"), e.getMessage());
    }

    @Test
    void deepNestingIsRejectedNotAStackOverflow() {
        String deep = "l".repeat(10_000) + "e".repeat(10_000);
        assertThrows(IllegalArgumentException.class,
                () -> TorrentMetainfo.parse(deep.getBytes(StandardCharsets.US_ASCII)));
    }
}
