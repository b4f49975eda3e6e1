package dev.chillproxy.core.rank;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.chillproxy.core.stream.StreamCandidate;
import dev.chillproxy.core.title.ParsedTitle;

/**
 * The names a filter expression may use: go-ptt's parsed-title fields plus StremThru's stream fields.
 * Unknown values read as "", 0, false or an empty list, never null. Immutable and thread-safe.
 */
final class FilterFields {

    private static final Map<String, FilterField> FIELDS = build();

    private FilterFields() {
    }

    static Optional<FilterField> named(String name) {
        return Optional.ofNullable(FIELDS.get(name));
    }

    /** A known name that differs from {@code name} only in case, to suggest in an error. */
    static Optional<String> spelledLike(String name) {
        return FIELDS.keySet().stream().filter(known -> known.equalsIgnoreCase(name)).findFirst();
    }

    private static Map<String, FilterField> build() {
        Map<String, FilterField> fields = new LinkedHashMap<>();
        title(fields, "Title", ValueType.STRING, ParsedTitle::title);
        title(fields, "Year", ValueType.NUMBER, ParsedTitle::year);
        field(fields, "Resolution", ValueType.STRING, s -> s.candidate().parsed().resolution(), RankedField.RESOLUTION);
        field(fields, "Quality", ValueType.STRING, s -> s.candidate().parsed().quality(), RankedField.QUALITY);
        title(fields, "Codec", ValueType.STRING, ParsedTitle::codec);
        title(fields, "BitDepth", ValueType.STRING, ParsedTitle::bitDepth);
        title(fields, "HDR", ValueType.LIST, ParsedTitle::hdr);
        title(fields, "Audio", ValueType.LIST, ParsedTitle::audio);
        title(fields, "Channels", ValueType.LIST, ParsedTitle::channels);
        title(fields, "Languages", ValueType.LIST, ParsedTitle::languages);
        title(fields, "Seasons", ValueType.LIST, ParsedTitle::seasons);
        title(fields, "Episodes", ValueType.LIST, ParsedTitle::episodes);
        title(fields, "Complete", ValueType.BOOL, ParsedTitle::complete);
        title(fields, "Group", ValueType.STRING, ParsedTitle::group);
        title(fields, "Container", ValueType.STRING, ParsedTitle::container);
        title(fields, "Edition", ValueType.STRING, ParsedTitle::edition);
        title(fields, "Extended", ValueType.BOOL, ParsedTitle::extended);
        title(fields, "Proper", ValueType.BOOL, ParsedTitle::proper);
        title(fields, "Repack", ValueType.BOOL, ParsedTitle::repack);
        title(fields, "Remastered", ValueType.BOOL, ParsedTitle::remastered);
        title(fields, "Unrated", ValueType.BOOL, ParsedTitle::unrated);
        title(fields, "Uncensored", ValueType.BOOL, ParsedTitle::uncensored);
        title(fields, "Dubbed", ValueType.BOOL, ParsedTitle::dubbed);
        title(fields, "Subbed", ValueType.BOOL, ParsedTitle::subbed);
        title(fields, "Hardcoded", ValueType.BOOL, ParsedTitle::hardcoded);
        title(fields, "Retail", ValueType.BOOL, ParsedTitle::retail);
        title(fields, "Convert", ValueType.BOOL, ParsedTitle::convert);
        title(fields, "Upscaled", ValueType.BOOL, ParsedTitle::upscaled);
        title(fields, "Documentary", ValueType.BOOL, ParsedTitle::documentary);
        title(fields, "Commentary", ValueType.BOOL, ParsedTitle::commentary);
        // go-ptt's ThreeD is a label ("3D SBS"); "" when the release is not 3D.
        title(fields, "ThreeD", ValueType.STRING, ParsedTitle::threeD);
        title(fields, "YearEnd", ValueType.NUMBER, ParsedTitle::yearEnd);
        title(fields, "Site", ValueType.STRING, ParsedTitle::site);
        field(fields, "Size", ValueType.NUMBER, s -> torrentSize(s.candidate()), RankedField.SIZE);
        field(fields, "File.Size", ValueType.NUMBER, s -> fileSize(s.candidate()), RankedField.SIZE);
        stream(fields, "File.Name", ValueType.STRING, c -> c.file() == null ? "" : c.file().name());
        stream(fields, "File.Idx", ValueType.NUMBER, c -> c.file() == null ? -1 : c.file().index());
        stream(fields, "Hash", ValueType.STRING, StreamCandidate::hash);
        stream(fields, "IsPrivate", ValueType.BOOL, StreamCandidate::isPrivate);
        stream(fields, "Seeders", ValueType.NUMBER, c -> Math.max(c.seeders(), 0));
        stream(fields, "Indexer", ValueType.STRING, StreamCandidate::indexer);
        stream(fields, "Indexer.Name", ValueType.STRING, StreamCandidate::indexer);
        stream(fields, "Raw.Name", ValueType.STRING, StreamCandidate::torrentName);
        field(fields, "Store.Code", ValueType.STRING, FilterSubject::storeCode, null);
        field(fields, "Store.IsCached", ValueType.BOOL, FilterSubject::cached, null);
        return Map.copyOf(fields);
    }

    /** The torrent's size, or the file's when the torrent's is unknown; 0 when neither is known. */
    private static long torrentSize(StreamCandidate candidate) {
        return candidate.size() > 0 ? candidate.size() : fileSize(candidate);
    }

    private static long fileSize(StreamCandidate candidate) {
        return candidate.file() == null ? 0 : candidate.file().size();
    }

    private static void title(Map<String, FilterField> fields, String name, ValueType type,
            Function<ParsedTitle, Object> reader) {
        field(fields, name, type, s -> reader.apply(s.candidate().parsed()), null);
    }

    private static void stream(Map<String, FilterField> fields, String name, ValueType type,
            Function<StreamCandidate, Object> reader) {
        field(fields, name, type, s -> reader.apply(s.candidate()), null);
    }

    private static void field(Map<String, FilterField> fields, String name, ValueType type,
            Function<FilterSubject, Object> reader, RankedField rank) {
        fields.put(name, new FilterField(name, type, reader, rank));
    }
}
