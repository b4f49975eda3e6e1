package dev.chillproxy.core.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InfoHashTest {

    /** Big Buck Bunny's published info hash; its base32 form was computed with Python's base64.b32encode. */
    private static final String BBB_HEX = "dd8255ecdc7ca55fb0bbf81323d87062db1f6d1c";
    private static final String BBB_BASE32 = "3WBFL3G4PSSV7MF37AJSHWDQMLNR63I4";

    @ParameterizedTest
    @ValueSource(strings = {
            BBB_HEX,
            "DD8255ECDC7CA55FB0BBF81323D87062DB1F6D1C",
            "  " + BBB_HEX + "\n",
            BBB_BASE32,
            "3wbfl3g4pssv7mf37ajshwdqmlnr63i4",
            "magnet:?xt=urn:btih:" + BBB_HEX,
            "magnet:?xt=urn:btih:" + BBB_BASE32 + "&dn=Big+Buck+Bunny&tr=udp%3A%2F%2Fexplodie.org%3A6969",
            "MAGNET:?dn=x&xt=urn%3Abtih%3A" + BBB_HEX + "&xt=urn:btih:0000000000000000000000000000000000000000",
            "magnet:?xt=urn:btmh:1220abcd&xt.2=urn:BTIH:" + BBB_HEX,
            // a store's answer may carry a broken btih before the real one, as the store adapters always read it
            "magnet:?xt=urn:btih:xyz&xt.2=urn:btih:" + BBB_HEX,
    })
    void readsEveryForm(String text) {
        assertEquals(new InfoHash(BBB_HEX), InfoHash.parse(text));
    }

    @Test
    void base32MatchesAnIndependentConversionForRandomHashes() {
        Random random = new Random(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        for (int i = 0; i < 1000; i++) {
            StringBuilder base32 = new StringBuilder();
            BigInteger value = BigInteger.ZERO;
            for (int c = 0; c < 32; c++) {
                int digit = random.nextInt(32);
                base32.append(alphabet.charAt(digit));
                value = value.shiftLeft(5).add(BigInteger.valueOf(digit));
            }
            String hex = String.format("%040x", value);
            assertEquals(hex, InfoHash.parse(base32.toString()).hex(), base32.toString());
        }
    }

    @Test
    void readsASha1Digest() {
        byte[] digest = java.util.HexFormat.of().parseHex(BBB_HEX);
        assertEquals(new InfoHash(BBB_HEX), InfoHash.ofDigest(digest));
        assertThrows(IllegalArgumentException.class, () -> InfoHash.ofDigest(new byte[19]));
    }

    @Test
    void buildsAMagnetThatParsesBack() {
        InfoHash hash = new InfoHash(BBB_HEX);
        assertEquals("magnet:?xt=urn:btih:" + BBB_HEX, hash.toMagnet());
        assertEquals(hash, InfoHash.parse(hash.toMagnet()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-                                              | info hash: missing",
            "abc                                            | info hash: expected 40 hex or 32 base32 characters, got 3 characters",
            "dd8255ecdc7ca55fb0bbf81323d87062db1f6d1g       | info hash: expected 40 hex or 32 base32 characters, got 40 characters",
            "3WBFL3G4PSSV7MF37AJSHWDQMLNR63I1               | info hash: expected 40 hex or 32 base32 characters, got 32 characters",
            "magnet:?dn=nothing                             | magnet link: no xt=urn:btih: topic",
            "magnet:?xt=urn:btih:xyz                        | magnet link btih: expected 40 hex or 32 base32 characters, got 3 characters",
            "magnet:?xt=urn%ZZbtih                          | magnet link: bad percent-escape",
    })
    void rejectsWithAClearMessage(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> InfoHash.parse(text)).getMessage());
        assertEquals(Optional.empty(), InfoHash.tryParse(text));
    }

    @Test
    void theRecordOnlyHoldsCanonicalHex() {
        assertThrows(IllegalArgumentException.class, () -> new InfoHash(BBB_HEX.toUpperCase()));
        assertEquals(Optional.of(new InfoHash(BBB_HEX)), InfoHash.tryParse(BBB_BASE32));
    }
}
