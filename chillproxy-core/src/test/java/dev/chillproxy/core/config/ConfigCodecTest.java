package dev.chillproxy.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chillproxy.core.secret.ApiKey;
import java.util.Optional;
import dev.chillproxy.core.store.StoreName;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigCodecTest {

    static final String USER = "8f14e45f-ceea-467f-a0e6-6a1c3d2b9e01";
    static final String TOKEN = "tbkey-0123456789abcdef-secret";

    static String std(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static TorzConfig decodeJson(String json) throws ConfigException {
        return ConfigCodec.decode(std(json));
    }

    @Test
    void decodesTheForkShapeWithPoolAuth() throws ConfigException {
        TorzConfig config = decodeJson("{\"indexers\":null,\"stores\":[{\"c\":\"tb\",\"t\":\"\",\"auth\":\"" + USER + "\"}]}");
        assertEquals(List.of(StoreConfig.pooled(StoreName.TORBOX, USER)), config.stores());
        assertTrue(config.stores().get(0).usesPool());
        assertEquals(List.of(), config.indexers());
        assertFalse(config.cached());
        assertEquals("", config.sort());
        assertEquals("", config.filter());
    }

    @Test
    void decodesEveryField() throws ConfigException {
        TorzConfig config = decodeJson("{\"stores\":[{\"c\":\"rd\",\"t\":\"" + TOKEN + "\"}],"
                + "\"indexers\":[{\"n\":\"jackett\",\"u\":\"https://j.example/api\",\"ak\":\"k123\"}],"
                + "\"cached\":true,\"unc_prvt\":true,\"sort\":\"-resolution,size\",\"filter\":\"Size < 5\","
                + "\"future_key\":{\"x\":[1,2]}}");
        assertEquals(new TorzConfig(List.of(StoreConfig.own(StoreName.REALDEBRID, TOKEN)),
                List.of(new IndexerConfig("jackett", "https://j.example/api", "k123")),
                true, true, "-resolution,size", "Size < 5"), config);
        assertFalse(config.stores().get(0).usesPool());
    }

    static Stream<TorzConfig> validConfigs() {
        return Stream.of(
                new TorzConfig(List.of(StoreConfig.pooled(StoreName.TORBOX, USER)), List.of(), false, false, "", ""),
                TorzConfig.p2p(null, false, false, null, null),
                new TorzConfig(List.of(new StoreConfig(StoreName.TORBOX, Optional.of(ApiKey.of(TOKEN)), Optional.of(USER)), StoreConfig.own(StoreName.REALDEBRID, "r?/+=")),
                        List.of(new IndexerConfig("generic", "http://idx.local:9117/torznab?x=1&y=é", ""),
                                new IndexerConfig("prowlarr", "https://p.example", "ak")),
                        true, false, "-hdr,quality", "Raw.Name contains \"ü/?>\""));
    }

    @ParameterizedTest
    @MethodSource("validConfigs")
    void roundTrips(TorzConfig config) throws ConfigException {
        String encoded = ConfigCodec.encode(config);
        assertTrue(encoded.matches("[A-Za-z0-9_-]+"), "URL-safe and unpadded: " + encoded);
        assertEquals(config, ConfigCodec.decode(encoded));
    }

    @Test
    void encodesCompactJsonWithStremThruKeysAndNoEmptyFields() {
        TorzConfig config = new TorzConfig(List.of(StoreConfig.pooled(StoreName.TORBOX, USER)),
                List.of(new IndexerConfig("generic", "https://i.example", "")), false, true, "", "");
        String json = new String(Base64.getUrlDecoder().decode(ConfigCodec.encode(config)), StandardCharsets.UTF_8);
        assertEquals("{\"stores\":[{\"c\":\"tb\",\"auth\":\"" + USER + "\"}],"
                + "\"indexers\":[{\"n\":\"generic\",\"u\":\"https://i.example\"}],\"unc_prvt\":true}", json);
    }

    /** A JSON with '?' at the right offsets gives '/' and '+' in standard base64, the case real clients break. */
    static Stream<String> spellings() throws ConfigException {
        String json = "{\"stores\":[{\"c\":\"tb\",\"auth\":\"" + USER + "\"}],\"filter\":\"Title == '??>??>~~~~x'\"}";
        String standard = std(json);
        String unpadded = standard.replace("=", "");
        String urlSafe = Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        assertTrue(standard.contains("/") && standard.contains("+") && standard.endsWith("="), standard);
        return Stream.of(standard, unpadded, urlSafe, urlSafe.replace("=", ""),
                standard.replace("/", "%2F").replace("+", "%2B").replace("=", "%3D"),
                standard.replace("/", "%2f"),
                "  " + standard + "\n",
                standard.replace('+', ' '));
    }

    @ParameterizedTest
    @MethodSource("spellings")
    void acceptsEveryBase64Spelling(String cfg) throws ConfigException {
        TorzConfig config = ConfigCodec.decode(cfg);
        assertEquals(Optional.of(USER), config.stores().get(0).poolUser());
        assertEquals("Title == '??>??>~~~~x'", config.filter());
    }

    @Test
    void normalisesUpperCaseUuidAndSortSpacing() throws ConfigException {
        TorzConfig config = decodeJson("{\"stores\":[{\"c\":\"tb\",\"auth\":\"" + USER.toUpperCase() + "\"}],"
                + "\"sort\":\" -size , hdr\"}");
        assertEquals(Optional.of(USER), config.stores().get(0).poolUser());
        assertEquals("-size,hdr", config.sort());
    }

    static Stream<Arguments> invalidJson() {
        String tb = "{\"c\":\"tb\",\"auth\":\"" + USER + "\"}";
        return Stream.of(
                Arguments.of("{}", "stores: at least one store"),
                Arguments.of("{\"stores\":[]}", "stores: at least one store"),
                Arguments.of("{\"stores\":null}", "stores: at least one store"),
                Arguments.of("{\"stores\":5}", "stores: not a list"),
                Arguments.of("{\"stores\":[5]}", "stores[0]: not an object"),
                Arguments.of("{\"stores\":[" + tb + "," + tb + "," + tb + "," + tb + "," + tb + "," + tb + "]}",
                        "stores: at most 5 allowed"),
                Arguments.of("{\"stores\":[{\"c\":\"tb\",\"auth\":\"not-a-uuid\"}]}", "stores[0].auth: not a UUID"),
                Arguments.of("{\"stores\":[{\"c\":\"tb\",\"auth\":\"{" + USER + "}\"}]}", "stores[0].auth: not a UUID"),
                Arguments.of("{\"stores\":[{\"c\":\"tb\"}]}", "stores[0]: needs auth or t"),
                Arguments.of("{\"stores\":[" + tb + ",{\"c\":\"xx\",\"t\":\"k\"}]}", "stores[1].c: unknown store code \"xx\""),
                Arguments.of("{\"stores\":[{\"t\":\"k\"}]}", "stores[0].c: missing"),
                Arguments.of("{\"stores\":[{\"c\":1,\"t\":\"k\"}]}", "stores[0].c: not a string; stores[0].c: missing"),
                Arguments.of("{\"stores\":[" + tb + ",{\"c\":\"p2p\"}]}", "stores: p2p must be the only store"),
                Arguments.of("{\"stores\":[{\"c\":\"rd\",\"t\":\"a b\"}]}",
                        "stores[0].t: contains spaces or characters outside visible ASCII; stores[0]: needs auth or t"),
                Arguments.of("{\"stores\":[{\"c\":\"rd\",\"t\":\"" + "k".repeat(257) + "\"}]}",
                        "stores[0].t: longer than 256 characters; stores[0]: needs auth or t"),
                Arguments.of("{\"stores\":[" + tb + "],\"indexers\":{}}", "indexers: not a list"),
                Arguments.of("{\"stores\":[" + tb + "],\"indexers\":[{\"n\":\"jackett\",\"u\":\"ftp://x\"}]}",
                        "indexers[0].u: not an http(s) URL"),
                Arguments.of("{\"stores\":[" + tb + "],\"indexers\":[{\"n\":\"jackett\"}]}",
                        "indexers[0].u: not an http(s) URL"),
                Arguments.of("{\"stores\":[" + tb + "],\"indexers\":[{\"n\":\"torrentz\",\"u\":\"http://x\"}]}",
                        "indexers[0].n: unknown indexer \"torrentz\" (generic, jackett or prowlarr)"),
                Arguments.of("{\"stores\":[" + tb + "],\"indexers\":[" + "{\"n\":\"generic\",\"u\":\"http://x\"},".repeat(10)
                        + "{\"n\":\"generic\",\"u\":\"http://x\"}]}", "indexers: at most 10 allowed"),
                Arguments.of("{\"stores\":[" + tb + "],\"cached\":\"yes\"}", "cached: not true or false"),
                Arguments.of("{\"stores\":[" + tb + "],\"unc_prvt\":1}", "unc_prvt: not true or false"),
                Arguments.of("{\"stores\":[" + tb + "],\"sort\":\"foo\"}",
                        "sort: unknown field \"foo\" (resolution, quality, size or hdr)"),
                Arguments.of("{\"stores\":[" + tb + "],\"sort\":\"size,-size\"}", "sort: field \"size\" listed twice"),
                Arguments.of("{\"stores\":[" + tb + "],\"sort\":\"size,\"}", "sort: empty field"),
                Arguments.of("{\"stores\":[" + tb + "],\"filter\":\"" + "x".repeat(2001) + "\"}",
                        "filter: longer than 2000 characters"),
                Arguments.of("{\"stores\":[" + tb + "],\"filter\":\"Resolution >= \"}",
                        "filter: invalid filter expression: unexpected end of expression at 15"),
                Arguments.of("{\"stores\":[" + tb + "],\"filter\":\"Colour == 'red'\"}",
                        "filter: invalid filter expression: unknown name \"Colour\" at 1"),
                Arguments.of("{\"stores\":[" + tb + "],\"filter\":\"Raw.Name matches '(a+)+$'\"}",
                        "filter: invalid filter expression: regular expression \"(a+)+$\" not allowed: a repeated group"
                                + " may not hold a repetition, as in (a+)+ or (.*x){3} at 10"),
                Arguments.of("{\"stores\":[{\"c\":\"tb\",\"auth\":\"bad\"}],\"sort\":[]}",
                        "stores[0].auth: not a UUID; sort: not a string"),
                Arguments.of("[]", "cfg: not a JSON object"),
                Arguments.of("\"stores\"", "cfg: not a JSON object"),
                Arguments.of(" ", "cfg: not a JSON object"),
                Arguments.of("{\"stores\":[", "cfg: not valid JSON"),
                Arguments.of("{} {}", "cfg: not valid JSON"),
                Arguments.of("{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}", "cfg: not valid JSON"),
                Arguments.of("{\"cached\":1" + "0".repeat(100) + "}", "cfg: not valid JSON"));
    }

    @ParameterizedTest
    @MethodSource("invalidJson")
    void namesEveryProblem(String json, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> decodeJson(json));
        assertEquals(message, e.getMessage());
        assertEquals(message, String.join("; ", e.problems().stream().map(ConfigProblem::toString).toList()));
    }

    /** Native torrent streams are no debrid service: the pool has no key for them. */
    @Test
    void refusesAPoolUserOnP2p() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> decodeJson("{\"stores\":[{\"c\":\"p2p\",\"auth\":\"" + USER + "\"}]}"));
        assertEquals(List.of(new ConfigProblem("stores[0].auth",
                "the key pool does not serve store \"p2p\"; use ad, dl, pm, rd, tb or your own token (t)")), e.problems());
    }

    /** The pool serves every debrid service, each with keys of its own (the server never crosses them). */
    @ParameterizedTest
    @ValueSource(strings = {"tb", "rd", "ad", "pm", "dl"})
    void acceptsAPoolUserOnEveryDebridService(String code) throws ConfigException {
        TorzConfig config = decodeJson("{\"stores\":[{\"c\":\"" + code + "\",\"auth\":\"" + USER + "\"}]}");
        assertEquals(List.of(StoreConfig.pooled(StoreName.fromCode(code), USER)), config.stores());
    }

    @Test
    void reportsAllProblemsWithFieldPaths() {
        ConfigException e = assertThrows(ConfigException.class, () -> decodeJson("{\"stores\":[{\"c\":\"tb\",\"auth\":\"x\"}],\"cached\":0}"));
        assertEquals(List.of(new ConfigProblem("stores[0].auth", "not a UUID"), new ConfigProblem("cached", "not true or false")),
                e.problems());
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!!", "a", "abcde", "%zz", "%", "e30=e30=", "\u00e9\u00e9\u00e9\u00e9", "   "})
    void rejectsBrokenEncodings(String cfg) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigCodec.decode(cfg));
        assertEquals("cfg", e.problems().get(0).field());
    }

    @Test
    void rejectsInvalidUtf8AndOverlongInput() {
        String badUtf8 = Base64.getEncoder().encodeToString(new byte[] {'{', '"', (byte) 0xC3, '"', '}'});
        assertEquals("cfg: not UTF-8 text", assertThrows(ConfigException.class, () -> ConfigCodec.decode(badUtf8)).getMessage());
        assertEquals("cfg: longer than 8192 characters",
                assertThrows(ConfigException.class, () -> ConfigCodec.decode("e".repeat(8193))).getMessage());
        assertEquals("cfg: missing", assertThrows(ConfigException.class, () -> ConfigCodec.decode(null)).getMessage());
    }

    @Test
    void neverEchoesATokenPutInTheWrongField() {
        String json = "{\"stores\":[{\"c\":\"" + TOKEN + "\",\"t\":\"tb\"}],\"sort\":\"" + TOKEN + "\","
                + "\"indexers\":[{\"n\":\"" + TOKEN + "\",\"u\":\"" + TOKEN + "\"}]}";
        ConfigException e = assertThrows(ConfigException.class, () -> decodeJson(json));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertFalse(e.getMessage().contains("0123456789abcdef"), e.getMessage());
    }

    @Test
    void toStringMasksSecrets() throws ConfigException {
        TorzConfig config = decodeJson("{\"stores\":[{\"c\":\"rd\",\"t\":\"" + TOKEN + "\"},{\"c\":\"tb\",\"auth\":\"" + USER + "\"}],"
                + "\"indexers\":[{\"n\":\"generic\",\"u\":\"https://i.example/api?apikey=" + TOKEN + "\",\"ak\":\"" + TOKEN + "\"}]}");
        String shown = config.toString();
        assertFalse(shown.contains(TOKEN), shown);
        assertFalse(shown.contains(USER), shown);
        assertTrue(shown.contains("code=rd") && shown.contains("https://i.example/api?…"), shown);
    }

    @Test
    void p2pNeedsNoToken() throws ConfigException {
        TorzConfig p2p = decodeJson("{\"stores\":[{\"c\":\"p2p\"}]}");
        assertTrue(p2p.p2p());
        assertEquals(List.of(), p2p.stores(), "p2p is no debrid store");
        assertEquals("{\"stores\":[{\"c\":\"p2p\"}]}", new String(Base64.getUrlDecoder().decode(ConfigCodec.encode(p2p)),
                StandardCharsets.UTF_8), "the wire format is kept");
    }
}
