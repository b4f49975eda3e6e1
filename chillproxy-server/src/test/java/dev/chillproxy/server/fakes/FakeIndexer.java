package dev.chillproxy.server.fakes;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A Jackett-style Torznab endpoint: caps with imdbid support for movie and tv search, and a feed of the items
 * filed under the requested {@code imdbid} (the client's query is recorded). {@code delayMs} makes it a slow indexer.
 * Thread-safe.
 */
public final class FakeIndexer extends Dispatcher {

    /** @param privateTracker marked with a minimum ratio; @param link its {@code .torrent} link, "" for none */
    public record Item(String imdbId, String title, String hash, long size, int seeders, boolean privateTracker,
                       String link) {
        public Item(String imdbId, String title, String hash, long size, int seeders) {
            this(imdbId, title, hash, size, seeders, false, "");
        }
    }

    private final List<Item> items;
    private final long delayMs;
    private final AtomicInteger searches = new AtomicInteger();
    private volatile String lastQuery = "";

    public FakeIndexer(long delayMs, List<Item> items) {
        this.items = List.copyOf(items);
        this.delayMs = delayMs;
    }

    public FakeIndexer(long delayMs, Item... items) {
        this(delayMs, List.of(items));
    }

    /** Searches so far (caps requests not counted). */
    public int searches() {
        return searches.get();
    }

    /** The raw query string of the last search, "" before any. */
    public String lastQuery() {
        return lastQuery;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String t = request.getUrl().queryParameter("t");
        if ("caps".equals(t)) {
            return xml("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <caps><server title="Fake Jackett" /><limits default="100" max="100" />
                      <searching>
                        <search available="yes" supportedParams="q" />
                        <tv-search available="yes" supportedParams="q,season,ep,imdbid" />
                        <movie-search available="yes" supportedParams="q,imdbid" />
                      </searching></caps>""");
        }
        searches.incrementAndGet();
        lastQuery = request.getUrl().query();
        if (delayMs > 0) {
            Thread.sleep(delayMs);
        }
        StringBuilder feed = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:torznab="http://torznab.com/schemas/2015/feed"><channel><title>feed</title>""");
        String imdbId = request.getUrl().queryParameter("imdbid");
        for (Item item : items.stream().filter(item -> item.imdbId().equals(imdbId)).toList()) {
            feed.append("<item><title>").append(item.title()).append("</title>")
                    .append("<jackettindexer id=\"fake\">FakeTracker</jackettindexer>")
                    .append("<size>").append(item.size()).append("</size>")
                    .append("<torznab:attr name=\"seeders\" value=\"").append(item.seeders()).append("\"/>")
                    .append("<torznab:attr name=\"infohash\" value=\"").append(item.hash()).append("\"/>")
                    .append(item.privateTracker() ? "<torznab:attr name=\"minimumratio\" value=\"1\"/>" : "")
                    .append(item.link().isEmpty() ? "" : "<link>" + item.link().replace("&", "&amp;") + "</link>")
                    .append("</item>");
        }
        return xml(feed.append("</channel></rss>").toString());
    }

    private static MockResponse xml(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/rss+xml").body(body).build();
    }
}
