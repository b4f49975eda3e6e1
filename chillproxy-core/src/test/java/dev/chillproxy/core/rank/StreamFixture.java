package dev.chillproxy.core.rank;

import java.util.ArrayList;
import java.util.List;

import dev.chillproxy.core.stream.StreamCandidate;
import dev.chillproxy.core.title.ParsedTitle;
import dev.chillproxy.core.torrent.TorrentFile;

/** Builds stream candidates for tests, with only the fields a test cares about set. */
public final class StreamFixture {

    private String hash = "0123456789abcdef0123456789abcdef01234567";
    private String torrentName = "Some.Movie.2020.1080p.BluRay.x265-GROUP";
    private String title = "Some Movie";
    private int year;
    private String resolution = "";
    private String quality = "";
    private String codec = "";
    private String edition = "";
    private String group = "";
    private String site = "";
    private List<String> hdr = List.of();
    private List<String> audio = List.of();
    private List<String> channels = List.of();
    private List<String> languages = List.of();
    private List<Integer> seasons = List.of();
    private boolean complete;
    private long size;
    private int seeders = -1;
    private String indexer = "";
    private boolean isPrivate;
    private TorrentFile file;

    public static StreamFixture stream() {
        return new StreamFixture();
    }

    public StreamFixture hash(String value) { hash = value; return this; }
    public StreamFixture torrentName(String value) { torrentName = value; return this; }
    public StreamFixture title(String value) { title = value; return this; }
    public StreamFixture year(int value) { year = value; return this; }
    public StreamFixture resolution(String value) { resolution = value; return this; }
    public StreamFixture quality(String value) { quality = value; return this; }
    public StreamFixture codec(String value) { codec = value; return this; }
    public StreamFixture edition(String value) { edition = value; return this; }
    public StreamFixture group(String value) { group = value; return this; }
    public StreamFixture site(String value) { site = value; return this; }
    public StreamFixture hdr(String... values) { hdr = List.of(values); return this; }
    public StreamFixture audio(String... values) { audio = List.of(values); return this; }
    public StreamFixture channels(String... values) { channels = List.of(values); return this; }
    public StreamFixture languages(String... values) { languages = List.of(values); return this; }
    public StreamFixture seasons(Integer... values) { seasons = List.of(values); return this; }
    public StreamFixture complete(boolean value) { complete = value; return this; }
    public StreamFixture size(long value) { size = value; return this; }
    public StreamFixture seeders(int value) { seeders = value; return this; }
    public StreamFixture indexer(String value) { indexer = value; return this; }
    public StreamFixture isPrivate(boolean value) { isPrivate = value; return this; }
    public StreamFixture file(int index, String path, long bytes) { file = new TorrentFile(index, path, bytes); return this; }

    public StreamCandidate build() {
        ParsedTitle parsed = ParsedTitle.builder().title(title).year(year).resolution(resolution).quality(quality)
                .codec(codec).hdr(hdr).audio(audio).channels(channels).languages(languages).seasons(seasons)
                .episodes(new ArrayList<>()).complete(complete).group(group).edition(edition).site(site).build();
        return new StreamCandidate(hash, torrentName, parsed, size, seeders, indexer, isPrivate, "", file);
    }
}
