package dev.chillproxy.core.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.chillproxy.core.stream.StreamCandidate;
import dev.chillproxy.core.title.TitleParser;

/** Filters can read the title parser's go-ptt fields: dub/sub and other flags, the 3D label, year ranges. */
class FilterFieldsTest {

    private static final TitleParser PARSER = new TitleParser();

    private static boolean matches(String expression, String releaseName) throws Exception {
        StreamCandidate candidate = new StreamCandidate("a".repeat(40), releaseName, PARSER.parse(releaseName), 0, 0,
                "", false, "", null);
        FilterBudget unlimited = new FilterBudget(Long.MAX_VALUE / 2, Duration.ofDays(1), () -> 0L);
        return StreamFilter.compile(expression).test(candidate, "", false, unlimited);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '~', value = {
        "Dubbed ; Movie.2019.MULTi.1080p.BluRay.x264-GRP => true",
        "Dubbed ; Movie.2019.1080p.BluRay.x264-GRP => false",
        "Subbed ; [Group] Show - 01 [1080p][Multi-Subs] => true",
        "\"multi subs\" in Languages ; [Group] Show - 01 [1080p][Multi-Subs] => true",
        "\"dual audio\" in Languages ; Movie (2019) Dual Audio 720p WEBRip => true",
        "Hardcoded ; Movie.2019.HC.HDRip.x264 => true",
        "Uncensored ; Show.S01E01.UNCENSORED.1080p.WEB.x264 => true",
        "Retail ; Movie.1999.RETAIL.DVDRip.XviD-GRP => true",
        "Upscaled ; Movie.1975.1080p.Upscaled.WEB.x264 => true",
        "Documentary ; Planet.Earth.2006.Documentary.1080p.BluRay.x264 => true",
        "Commentary ; Alien.1979.1080p.BluRay.x264.Commentary-GRP => true",
        "Convert ; Metropolis.1927.CONVERT.1080p.BluRay.x264 => true",
        "ThreeD == \"3D HSBS\" ; Avatar.2009.3D.HSBS.1080p.BluRay.x264-FLAME => true",
        "ThreeD == \"\" ; Avatar.2009.1080p.BluRay.x264-FLAME => true",
        "YearEnd == 1992 ; Lethal.Weapon.Quadrilogy.1987-1992.1080p.BluRay.x264 => true"})
    void newTitleFieldsAreFilterable(String expressionAndName, boolean expected) throws Exception {
        String[] parts = expressionAndName.split(" ; ", 2);
        assertEquals(expected, matches(parts[0], parts[1]), expressionAndName);
    }
}
