package dev.chillproxy.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizeFormatTest {

    @ParameterizedTest
    @CsvSource({"0, 0 B", "7, 7 B", "-5, 0 B", "10, 10 B", "1023, 1023 B", "1024, 1.0 KB", "1536, 1.5 KB",
        "83968, 82 KB", "10189, 10 KB", "1048575, 1024 KB", "1048576, 1.0 MB", "734003200, 700 MB",
        "2684354560, 2.5 GB", "2576980378, 2.4 GB", "1099511627776, 1.0 TB", "1152921504606846976, 1.0 EB",
        "9223372036854775807, 8.0 EB"})
    void rendersBinaryUnitsWithAPlainBSuffixLikeGoHumanize(long bytes, String expected) {
        assertEquals(expected, SizeFormat.of(bytes));
    }

    @ParameterizedTest
    @CsvSource({"123, 123", "10GB, 10737418240", "1.5 GiB, 1610612736", "700MB, 734003200", "700 mb, 734003200",
        "2 k, 2048", "2KiB, 2048", "  3 B , 3", "1.5 GB, 1610612736"})
    void parsesTypedSizesAsBinary(String text, long bytes) {
        assertEquals(OptionalLong.of(bytes), SizeFormat.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GB", "1,5 GB", "ten MB", "1.5 XB", "-3 MB", "1.2.3", "1e9"})
    void rejectsTextThatIsNotASize(String text) {
        assertTrue(SizeFormat.parse(text).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(longs = {10, 999, 123_456, 2_684_354_560L, 5_000_000_000L})
    void parsingTheDisplayGivesBackTheSizeWithinDisplayPrecision(long bytes) {
        long back = SizeFormat.parse(SizeFormat.of(bytes)).orElseThrow();
        assertTrue(Math.abs(back - bytes) <= bytes * 0.05, back + " vs " + bytes);
    }
}
