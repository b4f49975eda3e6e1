package dev.chillproxy.server.faults;

import java.util.List;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A Jackett-style Torznab endpoint (adapted from the torz tests' fake): caps with imdbid search, and a feed of the
 * items filed under the requested {@code imdbid}. Thread-safe (immutable).
 */
final class FakeIndexer extends Dispatcher {

    record Item(String imdbId, String title, String hash, long size) {
    }

    private final List<Item> items;

    FakeIndexer(List<Item> items) {
        this.items = List.copyOf(items);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if ("caps".equals(request.getUrl().queryParameter("t"))) {
            return xml("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <caps><server title="Fake Jackett" /><limits default="100" max="100" />
                      <searching>
                        <search available="yes" supportedParams="q" />
                        <tv-search available="yes" supportedParams="q,season,ep,imdbid" />
                        <movie-search available="yes" supportedParams="q,imdbid" />
                      </searching></caps>""");
        }
        StringBuilder feed = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:torznab="http://torznab.com/schemas/2015/feed"><channel><title>feed</title>""");
        String imdbId = request.getUrl().queryParameter("imdbid");
        for (Item item : items.stream().filter(item -> item.imdbId().equals(imdbId)).toList()) {
            feed.append("<item><title>").append(item.title()).append("</title>")
                    .append("<jackettindexer id=\"fake\">FakeTracker</jackettindexer>")
                    .append("<size>").append(item.size()).append("</size>")
                    .append("<torznab:attr name=\"seeders\" value=\"7\"/>")
                    .append("<torznab:attr name=\"infohash\" value=\"").append(item.hash()).append("\"/>")
                    .append("</item>");
        }
        return xml(feed.append("</channel></rss>").toString());
    }

    private static MockResponse xml(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/rss+xml").body(body).build();
    }
}
