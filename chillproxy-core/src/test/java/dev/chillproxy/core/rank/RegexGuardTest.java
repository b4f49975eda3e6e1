package dev.chillproxy.core.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"(?i)s01e0[1-3]", "^movie\\.(mkv|mp4)$", "(?i)\\b(remux|bluray)\\b", ".*2160p.*",
        "(S\\d+)?E\\d+", "(ab){3}", "(\\d{2}){2}", "[(a+)+]", "\\Q(a+)+\\E", "\\p{L}{2,5}", "(?:x265|hevc)+",
        "(?<year>\\d{4})", "a{2}{3}", "(?>a+)b", "[a-z]{1,1000}", "\\(a+\\)+", "x{0}", "(?i:web)+"})
    void ordinaryPatternsPass(String regex) {
        Pattern.compile(regex);
        assertEquals(Optional.empty(), RegexGuard.problem(regex), regex);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(a+)+$", "(a*)*", "(.*a){20}", "(a?){5}", "((a)+)+", "(x|(y+))*", "(?:\\d+\\.)+",
        "((ab)*c){2}", "(a{1,3}){2}", "(?<n>a+)+", "(x)\\1", "(?<n>x)\\k<n>", "a(?=b)", "a(?!b)", "(?<=a)b",
        "(?<!a)b", "a{1001}", "a{2,5000}", "(?i)((a+))+"})
    void catastrophicOrUnsupportedPatternsAreRefused(String regex) {
        Pattern.compile(regex);
        assertTrue(RegexGuard.problem(regex).isPresent(), regex);
    }
}
