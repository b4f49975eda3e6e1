package dev.chillproxy.core.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.chillproxy.core.stream.StreamCandidate;

class StreamSorterTest {

    private static StreamCandidate named(String name, String resolution, String quality, long size) {
        return StreamFixture.stream().torrentName(name).resolution(resolution).quality(quality).size(size).build();
    }

    private static String names(List<StreamCandidate> candidates) {
        return candidates.stream().map(StreamCandidate::torrentName).collect(Collectors.joining(","));
    }

    @Test
    void emptySpecSortsByResolutionThenQualityThenSizeDescending() {
        List<StreamCandidate> input = List.of(named("a", "720p", "BluRay", 5), named("b", "2160p", "WEB-DL", 1),
                named("c", "1080p", "WEB-DL", 9), named("d", "1080p", "BluRay", 2), named("e", "1080p", "BluRay", 3));

        assertEquals("b,e,d,c,a", names(StreamSorter.parse("").sort(input)));
        assertEquals(StreamSorter.DEFAULT_SPEC, StreamSorter.parse(null).toString());
    }

    @Test
    void ascendingKeysPutSmallestFirstAndKeepEqualOnesInInputOrder() {
        List<StreamCandidate> input = List.of(named("a", "1080p", "", 30), named("b", "720p", "", 10),
                named("c", "1080p", "", 10), named("d", "720p", "", 10));

        assertEquals("b,c,d,a", names(StreamSorter.parse("size").sort(input)));
        assertEquals("b,d,c,a", names(StreamSorter.parse(" size , resolution ").sort(input)));
    }

    @Test
    void hdrKeyPutsMoreHdrTagsFirstWhenDescending() {
        StreamCandidate sdr = StreamFixture.stream().torrentName("sdr").resolution("1080p").build();
        StreamCandidate dv = StreamFixture.stream().torrentName("dv").resolution("1080p").hdr("DV").build();
        StreamCandidate both = StreamFixture.stream().torrentName("both").resolution("1080p").hdr("HDR10", "DV").build();

        assertEquals("both,dv,sdr", names(StreamSorter.parse("-hdr").sort(List.of(sdr, dv, both))));
    }

    @Test
    void unparseableStreamsGoLastEvenInAscendingOrder() {
        List<StreamCandidate> input = List.of(named("unknown", "", "", 1), named("hd", "1080p", "", 5),
                named("sd", "480p", "", 9));

        assertEquals("sd,hd,unknown", names(StreamSorter.parse("resolution").sort(input)));
        assertEquals("hd,sd,unknown", names(StreamSorter.parse("-resolution").sort(input)));
    }

    @Test
    void sortingLeavesTheInputListAlone() {
        List<StreamCandidate> input = List.of(named("a", "720p", "", 1), named("b", "1080p", "", 1));
        StreamSorter.parse("").sort(input);
        assertEquals("a,b", names(input));
    }

    @Test
    void unknownFieldIsRejectedByName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StreamSorter.parse("-resolution,-seeders"));
        assertTrue(error.getMessage().contains("\"seeders\""), error.getMessage());
    }

    @Test
    void fieldNamesAreCaseInsensitiveAndNormalised() {
        assertEquals("-resolution,quality", StreamSorter.parse("-Resolution, QUALITY,").toString());
    }
}
