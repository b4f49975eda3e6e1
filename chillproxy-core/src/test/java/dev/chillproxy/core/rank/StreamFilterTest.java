package dev.chillproxy.core.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.chillproxy.core.stream.StreamCandidate;

class StreamFilterTest {

    /** 1080p BluRay x265 HDR10+DV, DDP 5.1, en+ja, 2.5 GiB torrent with a 2.4 GiB file, 42 seeders. */
    private static final StreamCandidate MOVIE = StreamFixture.stream().resolution("1080p").quality("BluRay")
            .codec("x265").hdr("HDR10", "DV").audio("DDP").channels("5.1").languages("en", "ja").group("GROUP")
            .year(2020).size(2_684_354_560L).file(3, "Movie/movie.mkv", 2_576_980_378L).seeders(42)
            .indexer("Indexer").build();

    private static boolean matches(String expression, StreamCandidate candidate) throws FilterException {
        try {
            return StreamFilter.compile(expression).test(candidate, "", false, unlimited());
        } catch (FilterTooExpensiveException e) {
            throw new AssertionError("an unlimited budget ran out", e);
        }
    }

    /** As much as a test needs, on a clock that never moves: outcomes depend on steps only. */
    static FilterBudget unlimited() {
        return new FilterBudget(Long.MAX_VALUE / 2, Duration.ofDays(1), () -> 0L);
    }

    private static String error(String expression) {
        return assertThrows(FilterException.class, () -> StreamFilter.compile(expression)).getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
        "Resolution == \"1080p\" => true", "Resolution != \"1080p\" => false", "Resolution > \"720p\" => true",
        "Resolution >= \"1080p\" && Resolution >= \"720p\" => true", "Resolution < \"720p\" => false",
        "Resolution <= \"1080p\" && Resolution <= \"720p\" => false", "Resolution >= \"4k\" => false",
        "\"720p\" < Resolution => true", "Resolution >= 1080 => true"})
    void resolutionComparesRanks(String expression, boolean expected) throws FilterException {
        assertEquals(expected, matches(expression, MOVIE));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
        "Quality == \"BluRay\" => true", "Quality != \"BluRay\" => false", "Quality > \"HDTV\" => true",
        "Quality >= \"WEB-DL\" && Quality >= \"HDTV\" => true", "Quality < \"BluRay REMUX\" => true",
        "Quality <= \"WEB-DL\" => false", "Quality > \"WEBRip\" => true", "Quality >= \"WEB\" => true"})
    void qualityComparesRanks(String expression, boolean expected) throws FilterException {
        assertEquals(expected, matches(expression, MOVIE));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
        "Size == \"2.5 GB\" => true", "Size != \"2.5 GiB\" => false", "Size > \"700 MB\" => true", "Size < \"700MB\" => false",
        "Size < \"10GB\" => true", "Size > \"2.4 GB\" => true", "File.Size == \"2.4 GB\" => true",
        "File.Size < Size => true", "Size > 1000000 => true", "Size < \"1.5 TB\" => true"})
    void sizeComparesBinaryBytesAsShown(String expression, boolean expected) throws FilterException {
        assertEquals(expected, matches(expression, MOVIE));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
        "\"DV\" in HDR => true", "HDR contains \"DV\" => true", "\"SDR\" in HDR => false", "\"SDR\" not in HDR => true",
        "\"en\" in Languages => true", "len(Languages) == 0 || \"sk\" in Languages => false",
        "Codec in [\"x265\", 'hevc'] => true", "Codec not in [\"x264\"] => true", "Group startsWith \"GR\" => true",
        "Group endsWith 'UP' => true", "File.Name matches `^movie\\.(mkv|mp4)$` => true", "Codec contains \"26\" => true",
        "!Complete && len(Seasons) <= 1 => true", "not IsPrivate and Seeders > 10 => true", "Seeders >= 50 or Year == 2020 => true",
        "Indexer == \"Indexer\" => true", "File.Idx == 3 => true", "lower(Group) == \"group\" => true", "-Seeders < 0 => true",
        "(Resolution == \"720p\" || Resolution == \"1080p\") && !(\"CAM\" == Quality) => true",
        "Store.Code == \"\" && !Store.IsCached => true", "Title == \"Some Movie\" => true", "HDR == [\"HDR10\", \"DV\"] => true",
        "Year > 2020.5 => false", "Audio contains 'DDP' && Channels contains '5.1' => true"})
    void operatorsBehaveLikeExprLang(String expression, boolean expected) throws FilterException {
        assertEquals(expected, matches(expression, MOVIE));
    }

    @Test
    void documentedExamplesWork() throws FilterException {
        StreamCandidate uhd = StreamFixture.stream().resolution("2160p").quality("WEB-DL").build();
        StreamCandidate pack = StreamFixture.stream().resolution("1080p").complete(true).seasons(1, 2).build();

        assertFalse(matches("Resolution != \"4k\"", uhd));
        assertTrue(matches("Resolution != \"4k\"", MOVIE));
        assertFalse(matches("!Complete && len(Seasons) <= 1 && len(Episodes) <= 1", pack));
        assertTrue(matches("Resolution >= \"1080p\" && Quality >= \"WEB\"", uhd));
        assertTrue(matches("len(Languages) == 0 || \"sk\" in Languages || \"en\" in Languages", uhd));
    }

    @Test
    void storeFieldsComeFromTheCaller() throws Exception {
        StreamFilter cachedOnTorBox = StreamFilter.compile("Store.Code == \"TB\" && Store.IsCached");

        assertTrue(cachedOnTorBox.test(MOVIE, "tb", true, unlimited()));
        assertFalse(cachedOnTorBox.test(MOVIE, "tb", false, unlimited()));
        assertFalse(cachedOnTorBox.test(MOVIE, null, true, unlimited()));
    }

    @Test
    void missingFileReadsAsEmpty() throws FilterException {
        StreamCandidate noFile = StreamFixture.stream().size(100).build();
        assertTrue(matches("File.Name == \"\" && File.Idx == -1 && File.Size == 0 && Size == 100", noFile));
    }

    @Test
    void runtimeErrorsKeepTheStream() throws FilterException {
        assertTrue(matches("Title > 3", MOVIE), "string vs number ordering fails at run time");
        assertTrue(matches("Size < Resolution", MOVIE), "\"1080p\" is not a size");
        assertTrue(matches("!(Title > 3)", MOVIE), "the error is not negated: the whole expression keeps the stream");
        assertTrue(matches("Year in nil", MOVIE));
        assertFalse(matches("\"2\" in Seasons || Complete", StreamFixture.stream().seasons(1).build()));
    }

    @Test
    void invalidRuntimeRegexKeepsTheStream() throws FilterException {
        StreamCandidate odd = StreamFixture.stream().group("(").build();
        assertTrue(matches("Title matches Group", odd));
    }

    @Test
    void catastrophicRegexGivesUpAndKeepsTheStream() throws FilterException {
        StreamCandidate evil = StreamFixture.stream().title("a,".repeat(15) + "b".repeat(20)).build();
        assertFalse(matches("Title matches \"^zzz\"", evil));
        // no nested repetition, so allowed at compile time, but polynomial: one match reads too much
        assertTrue(matches("!(Title matches \".*a.*a.*a.*a.*a.*a.*a.*#\")", evil), "too slow to decide: kept");
        assertTrue(matches("Title matches \".*a.*a.*a.*a.*a.*a.*a.*#\"", evil), "too slow to decide: kept");
    }

    @Test
    void aPatternTakenFromAStreamFollowsTheSameRules() throws FilterException {
        StreamCandidate nested = StreamFixture.stream().title("a".repeat(40) + "b").group("(a+)+$").build();
        StreamCandidate plain = StreamFixture.stream().title("a".repeat(40) + "b").group("a+b").build();
        assertTrue(matches("!(Title matches Group)", nested), "refused at run time: kept, not run");
        assertFalse(matches("!(Title matches Group)", plain));
    }

    @Test
    void catastrophicRegexShapesAreCompileErrors() {
        assertEquals("invalid filter expression: regular expression \"(a+)+$\" not allowed: a repeated group may not"
                + " hold a repetition, as in (a+)+ or (.*x){3} at 7", error("Title matches \"(a+)+$\""));
        assertTrue(error("Title matches `(.*a){20}`").contains("repeated group"));
        assertTrue(error("Title matches `(x)\\1`").contains("back-references"));
        assertTrue(error("Title matches `foo(?!bar)`").contains("lookarounds"));
        assertTrue(error("Title matches `a{1001}`").contains("above 1000"));
        String many = "Title matches \"x\" || ".repeat(FilterParser.MAX_MATCHES) + "Title matches \"y\"";
        assertTrue(error(many).startsWith("invalid filter expression: more than 32 \"matches\""), error(many));
    }

    @Test
    void emptyExpressionKeepsEverything() throws Exception {
        assertTrue(StreamFilter.compile("").test(MOVIE, "", false, unlimited()));
        assertTrue(StreamFilter.compile(null).test(MOVIE, "", false, unlimited()));
        assertTrue(StreamFilter.compile("   ").test(MOVIE, "", false, unlimited()));
    }

    @Test
    void syntaxErrorsNameTheTokenAndColumn() {
        assertEquals("invalid filter expression: unexpected token \")\" at 14", error("Resolution ==)"));
        assertEquals("invalid filter expression: unexpected end of expression at 14", error("Resolution =="));
        assertEquals("invalid filter expression: unexpected character \"=\" (use == to compare) at 12",
                error("Resolution = \"1080p\""));
        assertEquals("invalid filter expression: unterminated string at 15", error("Resolution == \"1080p"));
        assertEquals("invalid filter expression: missing \")\" for \"(\" opened at 1", error("(Complete"));
        assertEquals("invalid filter expression: unexpected token string \"x\" at 10", error("Complete \"x\""));
    }

    @Test
    void unknownNamesAreCompileErrors() {
        assertEquals("invalid filter expression: unknown name \"Resolutoin\" at 1", error("Resolutoin == \"1080p\""));
        assertEquals("invalid filter expression: unknown name \"resolution\" (names are case-sensitive: Resolution) at 1",
                error("resolution == \"1080p\""));
        assertEquals("invalid filter expression: unknown function \"size\" (known: len, lower, upper) at 1",
                error("size(HDR) > 1"));
    }

    @Test
    void certainTypeErrorsAreCompileErrors() {
        assertEquals("invalid filter expression: the expression gives a string, not true or false", error("Resolution"));
        assertTrue(error("Codec && true").contains("\"&&\" cannot be used with a string"));
        assertTrue(error("\"en\" in Codec").contains("\"in\" cannot be used with a string"));
        assertTrue(error("Size < \"huge\"").contains("cannot compare size with \"huge\""));
        assertTrue(error("Title matches \"(\"").contains("invalid regular expression"));
        assertTrue(error("Title matches \"" + "a".repeat(300) + "\"").contains("longer than 256"));
    }

    @Test
    void limitsAreCompileErrorsNotCrashes() {
        assertTrue(error("Complete || ".repeat(200) + "Complete").contains("longer than 2000 characters"));
        assertEquals("invalid filter expression: nested deeper than 64 levels at 65",
                error("(".repeat(100) + "Complete" + ")".repeat(100)));
        assertTrue(error("!".repeat(500) + "Complete").contains("nested deeper than 64"));
        assertTrue(error("[".repeat(500)).contains("nested deeper than 64"));
    }

    @Test
    void longFlatChainsAreFine() throws FilterException {
        String chain = "Seeders > 1 && ".repeat(120) + "true";
        assertTrue(matches(chain, MOVIE));
    }
}
