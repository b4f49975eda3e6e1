package dev.chillproxy.store.torznab;

import dev.chillproxy.store.internal.InfoHash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Parses caps and search feeds with the JDK parser, DOCTYPEs and external entities refused (no XXE). */
final class TorznabXml {

    /** An item as the feed describes it, before any {@code .torrent} is fetched. */
    record FeedItem(String title, long size, int seeders, int peers, String hash, String magnet, String torrentUrl,
                    boolean privateTracker, String indexer) {
    }

    private TorznabXml() {
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not a valid Torznab XML document");
        }
    }

    /** The Torznab {@code <error code description/>} answer, or null. */
    static String error(Document document) {
        Element root = document.getDocumentElement();
        if (!"error".equals(root.getLocalName())) {
            return null;
        }
        return "indexer error " + root.getAttribute("code") + ": " + root.getAttribute("description");
    }

    static TorznabCaps caps(Document document) {
        Element server = first(document.getDocumentElement(), "server");
        return new TorznabCaps(server == null ? "" : server.getAttribute("title"),
                function(document, "search"), function(document, "tv-search"), function(document, "movie-search"));
    }

    private static TorznabCaps.SearchFunction function(Document document, String name) {
        NodeList nodes = document.getElementsByTagNameNS("*", name);
        if (nodes.getLength() == 0) {
            return null;
        }
        Element element = (Element) nodes.item(0);
        Set<String> params = Arrays.stream(element.getAttribute("supportedParams").split(","))
                .map(p -> p.trim().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).collect(Collectors.toSet());
        return new TorznabCaps.SearchFunction("yes".equalsIgnoreCase(element.getAttribute("available")), params);
    }

    static List<FeedItem> items(Document document) {
        List<FeedItem> items = new ArrayList<>();
        NodeList nodes = document.getElementsByTagNameNS("*", "item");
        for (int i = 0; i < nodes.getLength(); i++) {
            items.add(item((Element) nodes.item(i)));
        }
        return items;
    }

    private static FeedItem item(Element item) {
        String feedMagnet = attr(item, "magneturl");
        String link = text(item, "link");
        String guid = text(item, "guid");
        Element enclosure = first(item, "enclosure");
        String enclosureUrl = enclosure == null ? "" : enclosure.getAttribute("url");
        String magnet = feedMagnet.isEmpty() ? firstMagnet(link, guid, enclosureUrl) : feedMagnet;
        String hash = InfoHash.parse(attr(item, "infohash")).or(() -> InfoHash.parse(magnet)).orElse("");
        String torrentUrl = isHttp(enclosureUrl) ? enclosureUrl : isHttp(link) ? link : "";
        long size = number(text(item, "size"), number(attr(item, "size"),
                enclosure == null ? -1 : number(enclosure.getAttribute("length"), -1)));
        Element indexerElement = first(item, "jackettindexer");
        if (indexerElement == null) {
            indexerElement = first(item, "prowlarrindexer");
        }
        boolean privateTracker = number(attr(item, "minimumratio"), 0) > 0
                || number(attr(item, "minimumseedtime"), 0) > 0
                || (indexerElement != null && "private".equalsIgnoreCase(indexerElement.getAttribute("type")));
        return new FeedItem(text(item, "title"), size, (int) number(attr(item, "seeders"), -1),
                (int) number(attr(item, "peers"), -1), hash, magnet, torrentUrl, privateTracker,
                indexerElement == null ? "" : indexerElement.getTextContent().trim());
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

    /** Value of {@code <torznab:attr name=… value=…/>} (any namespace prefix), or empty. */
    private static String attr(Element item, String name) {
        NodeList attrs = item.getElementsByTagNameNS("*", "attr");
        for (int i = 0; i < attrs.getLength(); i++) {
            Element attr = (Element) attrs.item(i);
            if (name.equalsIgnoreCase(attr.getAttribute("name"))) {
                return attr.getAttribute("value").trim();
            }
        }
        return "";
    }

    private static Element first(Element parent, String localName) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())) {
                return element;
            }
        }
        NodeList nested = parent.getElementsByTagNameNS("*", localName);
        return nested.getLength() == 0 ? null : (Element) nested.item(0);
    }

    private static String text(Element parent, String localName) {
        Element element = first(parent, localName);
        return element == null ? "" : element.getTextContent().trim();
    }

    private static long number(String value, long fallback) {
        try {
            return value == null || value.isBlank() ? fallback : (long) Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
