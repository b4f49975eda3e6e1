package dev.chillproxy.store.torznab;

import dev.chillproxy.store.http.LogText;
import dev.chillproxy.core.torrent.InfoHash;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads caps and search feeds as a stream (StAX, the JDK's parser): a DOCTYPE is refused and external entities
 * are off (no XXE); at most {@link #MAX_ITEMS} items are read, and a feed cut by the byte cap keeps the items
 * read before the cut. Text from the indexer is made one-line and bounded here, so titles, names and error
 * descriptions cannot forge log lines or grow caches.
 */
final class TorznabXml {

    /** Items read per answer; the rest of a longer feed is not read. */
    static final int MAX_ITEMS = 300;
    /** Release names longer than this are cut. */
    static final int MAX_NAME_CHARS = 256;
    /** Links and magnets longer than this are ignored (a cut link would be wrong, not shorter). */
    static final int MAX_LINK_CHARS = 4_096;

    /** An item as the feed describes it, before any {@code .torrent} is fetched. */
    record FeedItem(String title, long size, int seeders, int peers, String hash, String magnet, String torrentUrl,
                    boolean privateTracker, String indexer) {
    }

    /** The items read; {@code truncation} says why the feed was not read to its end, empty when it was. */
    record Feed(List<FeedItem> items, String truncation) {
        Feed {
            items = List.copyOf(items);
        }
    }

    /** The indexer answered a Torznab {@code <error/>} document. */
    static final class IndexerError extends IOException {
        IndexerError(String message) {
            super(message);
        }
    }

    private TorznabXml() {
    }

    static TorznabCaps caps(CappedInputStream in) throws IOException {
        String serverTitle = null;
        Map<String, TorznabCaps.SearchFunction> functions = new HashMap<>();
        try {
            XMLStreamReader reader = open(in);
            try {
                rootOrError(reader);
                while (reader.hasNext()) {
                    if (reader.next() != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    String name = reader.getLocalName();
                    if ("server".equals(name) && serverTitle == null) {
                        serverTitle = LogText.oneLine(attribute(reader, "title"), 100);
                    } else if (Set.of("search", "tv-search", "movie-search").contains(name)) {
                        functions.putIfAbsent(name, function(reader));
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException(in.capped() ? "caps answer too large" : "not a valid Torznab XML document");
        }
        return new TorznabCaps(serverTitle, functions.get("search"), functions.get("tv-search"),
                functions.get("movie-search"));
    }

    /** The feed's items, at most {@code maxItems}; a feed cut by the stream's cap keeps what came before the cut. */
    static Feed feed(CappedInputStream in, int maxItems) throws IOException {
        List<FeedItem> items = new ArrayList<>();
        try {
            XMLStreamReader reader = open(in);
            try {
                rootOrError(reader);
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT && "item".equals(reader.getLocalName())) {
                        if (items.size() >= maxItems) {
                            return new Feed(items, "more than " + maxItems + " items, the rest not read");
                        }
                        items.add(item(reader));
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            if (in.capped()) {
                return new Feed(items, "answer larger than the size limit, cut after " + items.size() + " items");
            }
            throw new IllegalArgumentException("not a valid Torznab XML document");
        }
        return new Feed(items, "");
    }

    private static XMLStreamReader open(InputStream in) throws XMLStreamException {
        // a new factory per document: factories are not documented as thread-safe; the JDK's one, not the classpath's
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory.createXMLStreamReader(in);
    }

    /** Moves to the root element; a DOCTYPE is refused, an {@code <error/>} root becomes {@link IndexerError}. */
    private static void rootOrError(XMLStreamReader reader) throws XMLStreamException, IndexerError {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD) {
                throw new XMLStreamException("DOCTYPE not allowed");
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                if ("error".equals(reader.getLocalName())) {
                    throw new IndexerError("indexer error " + LogText.oneLine(attribute(reader, "code"), 10) + ": "
                            + LogText.oneLine(attribute(reader, "description"), 200));
                }
                return;
            }
        }
        throw new XMLStreamException("empty document");
    }

    private static TorznabCaps.SearchFunction function(XMLStreamReader reader) {
        Set<String> params = Arrays.stream(attribute(reader, "supportedParams").split(","))
                .map(p -> p.trim().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).limit(50)
                .collect(Collectors.toSet());
        return new TorznabCaps.SearchFunction("yes".equalsIgnoreCase(attribute(reader, "available")), params);
    }

    /** Reads one {@code <item>} (the reader is on its start) up to its end. */
    private static FeedItem item(XMLStreamReader reader) throws XMLStreamException {
        ItemFields fields = new ItemFields();
        int depth = 1;
        while (depth > 0 && reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                if (fields.read(reader, depth == 1)) {
                    continue; // the element was read to its end
                }
                depth++;
            }
        }
        return fields.toItem();
    }

    /** The parts of an item the search needs; the first occurrence wins, a direct child over a nested one. */
    private static final class ItemFields {
        private final Map<String, String> direct = new HashMap<>();
        private final Map<String, String> nested = new HashMap<>();
        private final Map<String, String> attrs = new HashMap<>();
        private String enclosureUrl;
        private String enclosureLength = "";
        private String indexer;
        private String indexerType = "";

        /** @return true when the element was consumed to its end tag */
        boolean read(XMLStreamReader reader, boolean directChild) throws XMLStreamException {
            String name = reader.getLocalName();
            switch (name) {
                case "attr" -> attrs.putIfAbsent(attribute(reader, "name").toLowerCase(Locale.ROOT),
                        attribute(reader, "value").trim());
                case "enclosure" -> {
                    if (enclosureUrl == null) {
                        enclosureUrl = attribute(reader, "url");
                        enclosureLength = attribute(reader, "length");
                    }
                }
                case "title", "link", "guid", "size" -> {
                    (directChild ? direct : nested).putIfAbsent(name, text(reader, MAX_LINK_CHARS + 1));
                    return true;
                }
                case "jackettindexer", "prowlarrindexer" -> {
                    if (indexer == null || ("prowlarrindexer".equals(name) && indexer.isEmpty())) {
                        indexerType = attribute(reader, "type");
                        indexer = LogText.oneLine(text(reader, 200), 64);
                        return true;
                    }
                }
                default -> {
                    return false;
                }
            }
            return false;
        }

        private String field(String name) {
            return direct.getOrDefault(name, nested.getOrDefault(name, ""));
        }

        FeedItem toItem() {
            String feedMagnet = link(attrs.getOrDefault("magneturl", ""));
            String link = link(field("link"));
            String guid = link(field("guid"));
            String enclosure = link(enclosureUrl == null ? "" : enclosureUrl);
            String magnet = feedMagnet.isEmpty() ? firstMagnet(link, guid, enclosure) : feedMagnet;
            String hash = InfoHash.tryParse(attrs.getOrDefault("infohash", "")).or(() -> InfoHash.tryParse(magnet))
                    .map(InfoHash::hex).orElse("");
            String torrentUrl = isHttp(enclosure) ? enclosure : isHttp(link) ? link : "";
            long size = number(field("size"), number(attrs.get("size"), enclosureUrl == null ? -1 : number(enclosureLength, -1)));
            boolean privateTracker = number(attrs.get("minimumratio"), 0) > 0
                    || number(attrs.get("minimumseedtime"), 0) > 0 || "private".equalsIgnoreCase(indexerType);
            return new FeedItem(LogText.oneLine(field("title"), MAX_NAME_CHARS), size,
                    (int) number(attrs.get("seeders"), -1), (int) number(attrs.get("peers"), -1), hash, magnet,
                    torrentUrl, privateTracker, indexer == null ? "" : indexer);
        }
    }

    /** The concatenated text inside the current element (nested elements included), at most {@code max} chars. */
    private static String text(XMLStreamReader reader, int max) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0 && reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    int room = max - text.length();
                    if (room > 0) {
                        text.append(reader.getTextCharacters(), reader.getTextStart(),
                                Math.min(room, reader.getTextLength()));
                    }
                }
                default -> {
                }
            }
        }
        return text.toString().trim();
    }

    private static String attribute(XMLStreamReader reader, String name) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            if (name.equals(reader.getAttributeLocalName(i))) {
                return reader.getAttributeValue(i);
            }
        }
        return "";
    }

    /** A link or magnet as given, or empty when it is too long to be one we would use. */
    private static String link(String value) {
        return value.length() > MAX_LINK_CHARS ? "" : value;
    }

    private static String firstMagnet(String... candidates) {
        for (String candidate : candidates) {
            if (candidate.regionMatches(true, 0, "magnet:", 0, 7)) {
                return candidate;
            }
        }
        return "";
    }

    private static boolean isHttp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static long number(String value, long fallback) {
        try {
            return value == null || value.isBlank() ? fallback : (long) Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
